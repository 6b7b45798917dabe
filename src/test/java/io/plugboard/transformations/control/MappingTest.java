package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.transformations.entity.ObjectField;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.plugboard.transformations.control.FieldPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping engine, both ways, from mappings written as Cloud Elements writes them. */
class MappingTest {

    static final List<ObjectField> CONTACT = List.of(
            new ObjectField("id", "string"),
            new ObjectField("name.first", "string"),
            new ObjectField("name.last", "string"),
            new ObjectField("email", "string"),
            new ObjectField("score", "number"),
            new ObjectField("vip", "boolean"),
            new ObjectField("created", "date"),
            new ObjectField("birthday", "date"),
            new ObjectField("updatedMillis", "number"));

    /** Compiled strictly against {@link #CONTACT}, as a write would be. */
    static Mapping mapping(String json) {
        return mapping(json, CONTACT);
    }

    static Mapping mapping(String json, List<ObjectField> fields) {
        Outcome<Mapping> compiled = TransformationRules.compile(CommonObjectCodec.readMapping(json), fields, true);
        assertInstanceOf(Outcome.Success.class, compiled, () -> compiled.toString());
        return ((Outcome.Success<Mapping>) compiled).value();
    }

    static JsonValue toVendor(Mapping mapping, String common) {
        Outcome<JsonValue> mapped = mapping.toVendor(json(common));
        assertInstanceOf(Outcome.Success.class, mapped, mapped::toString);
        return ((Outcome.Success<JsonValue>) mapped).value();
    }

    static final String NESTED = """
            {"vendorName": "contacts",
             "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}],
             "fields": [
               {"path": "id", "vendorPath": "data.id", "vendorType": "number"},
               {"path": "name.first", "vendorPath": "data.first_name"},
               {"path": "name.last", "vendorPath": "data.last_name"},
               {"path": "email", "vendorPath": "data.emails[0].address"},
               {"path": "score", "vendorPath": "data.score", "vendorType": "string"},
               {"path": "vip", "vendorPath": "data.vip"},
               {"path": "created", "type": "date", "vendorPath": "data.created_at", "vendorType": "date",
                "configuration": [{"type": "date", "properties": {"pattern": "yyyy-MM-dd'T'HH:mm:ssZ"}}]},
               {"path": "birthday", "vendorPath": "data.birthday", "vendorType": "date",
                "configuration": [{"properties": {"pattern": "dd/MM/yyyy"}}]},
               {"path": "updatedMillis", "vendorPath": "data.updated", "vendorType": "date",
                "configuration": [{"type": "date", "properties": {"pattern": "yyyy-MM-dd HH:mm:ss", "timezone": "Europe/Paris"}}]}
             ]}""";

    static final String VENDOR = """
            {"data": {"id": 42, "first_name": "Ada", "last_name": "Lovelace", "owner_id": 7,
                      "emails": [{"address": "ada@example.com", "primary": true}],
                      "score": "97.5", "vip": "true", "created_at": "2024-05-01T12:00:00+0200",
                      "birthday": "10/12/1815", "updated": "2024-05-01 12:00:00"},
             "meta": {"type": "contact"}}""";

    @Test
    void fromVendorReshapesConvertsTypesAndDates() {
        assertEquals(json("""
                {"id": "42", "name": {"first": "Ada", "last": "Lovelace"}, "email": "ada@example.com", "score": 97.5,
                 "vip": true, "created": "2024-05-01T10:00:00Z", "birthday": "1815-12-10", "updatedMillis": 1714557600000}"""),
                mapping(NESTED).fromVendor(json(VENDOR)));
    }

    @Test
    void toVendorIsTheWayBack() {
        JsonValue vendor = toVendor(mapping(NESTED), """
                {"name": {"first": "Ada", "last": "Lovelace"}, "email": "ada@example.com", "score": 97.5, "vip": true,
                 "created": "2024-05-01T10:00:00Z", "birthday": "1815-12-10", "updatedMillis": 1714557600000}""");
        assertEquals(json("""
                {"data": {"first_name": "Ada", "last_name": "Lovelace", "emails": [{"address": "ada@example.com"}],
                          "score": "97.5", "vip": true, "created_at": "2024-05-01T10:00:00+0000", "birthday": "10/12/1815",
                          "updated": "2024-05-01 12:00:00"}}"""), vendor);
    }

    @Test
    void absentValuesStayAbsentAndNullsStayNull() {
        assertEquals(json("{\"name\": {\"first\": \"Ada\"}, \"email\": null}"),
                mapping(NESTED).fromVendor(json("{\"data\": {\"first_name\": \"Ada\", \"emails\": [{\"address\": null}]}}")));
        assertEquals(json("{\"data\": {\"last_name\": null}}"), toVendor(mapping(NESTED), "{\"name\": {\"last\": null}}"),
                "a PATCH that clears a field sends the null");
    }

    @Test
    void listsAreMappedItemByItem() {
        assertEquals(json("[{\"id\": \"1\"}, {\"id\": \"2\"}, \"not an object\"]"),
                mapping(NESTED).fromVendor(json("[{\"data\": {\"id\": 1}}, {\"data\": {\"id\": 2}}, \"not an object\"]")));
        assertEquals(json("[{\"data\": {\"first_name\": \"A\"}}, {\"data\": {\"first_name\": \"B\"}}]"),
                toVendor(mapping(NESTED), "[{\"name\": {\"first\": \"A\"}}, {\"name\": {\"first\": \"B\"}}]"));
        assertInstanceOf(Outcome.Invalid.class, mapping(NESTED).toVendor(json("[1]")));
        assertInstanceOf(Outcome.Invalid.class, mapping(NESTED).toVendor(json("\"text\"")));
    }

    @Test
    void aProviderValueThatCannotBeConvertedArrivesAsTheProviderWroteIt() {
        assertEquals(json("{\"score\": \"n/a\", \"vip\": \"maybe\", \"created\": \"yesterday\"}"),
                mapping(NESTED).fromVendor(json("{\"data\": {\"score\": \"n/a\", \"vip\": \"maybe\", \"created_at\": \"yesterday\"}}")));
    }

    @Test
    void anApplicationValueThatCannotBeConvertedIsNamedByField() {
        Outcome<JsonValue> mapped = mapping(NESTED).toVendor(json(
                "{\"score\": \"lots\", \"created\": \"01/05/2024\", \"vip\": {\"yes\": 1}, \"name\": {\"first\": \"Ada\"}}"));
        String message = ((Outcome.Invalid<JsonValue>) mapped).message();
        assertTrue(message.contains("score: \"lots\" is not a number"), message);
        assertTrue(message.contains("created: \"01/05/2024\" is not an ISO 8601 date"), message);
        assertTrue(message.contains("vip: {\"yes\":1} is not a boolean"), message);
        Outcome<JsonValue> items = mapping(NESTED).toVendor(json("[{\"vip\": true}, {\"vip\": \"often\"}]"));
        assertTrue(((Outcome.Invalid<JsonValue>) items).message().startsWith("item 1: vip:"), items::toString);
    }

    @Test
    void conversionsBetweenStringsNumbersAndBooleans() {
        Mapping mapping = mapping("""
                {"vendorName": "c", "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}],
                 "fields": [{"path": "id", "vendorPath": "id", "vendorType": "number"},
                            {"path": "score", "vendorPath": "score", "vendorType": "string"},
                            {"path": "vip", "vendorPath": "vip", "vendorType": "number"}]}""");
        assertEquals(json("{\"id\": \"12.50\", \"score\": 3, \"vip\": false}"),
                mapping.fromVendor(json("{\"id\": 12.50, \"score\": \"3\", \"vip\": 0}")));
        assertEquals(json("{\"id\": 12, \"score\": \"3\"}"), toVendor(mapping, "{\"id\": \"12\", \"score\": 3}"));
        assertInstanceOf(Outcome.Invalid.class, mapping.toVendor(json("{\"id\": \"twelve\"}")));
        assertInstanceOf(Outcome.Invalid.class, mapping.toVendor(json("{\"vip\": true}")),
                "a boolean the provider takes as a number has no number");
    }

    @Test
    void aDateWithoutAMaskIsIsoOnBothSides() {
        Mapping mapping = mapping("""
                {"vendorName": "c", "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}],
                 "fields": [{"path": "created", "vendorPath": "createdAt"}]}""");
        assertEquals(json("{\"created\": \"2024-05-01T10:00:00Z\"}"),
                mapping.fromVendor(json("{\"createdAt\": \"2024-05-01T12:00:00.000+02:00\"}")), "normalized to UTC");
        assertEquals(json("{\"createdAt\": \"2024-05-01T10:00:00Z\"}"), toVendor(mapping, "{\"created\": \"2024-05-01T12:00:00+02:00\"}"));
        assertInstanceOf(Outcome.Invalid.class, mapping.toVendor(json("{\"created\": 1714557600000}")));
    }

    // ---------------------------------------------------------------- remove and passThrough

    static final String WITH_UNMAPPED_PASSING = """
            {"vendorName": "contacts", "fields": [
               {"path": "id", "vendorPath": "data.id"},
               {"path": "name.first", "vendorPath": "data.first_name"}]}""";

    @Test
    void withoutAPassThroughEntryUnmappedFieldsPassAsTheyAre() {
        assertEquals(json("""
                {"data": {"last_name": "Lovelace", "owner_id": 7}, "meta": {"type": "contact"},
                 "id": "42", "name": {"first": "Ada"}}"""),
                mapping(WITH_UNMAPPED_PASSING).fromVendor(json("""
                        {"data": {"id": 42, "first_name": "Ada", "last_name": "Lovelace", "owner_id": 7},
                         "meta": {"type": "contact"}}""")));
        assertEquals(json("{\"custom\": 1, \"data\": {\"first_name\": \"Ada\"}}"),
                toVendor(mapping(WITH_UNMAPPED_PASSING), "{\"name\": {\"first\": \"Ada\"}, \"custom\": 1}"));
    }

    @Test
    void theMappingsPassThroughSaysPerDirectionWhetherUnmappedFieldsPass() {
        Mapping answersOnly = mapping(WITH_UNMAPPED_PASSING.replace("\"fields\"",
                "\"configuration\": [{\"type\": \"passThrough\", \"properties\": {\"fromVendor\": true, \"toVendor\": false}}], \"fields\""));
        assertEquals(json("{\"meta\": 1, \"id\": \"42\"}"), answersOnly.fromVendor(json("{\"data\": {\"id\": 42}, \"meta\": 1}")));
        assertEquals(json("{\"data\": {\"first_name\": \"Ada\"}}"), toVendor(answersOnly, "{\"name\": {\"first\": \"Ada\"}, \"custom\": 1}"));
    }

    @Test
    void removeDropsAFieldInTheDirectionsItNames() {
        Mapping mapping = mapping("""
                {"vendorName": "c", "fields": [
                   {"path": "id", "vendorPath": "Id", "configuration": [{"type": "remove", "properties": {"fromVendor": false, "toVendor": true}}]},
                   {"path": "email", "vendorPath": "Email", "configuration": [{"type": "remove", "properties": {"fromVendor": true, "toVendor": true}}]}]}""");
        assertEquals(json("{\"Other\": 1, \"id\": \"1\"}"), mapping.fromVendor(json("{\"Id\": 1, \"Email\": \"a@b.c\", \"Other\": 1}")),
                "a removed field is withheld, not passed through raw either");
        assertEquals(json("{}"), toVendor(mapping, "{\"id\": \"1\", \"email\": \"a@b.c\"}"));
    }

    @Test
    void aFieldsPassThroughCopiesAsIsWhereTrueAndDropsWhereFalse() {
        Mapping mapping = mapping("""
                {"vendorName": "c", "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}],
                 "fields": [
                   {"path": "score", "vendorPath": "Score", "vendorType": "string",
                    "configuration": [{"type": "passThrough", "properties": {"fromVendor": true, "toVendor": false}}]},
                   {"path": "created", "vendorPath": "LastModifiedDate",
                    "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}]}]}""");
        assertEquals(json("{\"score\": \"97.5\"}"), mapping.fromVendor(json("{\"Score\": \"97.5\", \"LastModifiedDate\": \"2024-05-01\"}")),
                "copied without conversion; the other field dropped");
        assertEquals(json("{}"), toVendor(mapping, "{\"score\": 97.5, \"created\": \"2024-05-01\"}"));
    }

    @Test
    void aPassedThroughObjectKeepsWhatTheMappingDidNotTake() {
        Mapping mapping = mapping("""
                {"vendorName": "c", "fields": [{"path": "email", "vendorPath": "emails[0].address"}]}""");
        assertEquals(json("{\"emails\": [{\"primary\": true}, {\"address\": \"b@c.d\"}], \"email\": \"a@b.c\"}"),
                mapping.fromVendor(json("{\"emails\": [{\"address\": \"a@b.c\", \"primary\": true}, {\"address\": \"b@c.d\"}]}")));
    }

    @Test
    void theDefinitionDecidesTypesAndFieldsWhenAStoredMappingRuns() {
        var stored = CommonObjectCodec.readMapping("""
                {"vendorName": "c", "fields": [{"path": "score", "type": "string", "vendorPath": "Score"},
                                              {"path": "gone", "vendorPath": "Gone"}]}""");
        assertInstanceOf(Outcome.Invalid.class, TransformationRules.compile(stored, CONTACT, true));
        Mapping running = ((Outcome.Success<Mapping>) TransformationRules.compile(stored, CONTACT, false)).value();
        assertEquals(json("{\"score\": 5, \"Gone\": 1}"), running.fromVendor(json("{\"Score\": \"5\", \"Gone\": 1}")),
                "the definition's number wins; a field it no longer has is not mapped");
    }
}
