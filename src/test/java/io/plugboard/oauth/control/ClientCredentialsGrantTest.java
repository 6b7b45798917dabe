package io.plugboard.oauth.control;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client credentials grant (RFC 6749 section 4.4): the exact token request, at provisioning
 * and again on the schedule, and how each answer is read: wrong client credentials are the
 * caller's mistake at provisioning and a lost grant afterwards.
 */
class ClientCredentialsGrantTest {

    final List<ProviderRequest> sent = new ArrayList<>();
    Supplier<ProviderResponse> answer;
    ClientCredentialsGrant grant;

    @BeforeEach
    void setUp() {
        answer = () -> json(200, "{\"access_token\": \"cc-1\", \"token_type\": \"bearer\", \"expires_in\": 3599, \"scope\": \"all\"}");
        grant = new ClientCredentialsGrant();
        grant.tokens = new ProviderTokens();
        grant.http = new ProviderHttp() {
            @Override
            public ProviderResponse send(ProviderRequest request) {
                sent.add(request);
                return answer.get();
            }
        };
    }

    static ProviderResponse json(int status, String body) {
        return new ProviderResponse.Answered(status, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Map<String, String> configuration(String... more) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("oauth.grant.type", "client_credentials");
        configuration.put("oauth.api.key", "client id");
        configuration.put("oauth.api.secret", "s&cret");
        configuration.put("identity.url", "https://123-abc.identity.example.com");
        configuration.put("oauth.token.url", "{identity.url}/identity/oauth/token");
        for (int i = 0; i < more.length; i += 2) {
            configuration.put(more[i], more[i + 1]);
        }
        return configuration;
    }

    private String body(int request) {
        return new String(sent.get(request).body(), StandardCharsets.UTF_8);
    }

    @Test
    void theGrantIsAFormPostToTheResolvedTokenUrlWithTheClientInTheBody() {
        Outcome<TokenGrant> outcome = grant.mint(configuration());

        assertInstanceOf(Outcome.Success.class, outcome, String.valueOf(outcome));
        assertEquals(new TokenGrant("cc-1", null, null, 3599L), ((Outcome.Success<TokenGrant>) outcome).value());
        assertEquals(1, sent.size());
        ProviderRequest request = sent.get(0);
        assertEquals("POST", request.method());
        assertEquals(URI.create("https://123-abc.identity.example.com/identity/oauth/token"), request.uri());
        assertEquals("application/x-www-form-urlencoded", request.headers().get("Content-Type"));
        assertEquals("application/json", request.headers().get("Accept"));
        assertFalse(request.headers().containsKey("Authorization"));
        assertEquals("grant_type=client_credentials&client_id=client+id&client_secret=s%26cret", body(0));
    }

    @Test
    void aBasicHeaderElementSendsTheClientThereAndTheScopeInTheBody() {
        grant.mint(configuration("oauth.basic.header", "true", "oauth.scope", "read write"));

        assertEquals("Basic " + Base64.getEncoder().encodeToString("client+id:s%26cret".getBytes(StandardCharsets.UTF_8)),
                sent.get(0).headers().get("Authorization"));
        assertEquals("grant_type=client_credentials&scope=read+write", body(0));
    }

    @Test
    void theElementsBodyFormatAndTokenParametersApplyToTheGrantToo() {
        grant.mint(configuration("oauth.token.body.format", "json", "oauth.token.parameters", "audience={identity.url}"));

        assertEquals("application/json", sent.get(0).headers().get("Content-Type"));
        assertEquals("{\"grant_type\":\"client_credentials\",\"audience\":\"https://123-abc.identity.example.com\","
                + "\"client_id\":\"client id\",\"client_secret\":\"s&cret\"}", body(0));
    }

    @Test
    void anUnusableTokenRequestEntryIsRefusedBeforeAnythingIsSent() {
        assertInstanceOf(Outcome.Invalid.class, grant.mint(configuration("oauth.token.body.format", "xml")));
        assertInstanceOf(RefreshOutcome.Failed.class, grant.remint(configuration("oauth.token.parameters", "audience={nowhere}")));
        assertEquals(List.of(), sent);
    }

    @Test
    void refusedClientCredentialsAreTheCallersMistakeWithTheProvidersMessage() {
        for (int status : new int[] {400, 401, 403}) {
            answer = () -> json(status, "{\"error\": \"invalid_client\", \"error_description\": \"Bad client credentials\"}");
            Outcome<TokenGrant> outcome = grant.mint(configuration());
            Outcome.Invalid<?> invalid = assertInstanceOf(Outcome.Invalid.class, outcome);
            assertEquals("The provider refused the client credentials (HTTP " + status + ").", invalid.message());
            assertEquals("{\"error\": \"invalid_client\", \"error_description\": \"Bad client credentials\"}", invalid.providerMessage());
        }
    }

    @Test
    void aProviderThatFailsIsTheProvidersFailure() {
        answer = () -> json(503, "down for maintenance");
        assertEquals("down for maintenance",
                assertInstanceOf(Outcome.ProviderFailed.class, grant.mint(configuration())).providerMessage());

        answer = () -> json(200, "<html>not a token</html>");
        assertInstanceOf(Outcome.ProviderFailed.class, grant.mint(configuration()));

        answer = ProviderResponse.TimedOut::new;
        assertInstanceOf(Outcome.ProviderTimedOut.class, grant.mint(configuration()));

        answer = () -> new ProviderResponse.Unreachable("connection refused or unreachable");
        assertInstanceOf(Outcome.ProviderFailed.class, grant.mint(configuration()));
    }

    @Test
    void aTokenUrlWhoseTemplateHasNoValueSendsNothing() {
        Map<String, String> configuration = configuration();
        configuration.remove("identity.url");
        assertInstanceOf(Outcome.Invalid.class, grant.mint(configuration));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aRemintSendsTheSameRequestAndReadsARefusalAsALostGrant() {
        RefreshOutcome granted = grant.remint(configuration());
        assertEquals(new TokenGrant("cc-1", null, null, 3599L), assertInstanceOf(RefreshOutcome.Granted.class, granted).grant());
        assertEquals("grant_type=client_credentials&client_id=client+id&client_secret=s%26cret", body(0));

        answer = () -> json(401, "{\"error\": \"invalid_client\"}");
        assertEquals("{\"error\": \"invalid_client\"}",
                assertInstanceOf(RefreshOutcome.Revoked.class, grant.remint(configuration())).providerMessage());

        answer = () -> json(502, "bad gateway");
        RefreshOutcome.Failed failed = assertInstanceOf(RefreshOutcome.Failed.class, grant.remint(configuration()));
        assertEquals("bad gateway", failed.providerMessage());

        answer = ProviderResponse.TimedOut::new;
        assertInstanceOf(RefreshOutcome.TimedOut.class, grant.remint(configuration()));
    }

    @Test
    void onlyTheClientCredentialsGrantTypeMints() {
        assertTrue(ClientCredentialsGrant.applies(Map.of("oauth.grant.type", " client_credentials ")));
        assertFalse(ClientCredentialsGrant.applies(Map.of("oauth.grant.type", "authorization_code")));
        assertFalse(ClientCredentialsGrant.applies(Map.of()));
    }
}
