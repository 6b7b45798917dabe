package io.plugboard.elements.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementConfigurationTest {

    static ConfigurationDefinition entry(String key, Boolean required, String defaultValue) {
        return new ConfigurationDefinition(key, key, "about " + key, "TEXTFIELD_32", required, false, defaultValue);
    }

    static ElementDefinition element(ConfigurationDefinition... configuration) {
        return new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null, true, false, false, false, null, null,
                false, false, false, false, new Authentication("custom"), "crm", List.of(), List.of(configuration), List.of(), null);
    }

    static final ElementDefinition ELEMENT = element(
            entry("base.url", true, "https://api.example.com"),
            entry("api.version", false, "v2"),
            entry("oauth.api.key", true, null),
            entry("oauth.api.secret", true, null),
            entry("page.size", null, "50"));

    static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void elementDefaultsArePresent() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT, Map.of(), Map.of());
        assertEquals(List.of("base.url", "api.version", "oauth.api.key", "oauth.api.secret", "page.size"),
                List.copyOf(values.keySet()));
        assertEquals("https://api.example.com", values.get("base.url"));
        assertEquals("v2", values.get("api.version"));
        assertEquals("50", values.get("page.size"));
        assertTrue(values.containsKey("oauth.api.key"));
        assertNull(values.get("oauth.api.key"));
    }

    @Test
    void storedValuesOverrideDefaults() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT,
                map("base.url", "https://eu.example.com", "oauth.api.key", "client"), Map.of());
        assertEquals("https://eu.example.com", values.get("base.url"));
        assertEquals("client", values.get("oauth.api.key"));
        assertEquals("v2", values.get("api.version"));
    }

    @Test
    void givenValuesOverrideStoredAndDefaults() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT,
                map("base.url", "https://eu.example.com", "oauth.api.key", "old-client"),
                map("oauth.api.key", "new-client", "api.version", "v3"));
        assertEquals("new-client", values.get("oauth.api.key"));
        assertEquals("v3", values.get("api.version"));
        assertEquals("https://eu.example.com", values.get("base.url"));
    }

    @Test
    void nullGivenValuesDoNotEraseStoredOnes() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT,
                map("oauth.api.key", "client", "extra", "kept"),
                map("oauth.api.key", null, "extra", null, "base.url", null));
        assertEquals("client", values.get("oauth.api.key"));
        assertEquals("kept", values.get("extra"));
        assertEquals("https://api.example.com", values.get("base.url"), "nor the defaults");
    }

    @Test
    void nullStoredValuesDoNotEraseDefaults() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT, map("base.url", null), Map.of());
        assertEquals("https://api.example.com", values.get("base.url"));
    }

    @Test
    void emptyGivenValueIsAValue() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT, map("api.version", "v9"),
                map("api.version", ""));
        assertEquals("", values.get("api.version"));
    }

    @Test
    void extraKeysAreKept() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT,
                map("stored.extra", "s"), map("given.extra", "g", "oauth.user.token", "t"));
        assertEquals("s", values.get("stored.extra"));
        assertEquals("g", values.get("given.extra"));
        assertEquals("t", values.get("oauth.user.token"));
        assertEquals(8, values.size());
    }

    @Test
    void blankGivenKeysAreIgnoredAndKeysStripped() {
        Map<String, String> given = new HashMap<>();
        given.put("", "empty-key");
        given.put("   ", "blank-key");
        given.put(null, "null-key");
        given.put("  api.version  ", "v4");
        Map<String, String> values = ElementConfiguration.effective(ELEMENT, Map.of(), given);
        assertFalse(values.containsKey(""));
        assertFalse(values.containsKey("   "));
        assertFalse(values.containsKey(null));
        assertFalse(values.containsValue("empty-key"));
        assertFalse(values.containsValue("blank-key"));
        assertFalse(values.containsValue("null-key"));
        assertEquals("v4", values.get("api.version"));
        assertFalse(values.containsKey("  api.version  "));
        assertEquals(5, values.size());
    }

    @Test
    void inputsAreNotModified() {
        Map<String, String> stored = map("base.url", "https://eu.example.com");
        Map<String, String> given = map("api.version", "v3");
        ElementConfiguration.effective(ELEMENT, stored, given);
        assertEquals(map("base.url", "https://eu.example.com"), stored);
        assertEquals(map("api.version", "v3"), given);
    }

    @Test
    void missingRequiredListsNullAndBlankInDefinitionOrder() {
        Map<String, String> configuration = map(
                "oauth.api.secret", "  ",
                "base.url", "",
                "api.version", null,
                "page.size", null);
        // oauth.api.key absent entirely; api.version not required; page.size required=null means optional
        assertEquals(List.of("base.url", "oauth.api.key", "oauth.api.secret"),
                ElementConfiguration.missingRequired(ELEMENT, configuration));
    }

    @Test
    void missingRequiredAfterDefaults() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT, Map.of(), map("oauth.api.key", "c"));
        assertEquals(List.of("oauth.api.secret"), ElementConfiguration.missingRequired(ELEMENT, values));
    }

    @Test
    void noneMissingWhenAllPresent() {
        Map<String, String> values = ElementConfiguration.effective(ELEMENT, Map.of(),
                map("oauth.api.key", "c", "oauth.api.secret", "s"));
        assertEquals(List.of(), ElementConfiguration.missingRequired(ELEMENT, values));
        assertEquals(List.of(), ElementConfiguration.missingRequired(element(), Map.of()));
    }
}
