package io.plugboard.instances.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.oauth.control.RecordingProvider;
import io.plugboard.oauth.control.TokenGrant;
import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The code exchange with everything an element may keep: a value from the callback query (usable
 * by the exchange's own parameters), from the token response and from the post-connect lookup
 * (which may use both), all in the grant; any of them failing fails the exchange.
 */
class CredentialsKeepTest {

    private static final ElementDefinition ELEMENT = new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null,
            true, false, false, false, null, null, false, false, false, false, new Authentication("oauth2"), "crm",
            List.of(), List.of(), List.of(), null);

    RecordingProvider provider;
    Credentials credentials;
    Map<String, String> configuration;

    @BeforeEach
    void setUp() {
        provider = new RecordingProvider();
        credentials = new Credentials();
        credentials.providerTokens = provider.tokens();
        credentials.lookup = provider.lookup();
        configuration = new HashMap<>(Map.of(
                "oauth.token.url", "https://auth.provider.example/token",
                "oauth.api.key", "cid", "oauth.api.secret", "cs", "oauth.callback.url", "https://app.example.com/cb",
                "oauth.callback.keep", "realmId=crm.realm",
                "oauth.callback.keep.pattern", "R-[0-9]+",
                "oauth.token.parameters", "realm={crm.realm}",
                "oauth.token.response.keep", "/api_domain=crm.api",
                "oauth.lookup.url", "{crm.api}/realms/{crm.realm}/me",
                "oauth.lookup.keep", "/account/id=crm.account"));
    }

    private Outcome<Credentials.Obtained> obtain(Map<String, String> providerData) {
        return credentials.obtain(ELEMENT, configuration, providerData, false);
    }

    @Test
    void callbackTokenResponseAndLookupValuesAllReachTheGrant() {
        provider.answer(200, "{\"access_token\": \"at\", \"api_domain\": \"https://eu.api.provider.example\"}")
                .answer(200, "{\"account\": {\"id\": 77}}");
        var obtained = assertInstanceOf(Outcome.Success.class, obtain(Map.of("code", "c", "realmId", "R-9", "state", "s")));
        TokenGrant grant = ((Credentials.Obtained) obtained.value()).grant().orElseThrow();
        assertEquals(Map.of("crm.realm", "R-9", "crm.api", "https://eu.api.provider.example", "crm.account", "77"), grant.kept());
        assertTrue(RecordingProvider.body(provider.sent.get(0)).contains("&realm=R-9&"), "the callback's value in the exchange");
        assertEquals("https://eu.api.provider.example/realms/R-9/me", provider.sent.get(1).uri().toString(),
                "the lookup URL from the values kept before it");
        assertEquals("Bearer at", provider.sent.get(1).headers().get("Authorization"));
    }

    @Test
    void aCallbackValueThatIsMissingFailsBeforeTheExchange() {
        var outcome = obtain(Map.of("code", "c"));
        assertEquals("Missing providerData.realmId (from the provider's callback).",
                assertInstanceOf(Outcome.Invalid.class, outcome).message());
        assertTrue(provider.sent.isEmpty());
    }

    @Test
    void aCallbackValueOutsideTheElementsPatternIsRefusedBeforeAnythingIsSent() {
        var outcome = obtain(Map.of("code", "c", "realmId", "https://attacker.example"));
        assertTrue(assertInstanceOf(Outcome.Invalid.class, outcome).message().contains("oauth.callback.keep.pattern"));
        configuration.remove("oauth.callback.keep.pattern");
        assertInstanceOf(Outcome.Invalid.class, obtain(Map.of("code", "c", "realmId", "R-9")), "no pattern, nothing kept");
        assertTrue(provider.sent.isEmpty(), "the client secret went nowhere");
    }

    @Test
    void aFailedLookupFailsTheExchangeWithTheProvidersMessage() {
        provider.answer(200, "{\"access_token\": \"at\", \"api_domain\": \"https://eu.api.provider.example\"}")
                .answer(403, "{\"message\": \"Realm access denied\"}");
        var failed = assertInstanceOf(Outcome.ProviderFailed.class, obtain(Map.of("code", "c", "realmId", "R-9")));
        assertEquals("{\"message\": \"Realm access denied\"}", failed.providerMessage());
    }

    @Test
    void withoutKeepEntriesTheExchangeIsAsBefore() {
        configuration.keySet().removeIf(key -> key.startsWith("oauth.callback.keep") || key.startsWith("oauth.lookup")
                || key.startsWith("oauth.token.response") || key.equals("oauth.token.parameters"));
        provider.answer(200, "{\"access_token\": \"at\", \"expires_in\": 60}");
        var obtained = assertInstanceOf(Outcome.Success.class, obtain(Map.of("code", "c")));
        TokenGrant grant = ((Credentials.Obtained) obtained.value()).grant().orElseThrow();
        assertEquals(Map.of(), grant.kept());
        assertEquals(1, provider.sent.size(), "no lookup");
    }
}
