package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The passthrough URL: below base.url, never above it, the caller's encoding kept. */
class ProxyUrlTest {

    private static final Map<String, String> CONFIGURATION = Map.of("base.url", "{store.url}/api/rest",
            "store.url", "https://shop.example.com");

    @Test
    void pathAndQueryAreAppendedAsEncoded() {
        var url = ProxyService.url(CONFIGURATION, "/products/a%20b", "q=x%26y&page=2");
        assertEquals(URI.create("https://shop.example.com/api/rest/products/a%20b?q=x%26y&page=2"),
                ((Outcome.Success<URI>) url).value());
        assertEquals(URI.create("https://shop.example.com/api/rest"), ((Outcome.Success<URI>) ProxyService.url(CONFIGURATION, "", null)).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../../x", "%2e%2e/x", "a/%2E%2e", ".", "a/./b", "a%2fb", "a%2F..", "a%5cb", "a\\b",
            "%2e%2e%2fetc"})
    void climbingIsRefused(String path) {
        assertInstanceOf(Outcome.Invalid.class, ProxyService.url(CONFIGURATION, path, null), path);
    }

    @Test
    void anUnresolvableBaseUrlIsRefused() {
        assertInstanceOf(Outcome.Invalid.class, ProxyService.url(Map.of("base.url", "{store.url}/api"), "x", null));
        assertInstanceOf(Outcome.Invalid.class, ProxyService.url(Map.of(), "x", null));
    }
}
