package io.plugboard.instances.control;

import io.plugboard.elements.control.ElementCodec;
import io.plugboard.elements.control.ElementConfiguration;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provisioning's verification call ({@link CredentialVerifier#check}): the exact request per
 * authentication style, with the element's fixed headers, and what each answer means for the
 * caller: 400 with the provider's message for rejected credentials, 502 or 504 for a provider
 * that fails, nothing at all when the element names no verification call.
 */
class CredentialVerifierCheckTest {

    final List<ProviderRequest> sent = new ArrayList<>();
    Supplier<ProviderResponse> answer = () -> answered(200, "{\"id\": 1}");
    CredentialVerifier verifier;

    @BeforeEach
    void setUp() {
        verifier = new CredentialVerifier();
        verifier.http = new ProviderHttp() {
            @Override
            public ProviderResponse send(ProviderRequest request) {
                sent.add(request);
                return answer.get();
            }
        };
    }

    static ProviderResponse answered(int status, String body) {
        return new ProviderResponse.Answered(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A private element of this type whose configuration entries have these defaults ("key=default" or "key"). */
    static ElementDefinition element(String type, String... entries) {
        StringBuilder json = new StringBuilder("{\"key\": \"base.url\", \"name\": \"b\", \"type\": \"TEXTFIELD_128\","
                + " \"defaultValue\": \"https://{subdomain}.provider.example.com/api/v2\"},"
                + " {\"key\": \"subdomain\", \"name\": \"s\", \"type\": \"TEXTFIELD_128\"},"
                + " {\"key\": \"verification.path\", \"name\": \"v\", \"type\": \"TEXTFIELD_128\", \"defaultValue\": \"/me.json\"}");
        for (String entry : entries) {
            String[] parts = entry.split("=", 2);
            json.append(", {\"key\": \"").append(parts[0]).append("\", \"name\": \"n\", \"type\": \"TEXTFIELD_128\", \"hidden\": true")
                    .append(parts.length == 2 ? ", \"defaultValue\": \"" + parts[1] + "\"" : "").append("}");
        }
        return ElementCodec.read("{\"id\": 100001, \"name\": \"Private\", \"key\": \"private\", \"authentication\": {\"type\": \""
                + type + "\"}, \"hub\": \"general\", \"configuration\": [" + json + "]}").orElseThrow();
    }

    private Outcome<Map<String, String>> check(ElementDefinition element, Map<String, String> values) {
        return verifier.check(element, ElementConfiguration.effective(element, Map.of(), values));
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicWithAFixedPasswordCallsTheVerificationPathUnderTheBaseUrl() {
        ElementDefinition element = element("basic", "username", "password=X");
        assertInstanceOf(Outcome.Success.class, check(element, Map.of("subdomain", "acme", "username", "key-1")));

        ProviderRequest request = sent.get(0);
        assertEquals("GET", request.method());
        assertEquals(URI.create("https://acme.provider.example.com/api/v2/me.json"), request.uri());
        assertEquals(basic("key-1:X"), request.headers().get("Authorization"));
    }

    @Test
    void basicWithAnEmptyPasswordDefault() {
        ElementDefinition element = element("basic", "username", "password=");
        assertInstanceOf(Outcome.Success.class, check(element, Map.of("subdomain", "acme", "username", "key-1")));
        assertEquals(basic("key-1:"), sent.get(0).headers().get("Authorization"));
    }

    @Test
    void anApiKeyInItsHeaderOrItsQueryParameterWithTheFixedHeaders() {
        ElementDefinition header = element("apiKey", "api.key", "api.key.header=X-Auth-Token",
                "provider.headers=Api-Version: 3\\nAuthorization: not the key");
        check(header, Map.of("subdomain", "acme", "api.key", "k-1"));
        assertEquals(Map.of("X-Auth-Token", "k-1", "Api-Version", "3", "Authorization", "not the key"), sent.get(0).headers());

        ElementDefinition query = element("apiKey", "api.key", "api.key.query.parameter=api_key");
        check(query, Map.of("subdomain", "acme", "api.key", "k 2"));
        assertEquals(URI.create("https://acme.provider.example.com/api/v2/me.json?api_key=k+2"), sent.get(1).uri());
        assertEquals(Map.of(), sent.get(1).headers());
    }

    @Test
    void anApiThatTakesOnlyPostsIsVerifiedWithAPostOfTheElementsJsonBody() {
        ElementDefinition element = element("apiKey", "api.key", "api.key.prefix=Bearer ", "verification.method=POST",
                "verification.body={\\\"query\\\": \\\"{ viewer { id } }\\\"}");
        assertInstanceOf(Outcome.Success.class, check(element, Map.of("subdomain", "acme", "api.key", "k-1")));
        ProviderRequest request = sent.get(0);
        assertEquals("POST", request.method());
        assertEquals(URI.create("https://acme.provider.example.com/api/v2/me.json"), request.uri());
        assertEquals("application/json", request.headers().get("Content-Type"));
        assertEquals("Bearer k-1", request.headers().get("Authorization"));
        assertEquals("{\"query\": \"{ viewer { id } }\"}", new String(request.body(), StandardCharsets.UTF_8));

        ElementDefinition odd = element("apiKey", "api.key", "verification.method=DELETE");
        assertInstanceOf(Outcome.Invalid.class, check(odd, Map.of("subdomain", "acme", "api.key", "k-1")));
        assertEquals(1, sent.size(), "no call with a method the hub does not verify with");
    }

    @Test
    void aClientCredentialsTokenIsSentAsTheBearer() {
        ElementDefinition element = element("oauth2", "oauth.grant.type=client_credentials", "oauth.token.url=https://t.example.com/token");
        check(element, Map.of("subdomain", "acme", "oauth.user.token", "cc-1"));
        assertEquals("Bearer cc-1", sent.get(0).headers().get("Authorization"));
    }

    @Test
    void rejectedCredentialsAreTheCallersMistakeWithTheProvidersMessage() {
        ElementDefinition element = element("basic", "username", "password");
        for (int status : new int[] {401, 403}) {
            answer = () -> answered(status, "{\"errors\": \"Invalid API key\"}");
            Outcome.Invalid<?> invalid = assertInstanceOf(Outcome.Invalid.class,
                    check(element, Map.of("subdomain", "acme", "username", "u", "password", "wrong")));
            assertEquals("The provider rejected the credentials (HTTP " + status + ").", invalid.message());
            assertEquals("{\"errors\": \"Invalid API key\"}", invalid.providerMessage());
        }
    }

    @Test
    void aProviderThatFailsOrIsSilentIsNotTheCallersMistake() {
        ElementDefinition element = element("basic", "username", "password");
        Map<String, String> values = Map.of("subdomain", "acme", "username", "u", "password", "p");

        answer = () -> answered(500, "oops");
        Outcome.ProviderFailed<?> failed = assertInstanceOf(Outcome.ProviderFailed.class, check(element, values));
        assertEquals("The provider's verification call failed (HTTP 500).", failed.message());
        assertEquals("oops", failed.providerMessage());

        answer = ProviderResponse.TimedOut::new;
        assertInstanceOf(Outcome.ProviderTimedOut.class, check(element, values));

        answer = () -> new ProviderResponse.Unreachable("connection refused or unreachable");
        assertNull(assertInstanceOf(Outcome.ProviderFailed.class, check(element, values)).providerMessage());
    }

    @Test
    void noVerificationPathNoCallAndNoCredentialsNoCall() {
        ElementDefinition element = element("basic", "username", "password");
        Map<String, String> configuration = new java.util.LinkedHashMap<>(
                ElementConfiguration.effective(element, Map.of(), Map.of("subdomain", "acme", "username", "u")));
        configuration.put("verification.path", "");
        assertInstanceOf(Outcome.Success.class, verifier.check(element, configuration));
        assertTrue(sent.isEmpty());

        assertInstanceOf(Outcome.Invalid.class, check(element, Map.of("subdomain", "acme")));
        assertTrue(sent.isEmpty(), "a basic element without a user name has nothing to verify");
    }
}
