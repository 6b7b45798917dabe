package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition.ParameterDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.elements.entity.WhereMapping;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a resource's {@code where} mapping, part of {@link ElementRules}: what the
 * translation of a query relies on, checked once when the element is loaded or written, so a
 * broken mapping is an author's error at start-up or on {@code POST /elements} rather than a
 * confusing answer to an application later. Mirrors the {@code whereMapping} part of
 * {@code element.schema.json} plus what a schema cannot state (unique names, template
 * placeholders, date patterns, operators that suit the field's type).
 */
final class WhereRules {

    private static final Pattern FIELD_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_]*(\\.[\\p{L}_][\\p{L}\\p{Nd}_]*)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> ORDERING = Set.of(">", ">=", "<", "<=");
    private static final Set<String> DATE_KEYWORDS = Set.of("epoch", "epochSeconds", "epochMillis");

    private WhereRules() {
    }

    static void check(ResourceDefinition resource, String where, List<String> problems) {
        List<ParameterDefinition> parameters = resource.parameters() == null ? List.of() : resource.parameters();
        if (parameters.stream().anyMatch(p -> p != null && "where".equals(p.name()) && "query".equals(p.type()))) {
            problems.add(where + ": the query parameter name 'where' is the hub's query language; name the parameter otherwise");
        }
        WhereMapping mapping = resource.where();
        if (mapping == null) {
            return;
        }
        String at = where + ": where";
        if (!"GET".equals(resource.method())) {
            problems.add(at + " is for GET resources");
        }
        if (mapping.fields() == null || mapping.fields().isEmpty()) {
            problems.add(at + ".fields needs at least one field");
        }
        if (mapping.filters() != null && mapping.expression() != null) {
            problems.add(at + " has both filters and an expression; a provider takes one of them");
        }
        if (mapping.filters() != null) {
            checkFilters(mapping.filters(), at + ".filters", problems);
        }
        if (mapping.expression() != null) {
            checkExpression(mapping.expression(), at + ".expression", problems);
        }
        Set<String> names = new HashSet<>();
        for (WhereMapping.Field field : mapping.fields() == null ? List.<WhereMapping.Field>of() : mapping.fields()) {
            if (field == null || field.name() == null || !FIELD_NAME.matcher(field.name()).matches()
                    || WhereMapping.KEYWORDS.contains(field.name().toLowerCase(Locale.ROOT))) {
                problems.add(at + ": every field needs a name of letters, digits and '_' (dotted for nested fields, not a"
                        + " keyword of the language): " + (field == null ? null : field.name()));
                continue;
            }
            if (!names.add(field.name())) {
                problems.add(at + ": field '" + field.name() + "' appears twice");
            }
            checkField(mapping, field, at + " field '" + field.name() + "'", problems);
        }
    }

    private static void checkField(WhereMapping mapping, WhereMapping.Field field, String at, List<String> problems) {
        String type = field.typeOrDefault();
        if (!WhereMapping.TYPES.contains(type)) {
            problems.add(at + ": type must be one of " + WhereMapping.TYPES);
        }
        if (!"date".equals(type) && (field.format() != null || field.timezone() != null)) {
            problems.add(at + ": format and timezone are for date fields");
        }
        if (field.format() != null && !DATE_KEYWORDS.contains(field.format())) {
            try {
                DateTimeFormatter.ofPattern(field.format(), Locale.ROOT);
            } catch (IllegalArgumentException e) {
                problems.add(at + ": format '" + field.format() + "' is not epoch, epochMillis or a date pattern ("
                        + e.getMessage() + ")");
            }
        }
        if (field.timezone() != null) {
            try {
                ZoneId.of(field.timezone());
            } catch (DateTimeException e) {
                problems.add(at + ": timezone '" + field.timezone() + "' is not a time zone");
            }
        }
        if (field.operators() == null || field.operators().isEmpty()) {
            problems.add(at + " needs at least one operator");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (WhereMapping.Operator operator : field.operators()) {
            if (operator == null || !WhereMapping.OPERATORS.contains(operator.operator())) {
                problems.add(at + ": every operator is one of " + WhereMapping.OPERATORS);
                continue;
            }
            String op = at + " '" + operator.operator() + "'";
            if (!seen.add(operator.operator())) {
                problems.add(op + " appears twice");
            }
            checkOperator(mapping, type, operator, op, problems);
        }
    }

    private static void checkOperator(WhereMapping mapping, String type, WhereMapping.Operator operator, String at,
                                      List<String> problems) {
        String spelling = operator.operator();
        if (spelling.equals("like") && !type.equals("string")) {
            problems.add(at + ": like is for string fields");
        }
        if (ORDERING.contains(spelling) && type.equals("boolean")) {
            problems.add(at + ": a boolean field has no order");
        }
        boolean ownParameter = !isBlank(operator.parameter());
        boolean vendorOperator = !isBlank(operator.vendorOperator());
        if (ownParameter == vendorOperator) {
            problems.add(at + " needs exactly one of parameter and vendorOperator");
        }
        if (ownParameter && "where".equals(operator.parameter())) {
            problems.add(at + ": the provider parameter cannot be 'where'");
        }
        if (operator.value() != null) {
            List<String> names = placeholders(operator.value());
            if (!ownParameter || !names.contains("value") || !Set.of("value").containsAll(names)) {
                problems.add(at + ": value is a template of the parameter's value, with {value} and nothing else in braces");
            }
        }
        if (vendorOperator && mapping.filters() == null && mapping.expression() == null) {
            problems.add(at + ": a vendorOperator needs the resource's filters or expression");
        }
        if (operator.condition() != null) {
            if (!vendorOperator || mapping.expression() == null) {
                problems.add(at + ": condition is for a vendorOperator in an expression");
            }
            unknownPlaceholders(operator.condition(), List.of("field", "operator", "value"), at + " condition", problems);
        }
        if (!spelling.equals("in") && (operator.list() != null || operator.separator() != null)) {
            problems.add(at + ": list and separator are for 'in'");
        }
        if (operator.list() != null && !WhereMapping.LIST_ENCODINGS.contains(operator.list())) {
            problems.add(at + ": list must be one of " + WhereMapping.LIST_ENCODINGS);
        }
    }

    private static void checkFilters(WhereMapping.Filters filters, String at, List<String> problems) {
        if (filters.firstIndex() != null && filters.firstIndex() < 0) {
            problems.add(at + ".firstIndex must not be negative");
        }
        if (filters.parameters() == null || filters.parameters().isEmpty()) {
            problems.add(at + ".parameters needs at least one parameter");
            return;
        }
        boolean carriesValue = false;
        for (WhereMapping.Parameter parameter : filters.parameters()) {
            if (parameter == null || isBlank(parameter.name()) || parameter.value() == null) {
                problems.add(at + ": every parameter needs a name and a value");
                continue;
            }
            if (!placeholders(parameter.name()).contains("index")) {
                problems.add(at + " parameter " + parameter.name() + ": the name needs {index}, or two conditions would"
                        + " set the same parameter");
            }
            unknownPlaceholders(parameter.name(), List.of("index", "field", "operator"), at + " parameter name " + parameter.name(),
                    problems);
            unknownPlaceholders(parameter.value(), List.of("index", "field", "operator", "value"),
                    at + " parameter value " + parameter.value(), problems);
            carriesValue |= placeholders(parameter.value()).contains("value");
        }
        if (!carriesValue) {
            problems.add(at + ": no parameter's value has {value}");
        }
    }

    private static void checkExpression(WhereMapping.Expression expression, String at, List<String> problems) {
        if (isBlank(expression.parameter()) || "where".equals(expression.parameter())) {
            problems.add(at + ".parameter is required (and is not 'where')");
        }
        if (expression.condition() != null) {
            unknownPlaceholders(expression.condition(), List.of("field", "operator", "value"), at + ".condition", problems);
        }
        if (expression.and() != null && expression.and().isEmpty() || expression.or() != null && expression.or().isEmpty()) {
            problems.add(at + ": and and or, when given, are not empty");
        }
    }

    private static void unknownPlaceholders(String template, List<String> known, String at, List<String> problems) {
        placeholders(template).stream().filter(name -> !known.contains(name))
                .forEach(name -> problems.add(at + ": unknown placeholder {" + name + "} (known: " + known + ")"));
    }

    private static List<String> placeholders(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
