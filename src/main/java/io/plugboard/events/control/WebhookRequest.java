package io.plugboard.events.control;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's webhook as it arrived at {@code /events/{elementKey}[/{pathSegment}]}: everything
 * the intake may read, with the body as raw bytes (its signature is over those bytes, not over any
 * decoded form). Header names are matched ignoring case; a header sent more than once reads as its
 * values joined by commas, as HTTP defines.
 */
public record WebhookRequest(String elementKey, String pathSegment, String method, Map<String, String> headers,
                             Map<String, List<String>> query, String contentType, byte[] body) {

    public WebhookRequest {
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            caseless.putAll(headers);
        }
        headers = java.util.Collections.unmodifiableMap(caseless);
        query = query == null ? Map.of() : query;
        body = body == null ? new byte[0] : body;
    }

    /** Builds the header map from multi-valued headers. */
    public static Map<String, String> joined(Map<String, List<String>> headers) {
        TreeMap<String, String> joined = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
                joined.merge(name, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        return joined;
    }

    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + elementKey + (pathSegment == null ? "" : "/" + pathSegment)
                + ", " + body.length + " bytes]";
    }
}
