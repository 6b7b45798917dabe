package io.plugboard.oauth.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static io.plugboard.oauth.control.RecordingProvider.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token requests exactly as sent for each style the configuration states (form or JSON body,
 * Basic or body client authentication, extra token parameters with templates), and the grants
 * read from the answers (a token under a response root, kept values, tokens that never expire,
 * a rotated refresh token).
 */
class ProviderTokensStylesTest {

    RecordingProvider provider;
    ProviderTokens tokens;
    Map<String, String> configuration;

    @BeforeEach
    void setUp() {
        provider = new RecordingProvider();
        tokens = new ProviderTokens();
        tokens.http = provider;
        configuration = new HashMap<>(Map.of(
                "oauth.token.url", "https://{account}.provider.example/oauth/token",
                "account", "acme",
                "oauth.api.key", "client id",
                "oauth.api.secret", "s3cret&=",
                "oauth.callback.url", "https://app.example.com/cb"));
    }

    private TokenGrant exchanged(String answer) {
        provider.answer(200, answer);
        return assertInstanceOf(Outcome.Success.class, tokens.exchangeCode(configuration, "the code")).value() instanceof TokenGrant g
                ? g : null;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void formBodyWithClientCredentialsInTheBodyIsTheDefault() {
        exchanged("{\"access_token\": \"at\"}");
        ProviderRequest sent = provider.only();
        assertEquals("POST", sent.method());
        assertEquals("https://acme.provider.example/oauth/token", sent.uri().toString());
        assertEquals("application/x-www-form-urlencoded", sent.headers().get("Content-Type"));
        assertEquals("application/json", sent.headers().get("Accept"));
        assertFalse(sent.headers().containsKey("Authorization"));
        assertEquals("grant_type=authorization_code&code=the+code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb"
                + "&client_id=client+id&client_secret=s3cret%26%3D", body(sent));
    }

    @Test
    void jsonBodyWithBasicClientAuthentication() {
        configuration.put("oauth.token.body.format", "json");
        configuration.put("oauth.basic.header", "true");
        exchanged("{\"access_token\": \"at\", \"bot_id\": \"b-1\"}");
        ProviderRequest sent = provider.only();
        assertEquals("application/json", sent.headers().get("Content-Type"));
        assertEquals(basic("client+id", "s3cret%26%3D"), sent.headers().get("Authorization"), "RFC 6749 2.3.1: form-encoded, then Basic");
        assertEquals("{\"grant_type\":\"authorization_code\",\"code\":\"the code\",\"redirect_uri\":\"https://app.example.com/cb\"}",
                body(sent));
    }

    @Test
    void jsonBodyWithClientCredentialsInTheBodyAndThePkceVerifier() {
        configuration.put("oauth.token.body.format", "json");
        provider.answer(200, "{\"access_token\": \"at\"}");
        assertInstanceOf(Outcome.Success.class, tokens.exchangeCode(configuration, "c", Map.of("code_verifier", "v-1")));
        assertEquals("{\"grant_type\":\"authorization_code\",\"code\":\"c\",\"redirect_uri\":\"https://app.example.com/cb\","
                + "\"code_verifier\":\"v-1\",\"client_id\":\"client id\",\"client_secret\":\"s3cret&=\"}", body(provider.only()));
        assertFalse(provider.only().headers().containsKey("Authorization"));
    }

    @Test
    void tokenParametersRideOnTheExchangeWithTemplatesResolved() {
        configuration.put("oauth.token.parameters", "expires_in=1800&context=stores%2F{store.hash}&scope=a+b");
        configuration.put("store.hash", "abc123");
        exchanged("{\"access_token\": \"at\"}");
        assertEquals("grant_type=authorization_code&code=the+code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb"
                + "&expires_in=1800&context=stores%2Fabc123&scope=a+b&client_id=client+id&client_secret=s3cret%26%3D",
                body(provider.only()));
    }

    @Test
    void tokenParametersRideOnTheRefreshInJson() {
        configuration.put("oauth.token.parameters", "expires_in=1800");
        configuration.put("oauth.token.body.format", "json");
        configuration.put("oauth.basic.header", "true");
        configuration.put("oauth.token.refresh_url", "https://provider.example/oauth/refresh");
        provider.answer(200, "{\"access_token\": \"at-2\", \"refresh_token\": \"rt-2\", \"expires_in\": 1800}");
        RefreshOutcome outcome = tokens.refresh(configuration, "rt-1");
        TokenGrant grant = assertInstanceOf(RefreshOutcome.Granted.class, outcome).grant();
        assertEquals("rt-2", grant.refreshToken(), "the rotated refresh token is what the grant carries");
        assertEquals(1800L, grant.expiresInSeconds());
        ProviderRequest sent = provider.only();
        assertEquals("https://provider.example/oauth/refresh", sent.uri().toString());
        assertEquals("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"rt-1\",\"expires_in\":\"1800\"}", body(sent));
        assertEquals(basic("client+id", "s3cret%26%3D"), sent.headers().get("Authorization"));
    }

    @Test
    void tokenParametersCannotSetTheGrantsOwnNames() {
        for (String name : new String[]{"grant_type", "code", "redirect_uri", "client_id", "client_secret", "refresh_token", "code_verifier"}) {
            configuration.put("oauth.token.parameters", "a=1&" + name + "=x");
            Outcome<TokenGrant> outcome = tokens.exchangeCode(configuration, "c");
            assertTrue(assertInstanceOf(Outcome.Invalid.class, outcome).message().contains("cannot set " + name), name);
        }
        assertTrue(provider.sent.isEmpty(), "nothing sent");
    }

    @Test
    void aTokenParameterWithoutItsValueIsRefusedBeforeAnythingIsSent() {
        configuration.put("oauth.token.parameters", "context=stores/{store.hash}");
        assertEquals("oauth.token.parameters needs a value for store.hash.",
                assertInstanceOf(Outcome.Invalid.class, tokens.exchangeCode(configuration, "c")).message());
        RefreshOutcome refresh = tokens.refresh(configuration, "rt");
        assertEquals("oauth.token.parameters needs a value for store.hash.", assertInstanceOf(RefreshOutcome.Failed.class, refresh).message());
        assertTrue(provider.sent.isEmpty());
    }

    @Test
    void anUnknownBodyFormatIsRefused() {
        configuration.put("oauth.token.body.format", "xml");
        assertEquals("oauth.token.body.format must be form or json.",
                assertInstanceOf(Outcome.Invalid.class, tokens.exchangeCode(configuration, "c")).message());
        assertTrue(provider.sent.isEmpty());
    }

    @Test
    void theTokensMaySitUnderAResponseRoot() {
        configuration.put("oauth.token.response.root", "/authed_user");
        TokenGrant grant = exchanged("""
                {"ok": true, "access_token": "xoxb-bot", "authed_user": {"id": "U1", "access_token": "xoxp-user",
                 "refresh_token": "r-user", "expires_in": 43200, "token_type": "user"}}""");
        assertEquals("xoxp-user", grant.accessToken());
        assertEquals("r-user", grant.refreshToken());
        assertEquals(43200L, grant.expiresInSeconds());
    }

    @Test
    void aResponseRootThatIsMissingIsAProviderFailureWithItsMessage() {
        configuration.put("oauth.token.response.root", "/authed_user");
        provider.answer(200, "{\"ok\": false, \"error\": \"invalid_code\"}");
        var failed = assertInstanceOf(Outcome.ProviderFailed.class, tokens.exchangeCode(configuration, "c"));
        assertEquals("The provider's answer to the authorization code exchange carries no token at /authed_user.", failed.message());
        assertEquals("{\"ok\": false, \"error\": \"invalid_code\"}", failed.providerMessage());
    }

    @Test
    void valuesAreKeptFromTheWholeAnswer() {
        configuration.put("oauth.token.response.root", "/authed_user");
        configuration.put("oauth.token.response.keep", "/instance_url=crm.instance.url, /team/id=crm.team, /authed_user/id=crm.user, /n=crm.n");
        TokenGrant grant = exchanged("""
                {"instance_url": "https://eu7.crm.example", "team": {"id": "T9"}, "n": 42,
                 "authed_user": {"id": "U1", "access_token": "at"}}""");
        assertEquals(Map.of("crm.instance.url", "https://eu7.crm.example", "crm.team", "T9", "crm.user", "U1", "crm.n", "42"),
                grant.kept());
    }

    @Test
    void aKeptValueMissingAtTheExchangeFailsIt() {
        configuration.put("oauth.token.response.keep", "/api_domain=crm.api.domain");
        provider.answer(200, "{\"access_token\": \"at\"}");
        var failed = assertInstanceOf(Outcome.ProviderFailed.class, tokens.exchangeCode(configuration, "c"));
        assertEquals("The provider's answer to the authorization code exchange has no value at /api_domain"
                + " (oauth.token.response.keep).", failed.message());
    }

    @Test
    void aRefreshUpdatesTheOAuthEntriesThatComeBackAndLeavesTheOthers() {
        configuration.put("oauth.token.response.keep", "/api_domain=crm.api.domain,/owner=crm.owner");
        provider.answer(200, "{\"access_token\": \"at-2\", \"api_domain\": \"https://api2.crm.example\"}");
        TokenGrant grant = assertInstanceOf(RefreshOutcome.Granted.class, tokens.refresh(configuration, "rt")).grant();
        assertEquals(Map.of("crm.api.domain", "https://api2.crm.example"), grant.kept());
        assertNull(grant.refreshToken(), "no rotation in this answer: the caller keeps the old one");
    }

    @Test
    void aMalformedKeepListIsRefusedAtTheExchange() {
        configuration.put("oauth.token.response.keep", "instance_url=crm.instance.url");
        provider.answer(200, "{\"access_token\": \"at\"}");
        assertTrue(assertInstanceOf(Outcome.Invalid.class, tokens.exchangeCode(configuration, "c")).message()
                .contains("is not a JSON pointer"));
    }

    @Test
    void aTokenWithoutLifetimeOrRefreshTokenNeverExpires() {
        TokenGrant grant = exchanged("{\"access_token\": \"at\", \"token_type\": \"bearer\", \"workspace_id\": \"w\"}");
        assertNull(grant.expiresInSeconds());
        assertNull(grant.refreshToken());
        assertEquals(Map.of(), grant.kept());
    }

    @Test
    void aFormEncodedAnswerIsReadAndKeptFrom() {
        configuration.put("oauth.token.response.keep", "/shop=store.name");
        TokenGrant grant = exchanged("access_token=at&expires_in=3600&shop=corner");
        assertEquals("at", grant.accessToken());
        assertEquals(3600L, grant.expiresInSeconds());
        assertEquals(Map.of("store.name", "corner"), grant.kept());
    }

    @Test
    void invalidGrantIsStillARevocationWithTheJsonBody() {
        configuration.put("oauth.token.body.format", "json");
        provider.answer(400, "{\"error\": \"invalid_grant\"}");
        assertInstanceOf(RefreshOutcome.Revoked.class, tokens.refresh(configuration, "rt"));
    }
}
