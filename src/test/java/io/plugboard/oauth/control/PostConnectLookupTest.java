package io.plugboard.oauth.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The post-connect lookup: the call as sent, the values kept, and every way it fails the connect. */
class PostConnectLookupTest {

    RecordingProvider provider;
    PostConnectLookup lookup;
    Map<String, String> configuration;

    @BeforeEach
    void setUp() {
        provider = new RecordingProvider();
        lookup = new PostConnectLookup();
        lookup.http = provider;
        configuration = new HashMap<>();
        configuration.put("oauth.lookup.url", "https://login.provider.example/oauth2/metadata");
        configuration.put("oauth.lookup.keep", "/dc=crm.dc, /api_endpoint=crm.api");
    }

    @Test
    void noLookupUrlIsNoCallAndNothingKept() {
        configuration.remove("oauth.lookup.url");
        assertEquals(Map.of(), assertInstanceOf(Outcome.Success.class, lookup.lookUp(configuration, "at")).value());
        assertTrue(provider.sent.isEmpty());
    }

    @Test
    void aGetWithTheNewTokenFillsTheKeptValues() {
        provider.answer(200, "{\"dc\": \"us6\", \"api_endpoint\": \"https://us6.api.provider.example\", \"login\": {}}");
        var outcome = lookup.lookUp(configuration, "the-token");
        assertEquals(Map.of("crm.dc", "us6", "crm.api", "https://us6.api.provider.example"),
                assertInstanceOf(Outcome.Success.class, outcome).value());
        ProviderRequest sent = provider.only();
        assertEquals("GET", sent.method());
        assertEquals("https://login.provider.example/oauth2/metadata", sent.uri().toString());
        assertEquals("Bearer the-token", sent.headers().get("Authorization"));
        assertEquals("application/json", sent.headers().get("Accept"));
    }

    @Test
    void theTokenPrefixAndATemplatedUrlComeFromTheConfiguration() {
        configuration.put("oauth.lookup.token.prefix", "OAuth ");
        configuration.put("oauth.lookup.url", "{crm.site}/oauth/token/accessible-resources");
        configuration.put("crm.site", "https://api.provider.example");
        configuration.put("oauth.lookup.keep", "/0/id=crm.cloud.id");
        provider.answer(200, "[{\"id\": \"c-1\", \"name\": \"first\"}, {\"id\": \"c-2\"}]");
        assertEquals(Map.of("crm.cloud.id", "c-1"), assertInstanceOf(Outcome.Success.class, lookup.lookUp(configuration, "t")).value());
        assertEquals("OAuth t", provider.only().headers().get("Authorization"));
        assertEquals("https://api.provider.example/oauth/token/accessible-resources", provider.only().uri().toString());
    }

    @Test
    void theElementsFixedHeadersGoAlongWhereTheyCanBeFilledBeforeTheLookup() {
        configuration.put("provider.headers", "Api-Version: 2024-01\nTenant-Id: {crm.tenant}");
        provider.answer(200, "{\"dc\": \"us6\", \"api_endpoint\": \"https://a\"}");
        lookup.lookUp(configuration, "t");
        assertEquals("2024-01", provider.only().headers().get("Api-Version"));
        assertFalse(provider.only().headers().containsKey("Tenant-Id"), "its value is what the lookup brings");

        configuration.put("crm.tenant", "t-9");
        assertEquals(Map.of("Api-Version", "2024-01", "Tenant-Id", "t-9"), io.plugboard.elements.control.ProviderHeaders.resolvableNow(configuration));
    }

    @Test
    void aRefusalFailsTheConnectWithTheProvidersMessage() {
        provider.answer(401, "{\"error\": \"invalid_token\", \"error_description\": \"The token is not valid\"}");
        var failed = assertInstanceOf(Outcome.ProviderFailed.class, lookup.lookUp(configuration, "t"));
        assertEquals("The provider refused the post-connect lookup (HTTP 401).", failed.message());
        assertEquals("{\"error\": \"invalid_token\", \"error_description\": \"The token is not valid\"}", failed.providerMessage());
    }

    @Test
    void aMissingValueFailsTheConnect() {
        provider.answer(200, "{\"dc\": \"us6\"}");
        var failed = assertInstanceOf(Outcome.ProviderFailed.class, lookup.lookUp(configuration, "t"));
        assertEquals("The provider's answer to the post-connect lookup has no value at /api_endpoint (oauth.lookup.keep).",
                failed.message());
        provider.answer(200, "[]");
        configuration.put("oauth.lookup.keep", "/0/id=crm.cloud.id");
        assertInstanceOf(Outcome.ProviderFailed.class, lookup.lookUp(configuration, "t"), "no accessible resource at all");
    }

    @Test
    void aBadKeepListOrUrlIsRefusedBeforeAnythingIsSent() {
        configuration.put("oauth.lookup.keep", "dc=crm.dc");
        assertInstanceOf(Outcome.Invalid.class, lookup.lookUp(configuration, "t"));
        configuration.put("oauth.lookup.keep", "/dc=crm.dc");
        configuration.put("oauth.lookup.url", "{crm.site}/metadata");
        assertEquals("oauth.lookup.url needs a value for crm.site.",
                assertInstanceOf(Outcome.Invalid.class, lookup.lookUp(configuration, "t")).message());
        configuration.put("oauth.lookup.url", "ftp://x.example/metadata");
        assertInstanceOf(Outcome.Invalid.class, lookup.lookUp(configuration, "t"));
        assertTrue(provider.sent.isEmpty());
    }
}
