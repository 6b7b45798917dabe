package io.plugboard.instances.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The builder sets each field it names, to the same record the canonical constructor makes. */
class InstanceRequestBuilderTest {

    @Test
    void everyFieldLandsInItsComponent() {
        InstanceRequest built = InstanceRequest.builder()
                .element("sample").providerData(Map.of("code", "c")).configuration(Map.of("k", "v"))
                .tags(List.of("t")).name("n").externalAuthentication("initial").eventsEnabled(true)
                .traceLoggingEnabled(false).cachingEnabled(true).maxCacheSize(5).cacheTimeToLive(60)
                .build();
        assertEquals(new InstanceRequest("sample", Map.of("code", "c"), Map.of("k", "v"), List.of("t"), "n", "initial",
                true, false, true, 5, 60), built);
    }

    @Test
    void fieldsLeftOutStayUnset() {
        assertEquals(new InstanceRequest(null, null, null, List.of("a"), "renamed", null, null, null, null, null, null),
                InstanceRequest.builder().tags(List.of("a")).name("renamed").build());
    }
}
