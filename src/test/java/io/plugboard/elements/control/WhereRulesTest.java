package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The element rules of a resource's {@code where} mapping: a mapping the translation can rely on
 * passes, and each kind of mistake is reported, naming the resource, the field and the operator.
 */
class WhereRulesTest {

    static List<String> problems(String method, String parametersJson, String whereJson) {
        ResourceDefinition resource = JsonbBuilder.create().fromJson("""
                {"path": "/contacts", "method": "%s", "vendorPath": "/contacts", "vendorMethod": "%s", "parameters": %s, "where": %s}
                """.formatted(method, method, parametersJson, whereJson), ResourceDefinition.class);
        ElementDefinition valid = ElementRulesTest.valid();
        return ElementRules.problems(ElementRulesTest.element(valid.key(), valid.name(), null, valid.authentication(), valid.hub(),
                valid.configuration(), List.of(resource)));
    }

    static List<String> problems(String whereJson) {
        return problems("GET", "[]", whereJson);
    }

    static final String PREFIX = "resource GET /contacts: where";

    @Test
    void aMappingOfEveryKindPasses() {
        assertEquals(List.of(), problems("""
                {"fields": [
                  {"name": "email", "operators": [{"operator": "=", "parameter": "email"}, {"operator": "like", "vendorOperator": "like"}]},
                  {"name": "id", "type": "number", "operators": [{"operator": "in", "parameter": "ids", "list": "join", "separator": ";"},
                                                                 {"operator": ">", "parameter": "id", "value": "gt:{value}"}]},
                  {"name": "updated", "vendorName": "updated_at", "type": "date", "format": "yyyy-MM-dd HH:mm:ss", "timezone": "UTC",
                   "description": "Last change.", "operators": [{"operator": ">=", "vendorOperator": "gteq"}]},
                  {"name": "created", "type": "date", "format": "epochMillis", "operators": [{"operator": "<", "vendorOperator": "lt"}]},
                  {"name": "address.city", "operators": [{"operator": "=", "vendorOperator": "eq"}]},
                  {"name": "hot", "type": "boolean", "operators": [{"operator": "!=", "vendorOperator": "neq"}]}],
                 "filters": {"firstIndex": 1, "parameters": [{"name": "filter[{index}][attribute]", "value": "{field}"},
                                                            {"name": "filter[{index}][{operator}]", "value": "{value}"}]}}"""));
        assertEquals(List.of(), problems("""
                {"fields": [{"name": "email", "operators": [{"operator": "in", "vendorOperator": "in", "condition": "{field} in ({value})"}]}],
                 "expression": {"parameter": "$filter", "condition": "{field} {operator} {value}", "and": " and ", "or": " or ",
                                "quote": "'", "escape": "'", "quoteDates": false}}"""));
        assertEquals(List.of(), problems("null"), "no mapping, no rule");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{`fields`: []}"
                    + "| resource GET /contacts: where.fields needs at least one field",
            "{`fields`: [{`name`: `and`, `operators`: [{`operator`: `=`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where: every field needs a name of letters, digits and '_' (dotted for nested fields, not a keyword of the language): and",
            "{`fields`: [{`name`: `a-b`, `operators`: [{`operator`: `=`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where: every field needs a name of letters, digits and '_' (dotted for nested fields, not a keyword of the language): a-b",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `a`}]}, {`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `b`}]}]}"
                    + "| resource GET /contacts: where: field 'a' appears twice",
            "{`fields`: [{`name`: `a`, `type`: `text`, `operators`: [{`operator`: `=`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where field 'a': type must be one of [string, number, boolean, date]",
            "{`fields`: [{`name`: `a`, `format`: `epoch`, `operators`: [{`operator`: `=`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where field 'a': format and timezone are for date fields",
            "{`fields`: [{`name`: `a`, `type`: `date`, `timezone`: `Mars/Olympus`, `operators`: [{`operator`: `=`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where field 'a': timezone 'Mars/Olympus' is not a time zone",
            "{`fields`: [{`name`: `a`, `operators`: []}]}"
                    + "| resource GET /contacts: where field 'a' needs at least one operator",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `~`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where field 'a': every operator is one of [=, !=, >, >=, <, <=, like, in]",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `a`}, {`operator`: `=`, `parameter`: `b`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=' appears twice",
            "{`fields`: [{`name`: `a`, `type`: `number`, `operators`: [{`operator`: `like`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where field 'a' 'like': like is for string fields",
            "{`fields`: [{`name`: `a`, `type`: `boolean`, `operators`: [{`operator`: `>`, `parameter`: `a`}]}]}"
                    + "| resource GET /contacts: where field 'a' '>': a boolean field has no order",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=' needs exactly one of parameter and vendorOperator",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `a`, `vendorOperator`: `eq`}]}], `filters`: {`parameters`: [{`name`: `f[{index}]`, `value`: `{value}`}]}}"
                    + "| resource GET /contacts: where field 'a' '=' needs exactly one of parameter and vendorOperator",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `where`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=': the provider parameter cannot be 'where'",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `a`, `value`: `{field}:{value}`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=': value is a template of the parameter's value, with {value} and nothing else in braces",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `a`, `value`: `constant`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=': value is a template of the parameter's value, with {value} and nothing else in braces",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=': a vendorOperator needs the resource's filters or expression",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `a`, `condition`: `{field}`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=': condition is for a vendorOperator in an expression",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`, `condition`: `{name} {value}`}]}], `expression`: {`parameter`: `q`}}"
                    + "| resource GET /contacts: where field 'a' '=' condition: unknown placeholder {name} (known: [field, operator, value])",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `parameter`: `a`, `list`: `join`}]}]}"
                    + "| resource GET /contacts: where field 'a' '=': list and separator are for 'in'",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `in`, `parameter`: `a`, `list`: `csv`}]}]}"
                    + "| resource GET /contacts: where field 'a' 'in': list must be one of [repeat, join, index, brackets]",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `filters`: {`parameters`: [{`name`: `f[{index}]`, `value`: `{value}`}]}, `expression`: {`parameter`: `q`}}"
                    + "| resource GET /contacts: where has both filters and an expression; a provider takes one of them",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `filters`: {`firstIndex`: -1, `parameters`: [{`name`: `f[{index}]`, `value`: `{value}`}]}}"
                    + "| resource GET /contacts: where.filters.firstIndex must not be negative",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `filters`: {`parameters`: []}}"
                    + "| resource GET /contacts: where.filters.parameters needs at least one parameter",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `filters`: {`parameters`: [{`name`: `f[{index}]`, `value`: `{field}`}]}}"
                    + "| resource GET /contacts: where.filters: no parameter's value has {value}",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `filters`: {`parameters`: [{`name`: `f`, `value`: `{value}`}]}}"
                    + "| resource GET /contacts: where.filters parameter f: the name needs {index}, or two conditions would set the same parameter",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `filters`: {`parameters`: [{`name`: `f[{index}][{value}]`, `value`: `{value}`}]}}"
                    + "| resource GET /contacts: where.filters parameter name f[{index}][{value}]: unknown placeholder {value} (known: [index, field, operator])",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `filters`: {`parameters`: [{`name`: `f[{index}]`}, {`name`: `g[{index}]`, `value`: `{value}`}]}}"
                    + "| resource GET /contacts: where.filters: every parameter needs a name and a value",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `expression`: {`parameter`: `where`}}"
                    + "| resource GET /contacts: where.expression.parameter is required (and is not 'where')",
            "{`fields`: [{`name`: `a`, `operators`: [{`operator`: `=`, `vendorOperator`: `eq`}]}], `expression`: {`parameter`: `q`, `or`: ``}}"
                    + "| resource GET /contacts: where.expression: and and or, when given, are not empty",
    })
    void eachMistakeIsReported(String where, String problem) {
        assertEquals(List.of(problem), problems(where.replace('`', '"')));
    }

    @Test
    void aDatePatternThatIsNoPatternIsReported() {
        List<String> problems = problems("""
                {"fields": [{"name": "a", "type": "date", "format": "yyyy-MM-dd {", "operators": [{"operator": "=", "parameter": "a"}]}]}""");
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(true, problems.get(0).startsWith(PREFIX + " field 'a': format 'yyyy-MM-dd {' is not epoch, epochMillis or a date pattern ("),
                problems.get(0));
    }

    @Test
    void whereIsForGetResources() {
        assertEquals(List.of("resource POST /contacts: where is for GET resources"),
                problems("POST", "[]", "{\"fields\": [{\"name\": \"a\", \"operators\": [{\"operator\": \"=\", \"parameter\": \"a\"}]}]}"));
    }

    @Test
    void noResourceParameterIsNamedWhere() {
        assertEquals(List.of("resource GET /contacts: the query parameter name 'where' is the hub's query language; name the parameter"
                        + " otherwise"),
                problems("GET", "[{\"name\": \"where\", \"vendorName\": \"q\", \"type\": \"query\", \"vendorType\": \"query\"}]", "null"));
    }
}
