package io.plugboard.instances.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plugboard.instances.control.InstanceRequest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InstanceBodyTest {

    static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    static InstanceBody parse(String json) {
        return JSONB.fromJson(json, InstanceBody.class);
    }

    @Test
    void elementByKey() {
        InstanceRequest request = parse("{\"element\": {\"key\": \" sample \"}}").toRequest(null);
        assertEquals("sample", request.elementKeyOrId());
    }

    @Test
    void elementById() {
        InstanceRequest request = parse("{\"element\": {\"id\": 91}}").toRequest(null);
        assertEquals("91", request.elementKeyOrId());
    }

    @Test
    void elementKeyWinsOverIdAndBlankKeyFallsBackToId() {
        assertEquals("sample", parse("{\"element\": {\"key\": \"sample\", \"id\": 91}}").toRequest(null).elementKeyOrId());
        assertEquals("91", parse("{\"element\": {\"key\": \"  \", \"id\": 91}}").toRequest(null).elementKeyOrId());
    }

    @Test
    void pathElementWinsOverBodyElement() {
        InstanceRequest request = parse("{\"element\": {\"key\": \"other\", \"id\": 5}}").toRequest("sample");
        assertEquals("sample", request.elementKeyOrId());
    }

    @Test
    void noElementAnywhereIsNull() {
        assertNull(parse("{}").toRequest(null).elementKeyOrId());
        assertNull(parse("{\"element\": {}}").toRequest(null).elementKeyOrId());
    }

    @Test
    void configurationValuesBecomeText() {
        InstanceRequest request = parse("""
                {"configuration": {"expires": 3600, "ratio": 0.25, "flag": true, "off": false,
                                   "text": "hello", "nothing": null, "big": 12345678901234567890}}
                """).toRequest(null);
        Map<String, String> configuration = request.configuration();
        assertEquals("3600", configuration.get("expires"));
        assertEquals("0.25", configuration.get("ratio"));
        assertEquals("true", configuration.get("flag"));
        assertEquals("false", configuration.get("off"));
        assertEquals("hello", configuration.get("text"));
        assertTrue(configuration.containsKey("nothing"));
        assertNull(configuration.get("nothing"));
        assertEquals("12345678901234567890", configuration.get("big"));
        assertEquals(7, configuration.size());
        assertEquals(List.of("expires", "ratio", "flag", "off", "text", "nothing", "big"), List.copyOf(configuration.keySet()),
                "the order sent is kept");
    }

    @Test
    void exponentNumbersAreNotInScientificNotation() {
        InstanceRequest request = parse("{\"configuration\": {\"n\": 1e3}}").toRequest(null);
        assertEquals("1000", request.configuration().get("n"));
    }

    @Test
    void providerDataValuesBecomeText() {
        InstanceRequest request = parse("{\"providerData\": {\"code\": \"abc\", \"n\": 7, \"b\": true}}").toRequest(null);
        assertEquals(Map.of("code", "abc", "n", "7", "b", "true"), request.providerData());
        assertEquals(request.providerData(), request.providerDataOrEmpty());
    }

    @Test
    void absentMapsStayNull() {
        InstanceRequest request = parse("{\"name\": \"n\"}").toRequest(null);
        assertNull(request.configuration());
        assertNull(request.providerData());
        assertEquals(Map.of(), request.configurationOrEmpty());
        assertEquals(Map.of(), request.providerDataOrEmpty());
    }

    @Test
    void settingsAreCarried() {
        InstanceRequest request = parse("""
                {"name": "My instance", "tags": ["a", "b"], "eventsEnabled": true, "traceLoggingEnabled": false,
                 "cachingEnabled": true, "maxCacheSize": 100, "cacheTimeToLive": 60}
                """).toRequest(null);
        assertEquals("My instance", request.name());
        assertEquals(List.of("a", "b"), request.tags());
        assertEquals(Boolean.TRUE, request.eventsEnabled());
        assertEquals(Boolean.FALSE, request.traceLoggingEnabled());
        assertEquals(Boolean.TRUE, request.cachingEnabled());
        assertEquals(100, request.maxCacheSize());
        assertEquals(60, request.cacheTimeToLive());
    }

    @Test
    void unknownFieldsAreIgnored() {
        InstanceBody body = parse("""
                {"id": 999, "token": "stolen-token", "valid": false, "user": {"id": 1, "emailAddress": "x@y"},
                 "disabled": true, "organizationId": 3, "element": {"key": "sample"},
                 "configuration": {"base.url": "https://x"}}
                """);
        InstanceRequest request = body.toRequest(null);
        assertEquals("sample", request.elementKeyOrId());
        assertEquals(Map.of("base.url", "https://x"), request.configuration());
        assertNull(request.name());
        assertNull(request.providerData());
        assertNull(request.tags());
        assertNull(request.externalAuthentication());
        assertNull(request.eventsEnabled());
        assertNull(request.traceLoggingEnabled());
        assertNull(request.cachingEnabled());
        assertNull(request.maxCacheSize());
        assertNull(request.cacheTimeToLive());
        String all = request + " " + request.configuration() + " " + body;
        assertFalse(all.contains("stolen-token"), all);
        assertFalse(all.contains("999"), all);
    }

    @Test
    void externalAuthenticationInitialImportsTokens() {
        assertTrue(parse("{\"externalAuthentication\": \"initial\"}").toRequest(null).importsTokens());
        assertTrue(parse("{\"externalAuthentication\": \"INITIAL\"}").toRequest(null).importsTokens());
        assertFalse(parse("{\"externalAuthentication\": \"none\"}").toRequest(null).importsTokens());
        assertFalse(parse("{}").toRequest(null).importsTokens());
        assertEquals("initial", parse("{\"externalAuthentication\": \"initial\"}").toRequest(null).externalAuthentication());
    }

    @Test
    void toStringHidesConfiguration() {
        InstanceBody body = parse("{\"name\": \"n\", \"configuration\": {\"password\": \"hunter2\"}}");
        assertFalse(body.toString().contains("hunter2"));
        assertFalse(body.toRequest(null).toString().contains("hunter2"));
    }
}
