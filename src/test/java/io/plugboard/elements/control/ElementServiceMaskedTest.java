package io.plugboard.elements.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementServiceMaskedTest {

    static ConfigurationDefinition entry(String key, String type, String defaultValue) {
        return new ConfigurationDefinition(key, key, "about " + key, type, true, false, defaultValue);
    }

    static ElementDefinition element(List<ConfigurationDefinition> configuration) {
        return new ElementDefinition(7L, "Sample", "sample", List.of("alias"), "d", null, true, false, false, false, null,
                null, false, false, false, false, new Authentication("apiKey"), "crm", List.of(), configuration, List.of(), null);
    }

    @Test
    void maskIsEightAsterisks() {
        assertEquals("********", ElementService.MASK);
    }

    @Test
    void secretDefaultsAreMaskedOthersKept() {
        ElementDefinition original = element(List.of(
                entry("api.key", "PASSWORD", "s3cr3t"),
                entry("base.url", "TEXTFIELD_1000", "https://api.example.com"),
                entry("oauth.user.token", "PASSWORD", null),
                entry("label", "TEXTFIELD_32", null),
                entry("password.hint", "password", "lower-case type is not a secret")));

        ElementDefinition masked = ElementService.masked(original);

        assertEquals("********", masked.defaultValue("api.key").orElse(null));
        assertEquals("https://api.example.com", masked.defaultValue("base.url").orElse(null));
        assertNull(masked.configurationEntry("oauth.user.token").orElseThrow().defaultValue(), "no default to mask");
        assertNull(masked.configurationEntry("label").orElseThrow().defaultValue());
        assertEquals("lower-case type is not a secret", masked.defaultValue("password.hint").orElse(null));
    }

    @Test
    void emptySecretDefaultIsMaskedToo() {
        ElementDefinition masked = ElementService.masked(element(List.of(entry("api.key", "PASSWORD", ""))));
        assertEquals("********", masked.defaultValue("api.key").orElse(null));
    }

    @Test
    void onlyTheDefaultValueChanges() {
        ConfigurationDefinition secret = entry("api.key", "PASSWORD", "s3cr3t");
        ElementDefinition original = element(List.of(secret));

        ElementDefinition masked = ElementService.masked(original);

        assertEquals(secret.withDefaultValue("********"), masked.configuration().get(0));
        assertEquals(original.withConfiguration(masked.configuration()), masked, "everything but configuration is kept");
        assertEquals(List.of("api.key"), masked.configuration().stream().map(ConfigurationDefinition::key).toList());
    }

    @Test
    void orderOfEntriesIsKept() {
        ElementDefinition masked = ElementService.masked(element(List.of(
                entry("c", "PASSWORD", "1"), entry("a", "TEXTFIELD_32", "2"), entry("b", "PASSWORD", "3"))));
        assertEquals(List.of("c", "a", "b"), masked.configuration().stream().map(ConfigurationDefinition::key).toList());
        assertEquals(List.of("********", "2", "********"),
                masked.configuration().stream().map(ConfigurationDefinition::defaultValue).toList());
    }

    @Test
    void theOriginalIsNotChanged() {
        ElementDefinition original = element(List.of(entry("api.key", "PASSWORD", "s3cr3t")));
        ElementService.masked(original);
        assertEquals("s3cr3t", original.defaultValue("api.key").orElse(null));
    }

    @Test
    void shippedElementWithoutSecretDefaultsIsUnchanged() throws IOException {
        // etsy's PASSWORD entries (consumer secret, user tokens) have no defaults: nothing to mask.
        ElementDefinition etsy;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("elements/catalog/etsy.json")) {
            etsy = ElementCodec.read(in).orElseThrow().normalized();
        }
        assertTrue(etsy.configuration().stream().anyMatch(ConfigurationDefinition::isSecret), "fixture has secret entries");
        assertEquals(etsy, ElementService.masked(etsy));
    }
}
