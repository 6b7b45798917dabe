package io.plugboard.proxy.control;

import io.plugboard.elements.control.ElementCodec;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.elements.entity.WhereMapping;
import io.plugboard.platform.control.Outcome;
import io.plugboard.proxy.control.ResourceMapper.VendorCall;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * {@code where} on a hub call: translated into the provider's query, encoded like every other
 * query value, never passed on as it is; refused on a resource without a mapping; a default
 * gives way to it. And every field and operator the shipped elements declare translates.
 */
class ResourceMapperWhereTest {

    static ElementDefinition shipped(String key) {
        try (InputStream in = ResourceMapperWhereTest.class.getResourceAsStream("/elements/catalog/" + key + ".json")) {
            return ElementCodec.read(in).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome<VendorCall> map(ElementDefinition element, String path, Map<String, List<String>> query) {
        return ResourceMapper.map(element, "GET", path, query, Map.of());
    }

    static VendorCall mapped(ElementDefinition element, String path, Map<String, List<String>> query) {
        Outcome<VendorCall> outcome = map(element, path, query);
        return ((Outcome.Success<VendorCall>) assertInstanceOf(Outcome.Success.class, outcome, outcome::toString)).value();
    }

    static String refused(ElementDefinition element, String path, Map<String, List<String>> query) {
        Outcome<VendorCall> outcome = map(element, path, query);
        return ((Outcome.Invalid<VendorCall>) assertInstanceOf(Outcome.Invalid.class, outcome, outcome::toString)).message();
    }

    static Map<String, List<String>> query(String... namesAndValues) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return query;
    }

    @Test
    void theQueryParametersOfAWhereAreEncodedAmongTheOthers() {
        VendorCall call = mapped(shipped("base"), "/contacts", query("page", "2", "where",
                "email = 'ada+1@example.com' and address.city = 'Sao Paulo' and id in (1, 2)", "sort_by", "name:asc"));
        assertEquals("/contacts", call.path());
        assertEquals("page=2&sort_by=name%3Aasc&email=ada%2B1%40example.com&address%5Bcity%5D=Sao+Paulo&ids=1%2C2", call.query());
    }

    @Test
    void filterGroupsReachTheQueryEncoded() {
        VendorCall call = mapped(shipped("magento"), "/products", query("where",
                "updated_at > '2024-05-01T12:00:00Z' and sku in ('A&B', 'C')", "limit", "100"));
        assertEquals("limit=100&filter%5B1%5D%5Battribute%5D=updated_at&filter%5B1%5D%5Bgt%5D=2024-05-01+12%3A00%3A00"
                + "&filter%5B2%5D%5Battribute%5D=sku&filter%5B2%5D%5Bin%5D%5B0%5D=A%26B&filter%5B2%5D%5Bin%5D%5B1%5D=C", call.query());
    }

    @Test
    void aResourceWithoutMappingRefusesWhereInsteadOfPassingItOn() {
        assertEquals("where: the resource /users/self/media cannot be filtered (its element declares no where fields)",
                refused(shipped("instagram"), "/users/self/media", query("where", "id = '1'")));
        assertEquals("where: the resource /contacts/{id} cannot be filtered (its element declares no where fields)",
                refused(shipped("base"), "/contacts/7", query("where", "id = 1")));
    }

    @Test
    void theErrorsOfAWhereAreTheCallsErrors() {
        assertEquals("where: the resource /contacts cannot filter on 'phone' (it can filter on: id, email, name, first_name,"
                + " last_name, is_organization, contact_id, address.city, address.postal_code, address.country)",
                refused(shipped("base"), "/contacts", query("where", "phone = '555'")));
        assertEquals("where: the resource /contacts cannot use '>' on 'email' (it can use: =)",
                refused(shipped("base"), "/contacts", query("where", "email > 'a'")));
        assertEquals("where: expected a value after '=' at column 8, found the end of the query",
                refused(shipped("base"), "/contacts", query("where", "email =")));
    }

    @Test
    void aDefaultGivesWayToWhereButAParameterTheCallerSetDoesNot() {
        ResourceDefinition lists = new ResourceDefinition("/lists", "GET", "/list", "GET", null,
                List.of(new ElementDefinition.ParameterDefinition("type", "listingtype", "query", "query", "string", false, null,
                        "CONTACT_LIST")),
                new WhereMapping(List.of(new WhereMapping.Field("type", null, null, null, null, null,
                        List.of(new WhereMapping.Operator("=", "listingtype", null, null, null, null, null)))), null, null), null, null, null);
        ElementDefinition element = shipped("acton");
        ElementDefinition withLists = new ElementDefinition(element.id(), element.name(), element.key(), element.aliases(),
                element.description(), element.image(), element.active(), element.deleted(), element.typeOauth(),
                element.trialAccount(), element.configDescription(), element.signupURL(), element.transformationsEnabled(),
                element.bulkDownloadEnabled(), element.bulkUploadEnabled(), element.cloneable(), element.authentication(),
                element.hub(), element.parameters(), element.configuration(), List.of(lists), element.events());
        assertEquals("listingtype=CONTACT_LIST", mapped(withLists, "/lists", query()).query());
        assertEquals("listingtype=SEED_LIST", mapped(withLists, "/lists", query("where", "type = 'SEED_LIST'")).query());
        assertEquals("where: the provider's parameter listingtype is set both by where and by the query parameter type; give it once",
                refused(withLists, "/lists", query("type", "SUPPRESSION_LIST", "where", "type = 'SEED_LIST'")));
    }

    /**
     * Each field and operator of each shipped list resource, with a value of the field's type,
     * becomes provider parameters, and never a parameter named where.
     */
    @TestFactory
    Stream<DynamicTest> everyShippedFieldAndOperatorTranslates() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String key : List.of("etsy", "instagram", "base", "magento", "acton")) {
            ElementDefinition element = shipped(key);
            for (ResourceDefinition resource : element.resources()) {
                if (resource.where() == null) {
                    continue;
                }
                String path = resource.path().replaceAll("\\{[^}]+}", "x");
                for (WhereMapping.Field field : resource.where().fields()) {
                    for (WhereMapping.Operator operator : field.operators()) {
                        String where = field.name() + " " + operator.operator() + " " + sample(field, operator.operator());
                        tests.add(DynamicTest.dynamicTest(key + " " + resource.path() + ": " + where, () -> {
                            VendorCall call = mapped(element, path, query("where", where));
                            assertFalse(call.query().isEmpty(), where);
                            assertFalse(("&" + call.query()).contains("&where="), call.query());
                        }));
                    }
                }
            }
        }
        assertEquals(true, tests.size() > 60, "the seed elements declare their filters: " + tests.size());
        return tests.stream();
    }

    private static String sample(WhereMapping.Field field, String operator) {
        String value = switch (field.typeOrDefault()) {
            case "number" -> "42";
            case "boolean" -> "true";
            case "date" -> "'2024-05-01T12:00:00Z'";
            default -> operator.equals("like") ? "'A%'" : "'x'";
        };
        return operator.equals("in") ? "(" + value + ", " + value.replace("42", "43").replace("'x'", "'y'") + ")" : value;
    }
}
