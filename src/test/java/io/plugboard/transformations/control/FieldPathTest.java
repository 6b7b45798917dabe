package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldPathTest {

    static FieldPath path(String text) {
        return ((Outcome.Success<FieldPath>) FieldPath.parse(text)).value();
    }

    static JsonValue json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readValue();
    }

    @Test
    void dottedPathsAndIndicesParseIntoSteps() {
        assertEquals(List.of(new FieldPath.Step.Key("name"), new FieldPath.Step.Key("first")), path("name.first").steps());
        assertEquals(List.of(new FieldPath.Step.Key("emails"), new FieldPath.Step.Index(0), new FieldPath.Step.Key("address")),
                path("emails[0].address").steps());
        assertEquals(List.of(new FieldPath.Step.Key("m"), new FieldPath.Step.Index(1), new FieldPath.Step.Index(2)),
                path("m[1][2]").steps());
        assertEquals(List.of(new FieldPath.Step.Key("Custom Field")), path("Custom Field").steps(), "spaces inside a key are a key");
        assertEquals("emails[0].address", path("emails[0].address").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "[0]", "a[", "a[]", "a[x]", "a[-1]", "a[1000]", "a]b",
            "Products[id=4].name", "details.Products[?(@.id==2)].name", "Products[*].size()", " ", "a. .b"})
    void anythingElseIsRefusedWhenParsed(String text) {
        assertInstanceOf(Outcome.Invalid.class, FieldPath.parse(text), text);
    }

    @Test
    void pathsHaveBoundedLengthAndDepth() {
        assertInstanceOf(Outcome.Invalid.class, FieldPath.parse("a".repeat(256)));
        assertInstanceOf(Outcome.Invalid.class, FieldPath.parse(String.join(".", java.util.Collections.nCopies(33, "a"))));
        assertInstanceOf(Outcome.Success.class, FieldPath.parse("a[999]"));
    }

    @Test
    void readFollowsKeysAndIndicesAndTellsAbsentFromNull() {
        JsonValue vendor = json("{\"data\": {\"first_name\": \"Ada\", \"title\": null,"
                + " \"emails\": [{\"address\": \"ada@example.com\"}, {\"address\": \"a@b.c\"}]}}");
        assertEquals(Optional.of(Json.createValue("Ada")), path("data.first_name").read(vendor));
        assertEquals(Optional.of(Json.createValue("a@b.c")), path("data.emails[1].address").read(vendor));
        assertEquals(Optional.of(JsonValue.NULL), path("data.title").read(vendor), "a null is present");
        assertEquals(Optional.empty(), path("data.last_name").read(vendor));
        assertEquals(Optional.empty(), path("data.emails[2].address").read(vendor));
        assertEquals(Optional.empty(), path("data.first_name.x").read(vendor), "a string has no keys");
        assertEquals(Optional.empty(), path("data[0]").read(vendor), "an object has no positions");
    }

    @Test
    void writeCreatesWhatIsMissingAndKeepsTheRest() {
        JsonValue written = path("data.address.city").write(json("{\"data\": {\"id\": 1}}"), Json.createValue("Paris"));
        assertEquals(json("{\"data\": {\"id\": 1, \"address\": {\"city\": \"Paris\"}}}"), written);
        assertEquals(json("{\"emails\": [null, null, {\"address\": \"x\"}]}"),
                path("emails[2].address").write(null, Json.createValue("x")), "an array is padded with nulls");
        assertEquals(json("{\"emails\": [{\"address\": \"x\", \"primary\": true}]}"),
                path("emails[0].address").write(json("{\"emails\": [{\"address\": \"old\", \"primary\": true}]}"),
                        Json.createValue("x")), "an existing element is updated in place");
        assertEquals(json("{\"a\": {\"b\": 1}}"), path("a.b").write(json("{\"a\": \"text\"}"), Json.createValue(1)),
                "a value of the wrong kind on the way is replaced");
    }

    @Test
    void writeLeavesItsArgumentUntouched() {
        JsonValue original = json("{\"a\": {\"b\": 1}}");
        path("a.c").write(original, Json.createValue(2));
        assertEquals(json("{\"a\": {\"b\": 1}}"), original);
    }

    @Test
    void removeDropsTheValueAndObjectsItEmptied() {
        assertEquals(json("{\"data\": {\"id\": 1}}"), path("data.name").remove(json("{\"data\": {\"id\": 1, \"name\": \"x\"}}")));
        assertEquals(json("{\"id\": 1}"), path("data.name").remove(json("{\"id\": 1, \"data\": {\"name\": \"x\"}}")),
                "an object emptied by the removal goes too");
        assertEquals(json("{\"id\": 1, \"data\": {}}"), path("data.name").remove(json("{\"id\": 1, \"data\": {}}")),
                "an object that was already empty stays");
        assertEquals(json("{\"e\": [null, 2]}"), path("e[0]").remove(json("{\"e\": [1, 2]}")), "positions do not shift");
        assertEquals(json("{\"a\": 1}"), path("b.c").remove(json("{\"a\": 1}")), "nothing to remove");
    }

    @Test
    void prefixesAreTold() {
        assertTrue(path("a").isProperPrefixOf(path("a.b")));
        assertTrue(path("a").isProperPrefixOf(path("a[0]")));
        assertFalse(path("a").isProperPrefixOf(path("a")));
        assertFalse(path("a.b").isProperPrefixOf(path("a")));
        assertFalse(path("a").isProperPrefixOf(path("ab")));
        assertEquals(path("a[7]"), path("a[007]"));
    }
}
