package io.plugboard.proxy.control.where;

import io.plugboard.elements.entity.WhereMapping;
import io.plugboard.platform.control.Outcome;
import io.plugboard.proxy.control.where.WhereNode.Condition;
import io.plugboard.proxy.control.where.WhereNode.Literal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed {@code where} turned into the provider's query parameters, following the resource's
 * {@link WhereMapping}: each condition becomes a parameter of its own, a group of filter
 * parameters, or part of one expression parameter. Values are checked against the field's type
 * and written as the provider wants them (dates by the field's format); they are only ever
 * placed into parameter values, which the caller's query encoding then URL-encodes, never into a
 * path or a raw query string.
 *
 * <p>Everything the resource cannot express is refused with the field, operator or column named,
 * because a condition the provider silently ignored would return records the application asked
 * not to see. In particular {@code or} is refused unless the resource's expression has an
 * {@code or}, and two conditions that would set the same provider parameter are refused, since
 * the provider would read one of them (or both as alternatives).
 */
public final class WhereTranslator {

    private static final Pattern QUOTED_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final String resource;
    private final WhereMapping mapping;
    private final Map<String, List<String>> parameters = new LinkedHashMap<>();
    /** Which condition (by its column) set each parameter, for the message when two do. */
    private final Map<String, WhereNode.Field> setBy = new LinkedHashMap<>();
    private final List<Fragment> fragments = new ArrayList<>();
    private int nextFilter;

    private WhereTranslator(String resource, WhereMapping mapping) {
        this.resource = resource;
        this.mapping = mapping;
        this.nextFilter = mapping.filters() == null || mapping.filters().firstIndex() == null ? 0 : mapping.filters().firstIndex();
    }

    /** A part of the expression parameter: its text, and whether it is alternatives (parenthesized beside others). */
    private record Fragment(String text, boolean alternatives) {
    }

    /** A value as the provider gets it, and whether it is a string or a date (which an expression may quote). */
    private record Value(String text, boolean string, boolean date) {
    }

    /**
     * The provider's query parameters for {@code where} on the resource at {@code resourcePath}, in
     * the order the conditions were written; or why the query cannot be run there.
     */
    public static Outcome<Map<String, List<String>>> translate(String resourcePath, WhereMapping mapping, String where) {
        if (mapping == null || mapping.fields() == null || mapping.fields().isEmpty()) {
            return Outcome.invalid("where: the resource " + resourcePath + " cannot be filtered (its element declares no where fields)");
        }
        return WhereParser.parse(where).flatMap(tree -> new WhereTranslator(resourcePath, mapping).translate(tree));
    }

    private Outcome<Map<String, List<String>>> translate(WhereNode tree) {
        List<WhereNode> conjuncts = tree instanceof WhereNode.And and ? and.operands() : List.of(tree);
        for (WhereNode conjunct : conjuncts) {
            // The parser flattens nested 'and', so a conjunct is a condition or alternatives.
            Optional<String> refused = conjunct instanceof WhereNode.Or or ? alternatives(or) : add((Condition) conjunct);
            if (refused.isPresent()) {
                return Outcome.invalid(refused.get());
            }
        }
        if (!fragments.isEmpty()) {
            WhereMapping.Expression expression = mapping.expression();
            String text = fragments.size() == 1 ? fragments.get(0).text()
                    : fragments.stream().map(f -> f.alternatives() ? "(" + f.text() + ")" : f.text())
                    .collect(Collectors.joining(andJoiner(expression)));
            Optional<String> refused = put(expression.parameter(), List.of(text), null);
            if (refused.isPresent()) {
                return Outcome.invalid(refused.get());
            }
        }
        return Outcome.success(parameters);
    }

    /** One condition that must hold: as the provider's own parameter, filter group or expression part. */
    private Optional<String> add(Condition condition) {
        Outcome<Resolved> found = resolve(condition);
        if (found instanceof Outcome.Invalid<Resolved> invalid) {
            return Optional.of(invalid.message());
        }
        Resolved resolved = ((Outcome.Success<Resolved>) found).value();
        WhereMapping.Operator operator = resolved.operator();
        if (operator.parameter() != null) {
            return ownParameter(condition, operator, resolved.values());
        }
        if (mapping.expression() != null) {
            fragments.add(new Fragment(condition(resolved), false));
            return Optional.empty();
        }
        if (mapping.filters() != null) {
            return filterGroup(condition, resolved);
        }
        return Optional.of("where: the element maps '" + condition.operator().spelling() + "' on '" + condition.field().name()
                + "' to a vendor operator but declares neither filters nor an expression");
    }

    /** A field, operator and values that passed every check. */
    private record Resolved(WhereMapping.Field field, WhereMapping.Operator operator, List<Value> values) {
    }

    /** The field and operator the resource has for the condition, and its values as the field's type takes them. */
    private Outcome<Resolved> resolve(Condition condition) {
        String name = condition.field().name();
        Optional<WhereMapping.Field> found = mapping.field(name);
        if (found.isEmpty()) {
            return Outcome.invalid("where: the resource " + resource + " cannot filter on '" + name + "' (it can filter on: "
                    + mapping.fields().stream().filter(Objects::nonNull).map(WhereMapping.Field::name)
                    .collect(Collectors.joining(", ")) + ")");
        }
        WhereMapping.Field field = found.get();
        String spelling = condition.operator().spelling();
        Optional<WhereMapping.Operator> operator = field.operator(spelling);
        if (operator.isEmpty()) {
            return Outcome.invalid("where: the resource " + resource + " cannot use '" + spelling + "' on '" + name
                    + "' (it can use: " + field.operators().stream().filter(Objects::nonNull).map(WhereMapping.Operator::operator)
                    .collect(Collectors.joining(", ")) + ")");
        }
        List<Value> values = new ArrayList<>();
        for (Literal literal : condition.values()) {
            Outcome<Value> value = value(field, literal);
            if (!(value instanceof Outcome.Success<Value> success)) {
                return value.asFailure();
            }
            values.add(success.value());
        }
        return Outcome.success(new Resolved(field, operator.get(), values));
    }

    /**
     * The literal as the field's type takes it. A string field takes any literal as its text; a
     * number field a number (quoted or not); a boolean field true or false (quoted or not); a
     * date field a date literal, written in the field's format.
     */
    static Outcome<Value> value(WhereMapping.Field field, Literal literal) {
        String name = field.name();
        return switch (field.typeOrDefault()) {
            case "number" -> {
                if (literal instanceof WhereNode.Numeric number) {
                    yield Outcome.success(new Value(number.text(), false, false));
                }
                if (literal instanceof WhereNode.Text text && QUOTED_NUMBER.matcher(text.text()).matches()) {
                    yield Outcome.success(new Value(text.text(), false, false));
                }
                yield Outcome.invalid("where: '" + name + "' is a number; " + shown(literal) + " at column "
                        + literal.column() + " is not one");
            }
            case "boolean" -> {
                if (literal instanceof WhereNode.Bool bool) {
                    yield Outcome.success(new Value(bool.text(), false, false));
                }
                String text = literal.text().toLowerCase(Locale.ROOT);
                if (literal instanceof WhereNode.Text && (text.equals("true") || text.equals("false"))) {
                    yield Outcome.success(new Value(text, false, false));
                }
                yield Outcome.invalid("where: '" + name + "' is true or false; " + shown(literal) + " at column "
                        + literal.column() + " is neither");
            }
            case "date" -> {
                if (literal instanceof WhereNode.DateTime date) {
                    yield formatted(field, date).map(text -> new Value(text, false, true));
                }
                yield Outcome.invalid("where: '" + name + "' is a date; " + shown(literal) + " at column " + literal.column()
                        + " is not an ISO 8601 date or date-time (such as '2024-05-01' or '2024-05-01T12:00:00Z')");
            }
            default -> Outcome.success(new Value(literal.text(), true, false));
        };
    }

    /**
     * A date in the field's format: epoch seconds ({@code epoch}, {@code epochSeconds}),
     * {@code epochMillis}, a pattern in the field's zone, or ISO 8601 in UTC. A date without an
     * offset is read in the field's zone (UTC by default); a date alone is that day's start.
     */
    static Outcome<String> formatted(WhereMapping.Field field, WhereNode.DateTime date) {
        try {
            ZoneId zone = field.timezone() == null || field.timezone().isBlank() ? ZoneOffset.UTC : ZoneId.of(field.timezone());
            ZonedDateTime instant = date.at(zone);
            String format = field.format();
            if (format == null || format.isBlank()) {
                return Outcome.success(DateTimeFormatter.ISO_INSTANT.format(instant));
            }
            return Outcome.success(switch (format) {
                case "epoch", "epochSeconds" -> Long.toString(instant.toEpochSecond());
                case "epochMillis" -> Long.toString(instant.toInstant().toEpochMilli());
                default -> DateTimeFormatter.ofPattern(format, Locale.ROOT).format(instant);
            });
        } catch (DateTimeException | IllegalArgumentException e) {
            return Outcome.invalid("where: the element's date format for '" + field.name() + "' cannot write "
                    + date.text() + " (" + e.getMessage() + ")");
        }
    }

    private static String shown(Literal literal) {
        if (literal instanceof WhereNode.Numeric || literal instanceof WhereNode.Bool) {
            return literal.text();
        }
        return "'" + literal.text() + "'";
    }

    /** {@code email = 'x'} as {@code email=x}; {@code in} by the operator's list encoding. */
    private Optional<String> ownParameter(Condition condition, WhereMapping.Operator operator, List<Value> values) {
        String template = operator.value() == null ? "{value}" : operator.value();
        Map<String, String> noPlaceholders = Map.of();
        return listed(condition, operator, operator.parameter(), template, values, noPlaceholders);
    }

    /** One group of the provider's filter parameters, numbered by the condition's place among the groups. */
    private Optional<String> filterGroup(Condition condition, Resolved resolved) {
        Map<String, String> placeholders = Map.of("index", Integer.toString(nextFilter++),
                "field", resolved.field().vendorNameOrDefault(), "operator", resolved.operator().vendorOperator());
        for (WhereMapping.Parameter parameter : mapping.filters().parameters()) {
            String name = Templates.fill(parameter.name(), placeholders);
            String value = parameter.value() == null ? "" : parameter.value();
            Optional<String> refused = value.contains("{value}")
                    ? listed(condition, resolved.operator(), name, value, resolved.values(), placeholders)
                    : put(name, List.of(Templates.fill(value, placeholders)), condition.field());
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /**
     * The parameter {@code name} with {@code template} filled with each value: one parameter for
     * one value; for {@code in}, by the operator's {@code list} encoding.
     */
    private Optional<String> listed(Condition condition, WhereMapping.Operator operator, String name, String template,
                                    List<Value> values, Map<String, String> placeholders) {
        if (condition.operator() != WhereNode.Operator.IN) {
            return put(name, List.of(fill(template, placeholders, values.get(0).text())), condition.field());
        }
        String list = operator.list() == null ? "repeat" : operator.list();
        switch (list) {
            case "join" -> {
                String joined = values.stream().map(Value::text).collect(Collectors.joining(separator(operator)));
                return put(name, List.of(fill(template, placeholders, joined)), condition.field());
            }
            case "index" -> {
                for (int i = 0; i < values.size(); i++) {
                    Optional<String> refused = put(name + "[" + i + "]", List.of(fill(template, placeholders, values.get(i).text())),
                            condition.field());
                    if (refused.isPresent()) {
                        return refused;
                    }
                }
                return Optional.empty();
            }
            default -> {
                String repeated = list.equals("brackets") ? name + "[]" : name;
                return put(repeated, values.stream().map(v -> fill(template, placeholders, v.text())).toList(), condition.field());
            }
        }
    }

    private static String fill(String template, Map<String, String> placeholders, String value) {
        Map<String, String> withValue = new LinkedHashMap<>(placeholders);
        withValue.put("value", value);
        return Templates.fill(template, withValue);
    }

    private static String separator(WhereMapping.Operator operator) {
        return operator.separator() == null ? "," : operator.separator();
    }

    /** Sets a parameter, refusing a second condition (or the expression) that sets the same one. */
    private Optional<String> put(String name, List<String> values, WhereNode.Field field) {
        if (parameters.containsKey(name)) {
            WhereNode.Field earlier = setBy.get(name);
            String first = earlier == null ? "the expression" : "'" + earlier.name() + "' (column " + earlier.column() + ")";
            String second = field == null ? "the expression" : "'" + field.name() + "' (column " + field.column() + ")";
            return Optional.of("where: " + first + " and " + second + " both set the provider's parameter " + name
                    + " on the resource " + resource + ", which takes one value there");
        }
        parameters.put(name, List.copyOf(values));
        setBy.put(name, field);
        return Optional.empty();
    }

    // ----------------------------------------------------------------------------- expressions

    /** Alternatives: only in an expression with an {@code or}, and only of conditions the expression writes. */
    private Optional<String> alternatives(WhereNode.Or or) {
        WhereMapping.Expression expression = mapping.expression();
        if (expression == null || expression.or() == null || expression.or().isEmpty()) {
            return Optional.of("where: the resource " + resource + " cannot combine conditions with 'or' (column "
                    + or.column() + "); its provider takes only conditions that must all hold");
        }
        Outcome<String> text = expression(or, false);
        if (!(text instanceof Outcome.Success<String> success)) {
            return Optional.of(((Outcome.Invalid<String>) text).message());
        }
        fragments.add(new Fragment(success.value(), true));
        return Optional.empty();
    }

    /** A subtree as expression text; groups below the top in parentheses. */
    private Outcome<String> expression(WhereNode node, boolean nested) {
        if (node instanceof WhereNode.And and) {
            return joined(and.operands(), andJoiner(mapping.expression()), nested);
        }
        if (node instanceof WhereNode.Or or) {
            return joined(or.operands(), mapping.expression().or(), nested);
        }
        Condition condition = (Condition) node;
        return resolve(condition).flatMap(resolved -> resolved.operator().vendorOperator() == null
                ? Outcome.invalid("where: '" + condition.field().name() + " " + condition.operator().spelling()
                        + "' at column " + condition.field().column() + " cannot be part of an 'or' on the resource "
                        + resource + " (its provider takes it as a parameter of its own)")
                : Outcome.success(condition(resolved)));
    }

    private Outcome<String> joined(List<WhereNode> operands, String joiner, boolean nested) {
        List<String> parts = new ArrayList<>();
        for (WhereNode operand : operands) {
            Outcome<String> part = expression(operand, true);
            if (!(part instanceof Outcome.Success<String> success)) {
                return part;
            }
            parts.add(success.value());
        }
        String text = String.join(joiner, parts);
        return Outcome.success(nested ? "(" + text + ")" : text);
    }

    /** One condition in the provider's expression syntax, values quoted as its expression says. */
    private String condition(Resolved resolved) {
        WhereMapping.Expression expression = mapping.expression();
        WhereMapping.Operator operator = resolved.operator();
        String template = operator.condition() != null ? operator.condition()
                : expression.condition() != null ? expression.condition() : "{field} {operator} {value}";
        String value = resolved.values().stream().map(v -> quoted(expression, v)).collect(Collectors.joining(separator(operator)));
        return Templates.fill(template, Map.of("field", resolved.field().vendorNameOrDefault(),
                "operator", operator.vendorOperator(), "value", value));
    }

    private static String quoted(WhereMapping.Expression expression, Value value) {
        if (!value.string() && !(value.date() && Boolean.TRUE.equals(expression.quoteDates()))) {
            return value.text();
        }
        String quote = expression.quote() == null ? "'" : expression.quote();
        if (quote.isEmpty()) {
            return value.text();
        }
        String escape = expression.escape() == null ? quote : expression.escape();
        return quote + value.text().replace(quote, escape + quote) + quote;
    }

    private static String andJoiner(WhereMapping.Expression expression) {
        return expression.and() == null ? " and " : expression.and();
    }
}
