package io.plugboard.elements.control;

import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code provider.headers}: one {@code Name: value} per line, templates resolved per instance, malformed values refused. */
class ProviderHeadersTest {

    @Test
    void eachLineIsOneHeaderInItsOrder() {
        Outcome<Map<String, String>> parsed = ProviderHeaders.parse("Api-Version: 2022-06-28\r\n\n  X-Tenant :  {tenant.id} \nAccept:a/b, c/d");
        Map<String, String> headers = value(parsed);
        assertEquals(List.of("Api-Version", "X-Tenant", "Accept"), List.copyOf(headers.keySet()));
        assertEquals("2022-06-28", headers.get("Api-Version"));
        assertEquals("{tenant.id}", headers.get("X-Tenant"), "templates are resolved per call, not when parsed");
        assertEquals("a/b, c/d", headers.get("Accept"), "a value may hold commas and colons");
    }

    @Test
    void blankOrAbsentIsNoHeaders() {
        assertEquals(List.of(), ProviderHeaders.problems(null));
        assertEquals(List.of(), ProviderHeaders.problems("  \n "));
        assertEquals(Map.of(), value(ProviderHeaders.resolve(Map.of())));
    }

    @Test
    void everyMalformedLineIsNamed() {
        assertEquals(List.of(
                "line 1 is not of the form 'Name: value'",
                "line 2: 'Bad Name' is not a header name",
                "line 3: the header Host is set by the HTTP exchange itself",
                "line 5: the header x-a appears twice",
                "line 6: the header X-B has no value"),
                ProviderHeaders.problems("Notion-Version 2022\nBad Name: v\nHost: evil.example\nX-A: 1\nx-a: 2\nX-B:   "));
        Outcome<Map<String, String>> parsed = ProviderHeaders.parse("just text");
        assertEquals("provider.headers: line 1 is not of the form 'Name: value'.",
                assertInstanceOf(Outcome.Invalid.class, parsed).message());
    }

    @Test
    void templatesTakeTheInstancesValues() {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("provider.headers", "X-Tenant: {tenant.id}\nX-Fixed: 1");
        configuration.put("tenant.id", "t-42");
        Outcome<Map<String, String>> resolved = ProviderHeaders.resolve(configuration);
        assertEquals(Map.of("X-Tenant", "t-42", "X-Fixed", "1"), value(resolved));
    }

    @Test
    void aTemplateWithoutValueOrWithALineBreakIsRefused() {
        Outcome<Map<String, String>> missing = ProviderHeaders.resolve(Map.of("provider.headers", "X-Tenant: {tenant.id}"));
        assertEquals("provider.headers: the header X-Tenant needs a value for tenant.id.",
                assertInstanceOf(Outcome.Invalid.class, missing).message());

        Outcome<Map<String, String>> injected = ProviderHeaders.resolve(
                Map.of("provider.headers", "X-Tenant: {tenant.id}", "tenant.id", "t\r\nX-Evil: 1"));
        assertTrue(assertInstanceOf(Outcome.Invalid.class, injected).message().contains("line break"));
    }

    private static Map<String, String> value(Outcome<Map<String, String>> outcome) {
        assertInstanceOf(Outcome.Success.class, outcome, String.valueOf(outcome));
        return ((Outcome.Success<Map<String, String>>) outcome).value();
    }
}
