package io.plugboard.platform.boundary;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderSizeLimitTest {

    @Test
    void aFieldOfExactlyTheLimitPasses() {
        String value = "x".repeat(HeaderSizeLimit.MAX_FIELD_CHARACTERS - "Authorization".length());
        assertEquals(Optional.empty(), HeaderSizeLimit.violation(request(Map.of("Authorization", List.of(value)))));
    }

    @Test
    void oneCharacterMoreIsRefusedNamingTheHeaderAndTheLimit() {
        String value = "x".repeat(HeaderSizeLimit.MAX_FIELD_CHARACTERS - "Authorization".length() + 1);
        assertEquals(Optional.of("Request header Authorization is too large: 8193 characters; the limit is 8192 per header."),
                HeaderSizeLimit.violation(request(Map.of("Authorization", List.of(value)))));
    }

    @Test
    void everyValueOfARepeatedHeaderCounts() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("localhost"));
        headers.put("X-Trace", List.of("short", "y".repeat(20_000)));
        Optional<String> refused = HeaderSizeLimit.violation(request(headers));
        assertTrue(refused.orElseThrow().startsWith("Request header X-Trace is too large: 20007 characters"), refused::toString);
    }

    @Test
    void theMessageWritesALowerCasedNameAsClientsDo() {
        String value = "x".repeat(HeaderSizeLimit.MAX_FIELD_CHARACTERS);
        assertTrue(HeaderSizeLimit.violation(request(Map.of("x-forwarded-for", List.of(value)))).orElseThrow()
                .startsWith("Request header X-Forwarded-For is too large"));
    }

    @Test
    void theMessageShowsNoControlCharactersOfAName() {
        String message = HeaderSizeLimit.message("X-\u0000\u00e9" + "n".repeat(100), 9000);
        assertTrue(message.startsWith("Request header X-??" + "n".repeat(60) + "... is too large"), message);
    }

    /** A request that only knows its headers, which is all the limit reads. */
    private static HttpServletRequest request(Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
