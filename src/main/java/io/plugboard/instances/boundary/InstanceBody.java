package io.plugboard.instances.boundary;

import io.plugboard.instances.control.InstanceRequest;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /instances} and of PUT/PATCH: exactly the fields a caller may
 * set, mapped explicitly to {@link InstanceRequest}. Fields such as {@code id}, {@code token},
 * {@code user} or {@code valid} have no property here, so a body carrying them changes nothing.
 * Configuration values may arrive as JSON strings, numbers or booleans; they are kept as text,
 * in the order sent (hence LinkedHashMap: JSON-B fills the declared map type).
 */
public record InstanceBody(ElementReference element, LinkedHashMap<String, Object> providerData,
                           LinkedHashMap<String, Object> configuration,
                           List<String> tags, String name, String externalAuthentication, Boolean eventsEnabled,
                           Boolean traceLoggingEnabled, Boolean cachingEnabled, Integer maxCacheSize,
                           Integer cacheTimeToLive) {

    /** {@code {"key": "<element key>"}} or {@code {"id": <element id>}}. */
    public record ElementReference(String key, Long id) {
        String keyOrId() {
            if (key != null && !key.isBlank()) {
                return key.strip();
            }
            return id == null ? null : id.toString();
        }
    }

    InstanceRequest toRequest(String elementFromPath) {
        String element = elementFromPath != null ? elementFromPath : this.element == null ? null : this.element.keyOrId();
        return InstanceRequest.builder()
                .element(element)
                .providerData(text(providerData))
                .configuration(text(configuration))
                .tags(tags)
                .name(name)
                .externalAuthentication(externalAuthentication)
                .eventsEnabled(eventsEnabled)
                .traceLoggingEnabled(traceLoggingEnabled)
                .cachingEnabled(cachingEnabled)
                .maxCacheSize(maxCacheSize)
                .cacheTimeToLive(cacheTimeToLive)
                .build();
    }

    private static Map<String, String> text(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((key, value) -> text.put(key, value == null ? null
                : value instanceof BigDecimal number ? number.toPlainString() : value.toString()));
        return text;
    }

    @Override
    public String toString() {
        return "InstanceBody[name=" + name + "]";
    }
}
