package io.plugboard.transformations.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.transformations.entity.ObjectField;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformationRulesTest {

    static final List<ObjectField> FIELDS = List.of(new ObjectField("id", "string"), new ObjectField("created", "date"),
            new ObjectField("vip", "boolean"));

    static ElementDefinition element(String... paths) {
        List<ElementDefinition.ResourceDefinition> resources = java.util.Arrays.stream(paths)
                .map(p -> new ElementDefinition.ResourceDefinition(p, "GET", p, "GET", null, List.of())).toList();
        return new ElementDefinition(1L, "CRM", "crm1", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, "crm", null, null, resources, null);
    }

    static List<String> problems(String mapping) {
        return TransformationRules.problems(CommonObjectCodec.readMapping(mapping), FIELDS, element("/contacts", "/contacts/{id}"));
    }

    static void assertProblem(String expected, List<String> problems) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "expected \"" + expected + "\" in " + problems);
    }

    @Test
    void aGoodMappingHasNoProblem() {
        assertEquals(List.of(), problems("""
                {"vendorName": "contacts", "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": true}}],
                 "fields": [{"path": "id", "type": "string", "vendorPath": "Id"},
                            {"path": "created", "vendorPath": "CreatedDate", "vendorType": "date",
                             "configuration": [{"type": "date", "properties": {"pattern": "epochMillis"}},
                                               {"type": "remove", "properties": {"fromVendor": false, "toVendor": true}}]}]}"""));
    }

    @Test
    void vendorNameMustBeAResourceOfTheElement() {
        assertProblem("no resource /deals or /deals/{id}", problems("{\"vendorName\": \"deals\", \"fields\": [{\"path\": \"id\", \"vendorPath\": \"Id\"}]}"));
        assertProblem("vendorName: the name of one of the element's resources",
                problems("{\"vendorName\": \"contacts/1\", \"fields\": [{\"path\": \"id\", \"vendorPath\": \"Id\"}]}"));
        assertTrue(TransformationRules.hasResource(element("/contacts/{contactId}"), "contacts"), "the item resource is enough");
        assertTrue(!TransformationRules.hasResource(element("/contacts/{id}/notes"), "contacts"));
    }

    @Test
    void fieldsMustBeTheObjectsOfItsTypeAndMappedOnce() {
        List<String> problems = problems("""
                {"vendorName": "contacts", "fields": [
                   {"path": "unknown", "vendorPath": "X"},
                   {"path": "id", "type": "number", "vendorPath": "Id"},
                   {"path": "vip", "vendorPath": "Vip"}, {"path": "vip", "vendorPath": "Vip2"},
                   {"path": "created", "vendorPath": "a[?(@.x)]"}]}""");
        assertProblem("unknown is not a field of the common object", problems);
        assertProblem("id has type number here and string in the common object", problems);
        assertProblem("vip is mapped twice", problems);
        assertProblem("created: vendorPath: The path a[?(@.x)] is not a dotted path", problems);
        assertProblem("a mapping maps at least one field", problems("{\"vendorName\": \"contacts\", \"fields\": []}"));
    }

    @Test
    void datesNeedTheirMaskAndMasksTheirDateType() {
        assertProblem("vendorType date needs a date mask", problems(
                "{\"vendorName\": \"contacts\", \"fields\": [{\"path\": \"created\", \"vendorPath\": \"C\", \"vendorType\": \"date\"}]}"));
        assertProblem("a date mask needs vendorType date", problems("""
                {"vendorName": "contacts", "fields": [{"path": "created", "vendorPath": "C",
                  "configuration": [{"type": "date", "properties": {"pattern": "yyyy"}}]}]}"""));
        assertProblem("is not a DateTimeFormatter pattern", problems("""
                {"vendorName": "contacts", "fields": [{"path": "created", "vendorPath": "C", "vendorType": "date",
                  "configuration": [{"type": "date", "properties": {"pattern": "yyyy'"}}]}]}"""));
        assertProblem("a date is a number at the provider only through vendorType date", problems(
                "{\"vendorName\": \"contacts\", \"fields\": [{\"path\": \"created\", \"vendorPath\": \"C\", \"vendorType\": \"number\"}]}"));
        assertProblem("a boolean cannot be a date", problems("""
                {"vendorName": "contacts", "fields": [{"path": "vip", "vendorPath": "C", "vendorType": "date",
                  "configuration": [{"type": "date", "properties": {"pattern": "epoch"}}]}]}"""));
        assertProblem("vendorType datetime is not one of", problems(
                "{\"vendorName\": \"contacts\", \"fields\": [{\"path\": \"id\", \"vendorPath\": \"C\", \"vendorType\": \"datetime\"}]}"));
    }

    @Test
    void configurationEntriesAreTheKnownOnesWithBothDirections() {
        assertProblem("properties need fromVendor and toVendor", problems("""
                {"vendorName": "contacts", "fields": [{"path": "id", "vendorPath": "Id",
                  "configuration": [{"type": "remove", "properties": {"fromVendor": true}}]}]}"""));
        assertProblem("properties need fromVendor and toVendor", problems("""
                {"vendorName": "contacts", "configuration": [{"type": "passThrough", "properties": {"fromVendor": "no", "toVendor": false}}],
                 "fields": [{"path": "id", "vendorPath": "Id"}]}"""));
        assertProblem("unknown type default", problems("""
                {"vendorName": "contacts", "fields": [{"path": "id", "vendorPath": "Id",
                  "configuration": [{"type": "default", "properties": {"value": 1}}]}]}"""));
        assertProblem("remove appears twice", problems("""
                {"vendorName": "contacts", "fields": [{"path": "id", "vendorPath": "Id", "configuration": [
                  {"type": "remove", "properties": {"fromVendor": true, "toVendor": true}},
                  {"type": "remove", "properties": {"fromVendor": true, "toVendor": true}}]}]}"""));
        assertProblem("inherit is not supported", problems("""
                {"vendorName": "contacts", "configuration": [{"type": "inherit", "properties": {"fromVendor": true, "toVendor": true}}],
                 "fields": [{"path": "id", "vendorPath": "Id"}]}"""));
    }

    @Test
    void codeIsRefusedWhereverAnEntryCarriesIt() {
        assertProblem("Scripts are not supported", problems("""
                {"vendorName": "contacts", "configuration": [{"type": "script", "properties": {}}],
                 "fields": [{"path": "id", "vendorPath": "Id"}]}"""));
        assertProblem("Scripts are not supported", problems("""
                {"vendorName": "contacts", "fields": [{"path": "id", "vendorPath": "Id",
                  "configuration": [{"type": "passThrough", "properties": {"fromVendor": true, "toVendor": true,
                                     "body": "done(transformedObject)"}}]}]}"""));
    }

    @Test
    void vendorPathsMayNotLieInsideEachOther() {
        assertProblem("vendorPath: Address.City lies inside Address", problems("""
                {"vendorName": "contacts", "fields": [{"path": "id", "vendorPath": "Address"},
                                                      {"path": "vip", "vendorPath": "Address.City"}]}"""));
    }

    @Test
    void definitionsNeedDistinctTypedFieldsThatDoNotNest() {
        assertEquals(List.of(), TransformationRules.definitionProblems(FIELDS));
        assertProblem("at least one field", TransformationRules.definitionProblems(List.of()));
        assertProblem("has type text; the types are string, number, boolean, date",
                TransformationRules.definitionProblems(List.of(new ObjectField("a", "text"))));
        assertProblem("a appears twice", TransformationRules.definitionProblems(
                List.of(new ObjectField("a", "string"), new ObjectField("a", "number"))));
        assertProblem("name.first lies inside name", TransformationRules.definitionProblems(
                List.of(new ObjectField("name", "string"), new ObjectField("name.first", "string"))));
        assertProblem("is not a dotted path", TransformationRules.definitionProblems(List.of(new ObjectField("a..b", "string"))));
    }

    @Test
    void namesAreOneHubPathSegmentAndNotTheHubsOwn() {
        assertEquals(List.of(), TransformationRules.nameProblems("myContacts"));
        assertEquals(List.of(), TransformationRules.nameProblems("churros-object-1_x"));
        assertProblem("1 to 100 letters", TransformationRules.nameProblems("my contacts"));
        assertProblem("1 to 100 letters", TransformationRules.nameProblems("a/b"));
        assertProblem("1 to 100 letters", TransformationRules.nameProblems("x".repeat(101)));
        assertProblem("reserved", TransformationRules.nameProblems("objects"));
    }
}
