package io.plugboard.proxy.control.where;

import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.elements.entity.WhereMapping;
import io.plugboard.platform.control.Outcome;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A parsed {@code where} becoming the provider's query parameters, for each way element data can
 * say it: a parameter per field and operator (with list encodings and value templates), the
 * provider's own filter groups (both Magento-style parameter arrays), and one expression parameter
 * (with quoting, escaping and {@code or}); values checked against the field's type and dates
 * written in the field's format; and every refusal with its message. The mappings are read from
 * JSON, as element files state them.
 */
class WhereTranslatorTest {

    static final Jsonb JSONB = JsonbBuilder.create();

    static ResourceDefinition resource(String whereJson) {
        return JSONB.fromJson("""
                {"path": "/contacts", "method": "GET", "vendorPath": "/v2/contacts", "vendorMethod": "GET",
                 "parameters": [{"name": "kind", "vendorName": "type", "type": "query", "vendorType": "query", "defaultValue": "person"},
                                {"name": "pageSize", "vendorName": "per_page", "type": "query", "vendorType": "query"}],
                 "where": %s}
                """.formatted(whereJson), ResourceDefinition.class);
    }

    /** Own parameters, as a CRM that filters by query parameters states them. */
    static final ResourceDefinition PARAMETERS = resource("""
            {"fields": [
              {"name": "email", "operators": [{"operator": "=", "parameter": "email"}]},
              {"name": "id", "type": "number", "operators": [{"operator": "=", "parameter": "ids"},
                                                             {"operator": "in", "parameter": "ids", "list": "join"}]},
              {"name": "is_organization", "type": "boolean", "operators": [{"operator": "=", "parameter": "is_organization"}]},
              {"name": "updated_at", "type": "date", "format": "yyyy-MM-dd'T'HH:mm:ss'Z'",
               "operators": [{"operator": ">=", "parameter": "updated_since"}, {"operator": "<", "parameter": "updated_before"}]},
              {"name": "created", "type": "date", "format": "epoch", "operators": [{"operator": ">", "parameter": "created", "value": "gt:{value}"}]},
              {"name": "modified", "type": "date", "format": "epochMillis", "operators": [{"operator": ">", "parameter": "modafter"}]},
              {"name": "day", "type": "date", "format": "yyyy-MM-dd", "timezone": "America/Denver",
               "operators": [{"operator": "=", "parameter": "day"}]},
              {"name": "tag", "operators": [{"operator": "in", "parameter": "tag"}]},
              {"name": "status", "operators": [{"operator": "in", "parameter": "status", "list": "index"}]},
              {"name": "label", "operators": [{"operator": "in", "parameter": "label", "list": "brackets"}]},
              {"name": "owner", "operators": [{"operator": "in", "parameter": "owners", "list": "join", "separator": "|"}]},
              {"name": "kind", "operators": [{"operator": "=", "parameter": "type"}]},
              {"name": "address.city", "operators": [{"operator": "=", "parameter": "address[city]"}]}
            ]}""");

    /** Magento 1's REST filters: filter[n][attribute] and filter[n][op], values of in as an indexed array. */
    static final ResourceDefinition FILTERS = resource("""
            {"filters": {"firstIndex": 1, "parameters": [{"name": "filter[{index}][attribute]", "value": "{field}"},
                                                         {"name": "filter[{index}][{operator}]", "value": "{value}"}]},
             "fields": [
              {"name": "updated_at", "type": "date", "format": "yyyy-MM-dd HH:mm:ss",
               "operators": [{"operator": ">", "vendorOperator": "gt"}, {"operator": "<=", "vendorOperator": "to"}]},
              {"name": "sku", "operators": [{"operator": "=", "vendorOperator": "eq"}, {"operator": "like", "vendorOperator": "like"},
                                            {"operator": "in", "vendorOperator": "in", "list": "index"}]},
              {"name": "entityId", "vendorName": "entity_id", "type": "number", "operators": [{"operator": "!=", "vendorOperator": "neq"}]},
              {"name": "email", "operators": [{"operator": "=", "parameter": "email"}]}
            ]}""");

    /** Magento 2's searchCriteria: one filter group per condition, in joined by commas. */
    static final ResourceDefinition SEARCH_CRITERIA = resource("""
            {"filters": {"parameters": [
               {"name": "searchCriteria[filter_groups][{index}][filters][0][field]", "value": "{field}"},
               {"name": "searchCriteria[filter_groups][{index}][filters][0][value]", "value": "{value}"},
               {"name": "searchCriteria[filter_groups][{index}][filters][0][condition_type]", "value": "{operator}"}]},
             "fields": [
              {"name": "updated_at", "type": "date", "format": "yyyy-MM-dd HH:mm:ss", "operators": [{"operator": ">=", "vendorOperator": "gteq"}]},
              {"name": "sku", "operators": [{"operator": "in", "vendorOperator": "in", "list": "join"}, {"operator": "like", "vendorOperator": "like"}]}
            ]}""");

    /** An OData-style $filter expression, with or. */
    static final ResourceDefinition EXPRESSION = resource("""
            {"expression": {"parameter": "$filter", "or": " or "},
             "fields": [
              {"name": "email", "operators": [{"operator": "=", "vendorOperator": "eq"}, {"operator": "!=", "vendorOperator": "ne"},
                                              {"operator": "in", "vendorOperator": "in", "condition": "{field} in ({value})"}]},
              {"name": "createdDateTime", "type": "date", "operators": [{"operator": ">", "vendorOperator": "gt"}]},
              {"name": "price", "type": "number", "operators": [{"operator": ">=", "vendorOperator": "ge"}]},
              {"name": "active", "type": "boolean", "operators": [{"operator": "=", "vendorOperator": "eq"}]},
              {"name": "since", "type": "date", "operators": [{"operator": ">=", "parameter": "since"}]}
            ]}""");

    /** A search syntax with its own spelling: field:"value", AND in capitals, backslash escapes, dates as epoch seconds. */
    static final ResourceDefinition SEARCH = resource("""
            {"expression": {"parameter": "query", "condition": "{field}{operator}{value}", "and": " AND ", "quote": "\\"",
                            "escape": "\\\\"},
             "fields": [
              {"name": "email", "operators": [{"operator": "=", "vendorOperator": ":"}]},
              {"name": "created", "type": "date", "format": "epoch", "operators": [{"operator": ">", "vendorOperator": ">"}]}
            ]}""");

    static Map<String, List<String>> translated(ResourceDefinition resource, String where) {
        Outcome<Map<String, List<String>>> outcome = WhereTranslator.translate(resource.path(), resource.where(), where);
        assertInstanceOf(Outcome.Success.class, outcome, () -> where + " -> " + outcome);
        return ((Outcome.Success<Map<String, List<String>>>) outcome).value();
    }

    static String refused(ResourceDefinition resource, String where) {
        Outcome<Map<String, List<String>>> outcome = WhereTranslator.translate(resource.path(), resource.where(), where);
        assertInstanceOf(Outcome.Invalid.class, outcome, () -> where + " -> " + outcome);
        return ((Outcome.Invalid<Map<String, List<String>>>) outcome).message();
    }

    /** Parameters in order, as name=value lines (values not yet encoded: the query encoding does that). */
    static String lines(Map<String, List<String>> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, values) -> values.forEach(v -> out.append(name).append('=').append(v).append('\n')));
        return out.toString().strip();
    }

    @Test
    void theMappingsReadFromJsonAsElementFilesStateThem() {
        WhereMapping mapping = FILTERS.where();
        assertNotNull(mapping.filters());
        assertEquals(1, mapping.filters().firstIndex());
        assertEquals("entity_id", mapping.field("entityId").orElseThrow().vendorNameOrDefault());
        assertEquals("index", mapping.field("sku").orElseThrow().operator("in").orElseThrow().list());
        assertEquals(null, resource("null").where(), "a resource without where");
    }

    @Nested
    class OwnParameters {

        @Test
        void eachConditionSetsItsParameter() {
            assertEquals("""
                    email=ada@example.com
                    is_organization=false
                    updated_since=2024-05-01T12:00:00Z
                    updated_before=2024-06-01T00:00:00Z""", lines(translated(PARAMETERS,
                    "email = 'ada@example.com' and is_organization = false and updated_at >= '2024-05-01T14:00:00+02:00'"
                            + " and updated_at < '2024-06-01'")));
        }

        @Test
        void valuesAreNeverSplicedIntoTheQueryText() {
            Map<String, List<String>> parameters = translated(PARAMETERS, "email = 'a&b=c d''e {value}' and address.city = 'São Paulo'");
            assertEquals(List.of("a&b=c d'e {value}"), parameters.get("email"));
            assertEquals(List.of("São Paulo"), parameters.get("address[city]"));
        }

        @Test
        void inIsSentByTheOperatorsListEncoding() {
            assertEquals("ids=1,2,3", lines(translated(PARAMETERS, "id in (1, 2, 3)")));
            assertEquals("tag=a\ntag=b", lines(translated(PARAMETERS, "tag in ('a', 'b')")));
            assertEquals("status[0]=open\nstatus[1]=won", lines(translated(PARAMETERS, "status in ('open', 'won')")));
            assertEquals("label[]=x\nlabel[]=y", lines(translated(PARAMETERS, "label in ('x', 'y')")));
            assertEquals("owners=7|9", lines(translated(PARAMETERS, "owner in ('7', '9')")));
            assertEquals("ids=42", lines(translated(PARAMETERS, "id = 42")));
        }

        @Test
        void aValueTemplateWrapsTheValue() {
            assertEquals("created=gt:1714521600", lines(translated(PARAMETERS, "created > '2024-05-01T00:00:00Z'")));
        }

        @Test
        void twoConditionsCannotSetOneParameter() {
            assertEquals("where: 'email' (column 1) and 'email' (column 17) both set the provider's parameter email on the resource"
                    + " /contacts, which takes one value there", refused(PARAMETERS, "email = 'a' and email = 'b'"));
            assertEquals("where: 'id' (column 1) and 'id' (column 12) both set the provider's parameter ids on the resource"
                    + " /contacts, which takes one value there", refused(PARAMETERS, "id = 1 and id in (2, 3)"));
        }

        @Test
        void orCannotBeExpressedByParameters() {
            assertEquals("where: the resource /contacts cannot combine conditions with 'or' (column 13); its provider takes only"
                    + " conditions that must all hold", refused(PARAMETERS, "email = 'a' or email = 'b'"));
            assertEquals("where: the resource /contacts cannot combine conditions with 'or' (column 25); its provider takes only"
                    + " conditions that must all hold", refused(PARAMETERS, "id = 1 and (email = 'a' or tag in ('x'))"));
        }
    }

    @Nested
    class FilterGroups {

        @Test
        void eachConditionIsAGroupNumberedFromTheFirstIndex() {
            assertEquals("""
                    filter[1][attribute]=updated_at
                    filter[1][gt]=2024-05-01 12:00:00
                    filter[2][attribute]=updated_at
                    filter[2][to]=2024-05-31 00:00:00
                    filter[3][attribute]=sku
                    filter[3][in][0]=A-1
                    filter[3][in][1]=B 2
                    filter[4][attribute]=entity_id
                    filter[4][neq]=7""", lines(translated(FILTERS, "updated_at > '2024-05-01T12:00:00Z' and updated_at <= '2024-05-31'"
                    + " and sku in ('A-1', 'B 2') and entityId != 7")));
        }

        @Test
        void ownParametersAndGroupsMix() {
            assertEquals("""
                    email=a@example.com
                    filter[1][attribute]=sku
                    filter[1][like]=AB%""", lines(translated(FILTERS, "email = 'a@example.com' and sku like 'AB%'")));
        }

        @Test
        void searchCriteriaGroupsStartAtZeroAndJoinInValues() {
            assertEquals("""
                    searchCriteria[filter_groups][0][filters][0][field]=updated_at
                    searchCriteria[filter_groups][0][filters][0][value]=2024-05-01 00:00:00
                    searchCriteria[filter_groups][0][filters][0][condition_type]=gteq
                    searchCriteria[filter_groups][1][filters][0][field]=sku
                    searchCriteria[filter_groups][1][filters][0][value]=a,b
                    searchCriteria[filter_groups][1][filters][0][condition_type]=in""",
                    lines(translated(SEARCH_CRITERIA, "updated_at >= '2024-05-01' and sku in ('a', 'b')")));
        }

        @Test
        void orCannotBeExpressedByFilterGroups() {
            assertEquals("where: the resource /contacts cannot combine conditions with 'or' (column 11); its provider takes only"
                    + " conditions that must all hold", refused(FILTERS, "sku = 'a' or sku = 'b'"));
        }
    }

    @Nested
    class Expressions {

        @Test
        void conditionsAreJoinedAndValuesQuotedByType() {
            assertEquals("$filter=email eq 'O''Brien' and createdDateTime gt 2024-05-01T10:00:00Z and price ge 19.95 and active eq true",
                    lines(translated(EXPRESSION, "email = 'O''Brien' and createdDateTime > '2024-05-01T12:00:00+02:00'"
                            + " and price >= 19.95 and active = true")));
        }

        @Test
        void anOperatorMayHaveItsOwnCondition() {
            assertEquals("$filter=email in ('a','b''c')", lines(translated(EXPRESSION, "email in ('a', 'b''c')")));
        }

        @Test
        void orIsWrittenWithGroupsInParentheses() {
            assertEquals("$filter=email eq 'a' or email eq 'b'", lines(translated(EXPRESSION, "email = 'a' or email = 'b'")));
            assertEquals("$filter=(email eq 'a' or email eq 'b') and price ge 10",
                    lines(translated(EXPRESSION, "(email = 'a' or email = 'b') and price >= 10")));
            assertEquals("$filter=email eq 'a' or (price ge 1 and active eq false)",
                    lines(translated(EXPRESSION, "email = 'a' or price >= 1 and active = false")));
            assertEquals("$filter=active eq true and (email eq 'a' or (email ne 'b' and (price ge 2 or price ge 3)))",
                    lines(translated(EXPRESSION, "active = true and (email = 'a' or email != 'b' and (price >= 2 or price >= 3))")));
        }

        @Test
        void aConditionOnAParameterOfItsOwnStaysOutsideTheExpression() {
            assertEquals("since=2024-05-01T00:00:00Z\n$filter=email eq 'a'",
                    lines(translated(EXPRESSION, "since >= '2024-05-01' and email = 'a'")));
            assertEquals("where: 'since >=' at column 16 cannot be part of an 'or' on the resource /contacts (its provider takes"
                    + " it as a parameter of its own)", refused(EXPRESSION, "email = 'a' or since >= '2024-05-01'"));
        }

        @Test
        void theProvidersOwnSpellingQuotingAndEscaping() {
            assertEquals("query=email:\"a\\\"b\" AND created>1714521600",
                    lines(translated(SEARCH, "email = 'a\"b' and created > '2024-05-01'")));
            assertEquals("where: the resource /contacts cannot combine conditions with 'or' (column 13); its provider takes only"
                    + " conditions that must all hold", refused(SEARCH, "email = 'a' or email = 'b'"));
        }

        @Test
        void datesAreQuotedWhenTheExpressionSaysSo() {
            ResourceDefinition quoting = resource("""
                    {"expression": {"parameter": "q", "quoteDates": true, "quote": "'"},
                     "fields": [{"name": "d", "type": "date", "format": "yyyy-MM-dd", "operators": [{"operator": "=", "vendorOperator": "="}]},
                                {"name": "s", "operators": [{"operator": "=", "vendorOperator": "="}]}]}""");
            assertEquals("q=d = '2024-05-01' and s = 'x'", lines(translated(quoting, "d = '2024-05-01' and s = 'x'")));
            ResourceDefinition bare = resource("""
                    {"expression": {"parameter": "q", "quote": ""},
                     "fields": [{"name": "s", "operators": [{"operator": "=", "vendorOperator": "="}]}]}""");
            assertEquals("q=s = x", lines(translated(bare, "s = 'x'")));
        }
    }

    @Nested
    class Values {

        @Test
        void aStringFieldTakesAnyLiteralAsItsText() {
            assertEquals("email=42", lines(translated(PARAMETERS, "email = 42")));
            assertEquals("email=2024-05-01", lines(translated(PARAMETERS, "email = '2024-05-01'")));
            assertEquals("email=true", lines(translated(PARAMETERS, "email = true")));
        }

        @Test
        void numbersAndBooleansMayBeQuoted() {
            assertEquals("ids=-42.5", lines(translated(PARAMETERS, "id = '-42.5'")));
            assertEquals("is_organization=true", lines(translated(PARAMETERS, "is_organization = 'TRUE'")));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "id = 'abc'                  | where: 'id' is a number; 'abc' at column 6 is not one",
                "id = true                   | where: 'id' is a number; true at column 6 is not one",
                "id = '2024-05-01'           | where: 'id' is a number; '2024-05-01' at column 6 is not one",
                "id in (1, 'x')              | where: 'id' is a number; 'x' at column 11 is not one",
                "is_organization = 1         | where: 'is_organization' is true or false; 1 at column 19 is neither",
                "is_organization = 'yes'     | where: 'is_organization' is true or false; 'yes' at column 19 is neither",
                "updated_at >= 'yesterday'   | where: 'updated_at' is a date; 'yesterday' at column 15 is not an ISO 8601 date or date-time (such as '2024-05-01' or '2024-05-01T12:00:00Z')",
                "updated_at >= 1714521600    | where: 'updated_at' is a date; 1714521600 at column 15 is not an ISO 8601 date or date-time (such as '2024-05-01' or '2024-05-01T12:00:00Z')",
                "updated_at >= '2024-02-30'  | where: 'updated_at' is a date; '2024-02-30' at column 15 is not an ISO 8601 date or date-time (such as '2024-05-01' or '2024-05-01T12:00:00Z')",
        })
        void aValueOfTheWrongTypeIsRefused(String where, String message) {
            assertEquals(message, refused(PARAMETERS, where));
        }
    }

    @Nested
    class Dates {

        static String written(String format, String timezone, String literal) {
            WhereMapping.Field field = new WhereMapping.Field("d", null, "date", format, timezone, null, List.of());
            WhereNode.DateTime date = WhereParser.date(literal, 1).orElseThrow();
            return ((Outcome.Success<String>) WhereTranslator.formatted(field, date)).value();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "                     |                 | 2024-05-01                    | 2024-05-01T00:00:00Z",
                "                     |                 | 2024-05-01T12:30:00.5+02:00   | 2024-05-01T10:30:00.500Z",
                "                     | America/Denver  | 2024-05-01T12:00              | 2024-05-01T18:00:00Z",
                "epoch                |                 | 2024-05-01T00:00:00Z          | 1714521600",
                "epochSeconds         |                 | 2024-05-01T00:00:00.999Z      | 1714521600",
                "epochMillis          |                 | 2024-05-01T00:00:00.25Z       | 1714521600250",
                "epochMillis          | Europe/Berlin   | 2024-05-01                    | 1714514400000",
                "yyyy-MM-dd HH:mm:ss  |                 | 2024-05-01T23:30:00-01:00     | 2024-05-02 00:30:00",
                "yyyy-MM-dd HH:mm:ss  | America/Denver  | 2024-05-01T12:00:00Z          | 2024-05-01 06:00:00",
                "yyyy-MM-dd           | America/Denver  | 2024-05-01                    | 2024-05-01",
                "yyyy-MM-dd           |                 | 2024-05-01T23:59:59-06:00     | 2024-05-02",
                "yyyy-MM-dd'T'HH:mm:ssXXX | Asia/Kolkata | 2024-05-01T00:00:00Z        | 2024-05-01T05:30:00+05:30",
        })
        void aDateIsWrittenInTheFieldsFormatAndZone(String format, String timezone, String literal, String expected) {
            assertEquals(expected, written(format, timezone, literal));
        }
    }

    @Nested
    class Refusals {

        @Test
        void aResourceWithoutMappingTakesNoWhere() {
            Outcome<Map<String, List<String>>> outcome = WhereTranslator.translate("/users/self/media", null, "id = 1");
            assertEquals("where: the resource /users/self/media cannot be filtered (its element declares no where fields)",
                    ((Outcome.Invalid<?>) outcome).message());
            WhereMapping empty = new WhereMapping(List.of(), null, null);
            assertInstanceOf(Outcome.Invalid.class, WhereTranslator.translate("/x", empty, "id = 1"));
        }

        @Test
        void anUnknownFieldIsNamedWithTheFieldsThereAre() {
            assertEquals("where: the resource /contacts cannot filter on 'phone' (it can filter on: email, id, is_organization,"
                    + " updated_at, created, modified, day, tag, status, label, owner, kind, address.city)",
                    refused(PARAMETERS, "email = 'a' and phone = '555'"));
        }

        @Test
        void anOperatorTheFieldLacksIsNamedWithTheOnesItHas() {
            assertEquals("where: the resource /contacts cannot use '>' on 'email' (it can use: =)", refused(PARAMETERS, "email > 'a'"));
            assertEquals("where: the resource /contacts cannot use 'like' on 'id' (it can use: =, in)",
                    refused(PARAMETERS, "id like '4%'"));
        }

        @Test
        void aSyntaxErrorComesFromTheParser() {
            assertEquals("where: expected a value after '=' at column 8, found the end of the query", refused(PARAMETERS, "email ="));
        }

        @Test
        void anOrOfUnknownFieldsNamesTheField() {
            assertEquals("where: the resource /contacts cannot filter on 'phone' (it can filter on: email, createdDateTime, price,"
                    + " active, since)", refused(EXPRESSION, "email = 'a' or phone = 'b'"));
        }
    }

    @Nested
    class Queries {

        static Outcome<Map<String, List<String>>> call(ResourceDefinition resource, List<String> where, Map<String, List<String>> query) {
            return WhereQuery.vendorParameters(resource, where, new LinkedHashMap<>(query));
        }

        @Test
        void noWhereIsNoParameter() {
            assertEquals(Map.of(), ((Outcome.Success<?>) call(PARAMETERS, null, Map.of())).value());
            assertEquals(Map.of(), ((Outcome.Success<?>) call(PARAMETERS, List.of(), Map.of())).value());
        }

        @Test
        void oneWhereOnly() {
            assertEquals("where: the query has 2 where parameters; give one, its conditions joined with 'and'",
                    ((Outcome.Invalid<?>) call(PARAMETERS, List.of("id = 1", "id = 2"), Map.of())).message());
        }

        @Test
        void aParameterTheQuerySetsCannotBeSetByWhereToo() {
            assertEquals("where: the provider's parameter email is set both by where and by the query parameter email; give it once",
                    ((Outcome.Invalid<?>) call(PARAMETERS, List.of("email = 'a'"), Map.of("email", List.of("b")))).message());
            assertEquals("where: the provider's parameter type is set both by where and by the query parameter kind; give it once",
                    ((Outcome.Invalid<?>) call(PARAMETERS, List.of("kind = 'company'"), Map.of("kind", List.of("person")))).message());
            assertEquals("where: the provider's parameter filter[1][attribute] is set both by where and by the query parameter"
                    + " filter[1][attribute]; give it once", ((Outcome.Invalid<?>) call(FILTERS, List.of("sku = 'a'"),
                    Map.of("filter[1][attribute]", List.of("name")))).message());
        }

        @Test
        void otherParametersOfTheQueryAreNoConflict() {
            assertEquals(Map.of("email", List.of("a")), ((Outcome.Success<?>) call(PARAMETERS, List.of("email = 'a'"),
                    Map.of("pageSize", List.of("10"), "per_page_unrelated", List.of("1")))).value());
        }
    }
}
