package io.plugboard.oauth.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authorization URLs exactly as built, for the scope separator and the element's extra authorize parameters. */
class OAuthFlowsAuthorizationTest {

    OAuthFlows flows;

    @BeforeEach
    void setUp() {
        flows = new OAuthFlows();
        flows.pendingRequestTokens = new PendingRequestTokens() {
            @Override
            public Optional<String> secretFor(String requestToken) {
                return Optional.empty();
            }
        };
    }

    private static ElementDefinition element(String type, String... keyValues) {
        List<ConfigurationDefinition> configuration = new ArrayList<>();
        configuration.add(new ConfigurationDefinition("oauth.authorization.url", "a", null, "TEXTFIELD_1000", false, true,
                "https://auth.provider.example/authorize"));
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.add(new ConfigurationDefinition(keyValues[i], keyValues[i], null, "TEXTFIELD_1000", false, true, keyValues[i + 1]));
        }
        return new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null, true, false, false, false, null, null,
                false, false, false, false, new Authentication(type), "crm", List.of(), configuration, List.of(), null);
    }

    private String url(ElementDefinition element, OAuthParameters parameters) {
        Outcome<OAuthFlows.AuthorizationUrl> outcome = flows.authorizationUrl(element, parameters);
        return ((OAuthFlows.AuthorizationUrl) assertInstanceOf(Outcome.Success.class, outcome).value()).oauthUrl();
    }

    private static OAuthParameters oauth2(String scope, String siteAddress, Map<String, String> configuration) {
        return new OAuthParameters("cid", null, "https://app.example.com/cb", "st", scope, siteAddress, null, configuration);
    }

    @Test
    void withoutExtrasTheUrlIsAsBefore() {
        assertEquals("https://auth.provider.example/authorize?response_type=code&client_id=cid"
                        + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=a+b&state=st",
                url(element("oauth2", "oauth.scope", "a b"), oauth2(null, null, Map.of())));
    }

    private static ElementDefinition templated(String authorizationUrl, String... keyValues) {
        List<ConfigurationDefinition> configuration = new ArrayList<>();
        configuration.add(new ConfigurationDefinition("oauth.authorization.url", "a", null, "TEXTFIELD_1000", false, true,
                authorizationUrl));
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.add(new ConfigurationDefinition(keyValues[i], keyValues[i], null, "TEXTFIELD_128", false, false, keyValues[i + 1]));
        }
        return new ElementDefinition(8L, "Desk", "desk", List.of(), "d", null, true, false, false, false, null, null,
                false, false, false, false, new Authentication("oauth2"), "helpdesk", List.of(), configuration, List.of(), null);
    }

    @Test
    void aPlaceholderInsideTheHostTakesTheSiteAddressAsItIs() {
        ElementDefinition element = templated("https://{desk.subdomain}.desk.example/oauth/authorizations/new", "desk.subdomain", null);
        assertTrue(url(element, oauth2(null, "acme", Map.of())).startsWith("https://acme.desk.example/oauth/authorizations/new?"));
        assertTrue(url(element, oauth2(null, null, Map.of("desk.subdomain", "beta"))).startsWith("https://beta.desk.example/"),
                "the hosted connect's configuration fills it without siteAddress");
        var asUrl = flows.authorizationUrl(element, oauth2(null, "https://acme.desk.example", Map.of()));
        assertTrue(assertInstanceOf(Outcome.Invalid.class, asUrl).message().contains("give the bare name"), asUrl::toString);
        assertInstanceOf(Outcome.Invalid.class, flows.authorizationUrl(element, oauth2(null, "evil.example/x?", Map.of())));
    }

    @Test
    void aPlaceholderThatOpensTheUrlTakesTheSiteAddressAsASite() {
        ElementDefinition element = templated("{shop.url}/admin/oauth_authorize", "shop.url", null);
        assertTrue(url(element, oauth2(null, "shop.example.com/", Map.of())).startsWith("https://shop.example.com/admin/oauth_authorize?"));
    }

    @Test
    void scopesAreJoinedWithTheElementsSeparator() {
        ElementDefinition element = element("oauth2", "oauth.scope", "channels:read  chat:write\nusers:read",
                "oauth.scope.separator", ",");
        assertEquals("https://auth.provider.example/authorize?response_type=code&client_id=cid"
                        + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=channels%3Aread%2Cchat%3Awrite%2Cusers%3Aread&state=st",
                url(element, oauth2(null, null, Map.of())));
    }

    @Test
    void scopesAlreadyWrittenWithTheSeparatorStayAsTheyAre() {
        ElementDefinition element = element("oauth2", "oauth.scope.separator", ",");
        assertEquals("a,b,c", OAuthFlows.scopeOf(element, oauth2("a,b, c", null, Map.of())));
        assertEquals("a b c", OAuthFlows.scopeOf(element("oauth2"), oauth2("  a b\tc ", null, Map.of())));
        assertEquals("a,b", OAuthFlows.scopeOf(element("oauth2", "oauth.scope.separator", " "), oauth2("a,b", null, Map.of())),
                "with a space as separator commas are part of the scope");
        assertEquals("x+y", OAuthFlows.scopeOf(element("oauth2", "oauth.scope.separator", "+"), oauth2("x y", null, Map.of())));
    }

    @Test
    void theConnectsConfigurationMayChooseTheSeparator() {
        assertEquals("a,b", OAuthFlows.scopeOf(element("oauth2"), oauth2("a b", null, Map.of("oauth.scope.separator", ","))));
    }

    @Test
    void extraAuthorizeParametersFollowTheHubsOwn() {
        ElementDefinition element = element("oauth2", "oauth.scope", "read:jira-work offline_access",
                "oauth.authorization.parameters", "audience=api.atlassian.com&prompt=consent");
        assertEquals("https://auth.provider.example/authorize?response_type=code&client_id=cid"
                        + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=read%3Ajira-work+offline_access&state=st"
                        + "&audience=api.atlassian.com&prompt=consent",
                url(element, oauth2(null, null, Map.of())));
    }

    @Test
    void extraParameterValuesAreTemplatesOnTheConfigurationTheDefaultsAndTheSiteAddress() {
        ElementDefinition element = element("oauth2", "oauth.authorization.parameters", "context=stores/{store.hash}&region={region}",
                "region", "eu", "store.hash", null);
        assertEquals("https://auth.provider.example/authorize?response_type=code&client_id=cid"
                        + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=st&context=stores%2Fabc&region=us",
                url(element, oauth2(null, null, Map.of("store.hash", "abc", "region", "us"))), "the connect's configuration first");
        assertTrue(url(element, oauth2(null, " xyz ", Map.of())).endsWith("&context=stores%2Fxyz&region=eu"),
                "then the element's default, then siteAddress as given");
        var missing = flows.authorizationUrl(element, oauth2(null, null, Map.of()));
        assertEquals("siteAddress is required for the element sample (its oauth.authorization.parameters depend on store.hash).",
                assertInstanceOf(Outcome.Invalid.class, missing).message());
    }

    @Test
    void extraParametersCannotReplaceTheHubsOwn() {
        for (String name : List.of("redirect_uri", "state", "client_id", "scope", "response_type", "code_challenge")) {
            var outcome = flows.authorizationUrl(element("oauth2", "oauth.authorization.parameters", "prompt=consent&" + name + "=x"),
                    oauth2(null, null, Map.of()));
            assertTrue(assertInstanceOf(Outcome.Invalid.class, outcome).message().contains("cannot set " + name), name);
        }
    }

    @Test
    void theOAuth1AuthorizeUrlTakesTheExtraParametersToo() {
        ElementDefinition element = element("oauth1", "oauth.authorization.parameters", "expiration=never&name=Plugboard+Hub&scope=read,write");
        String built = url(element, new OAuthParameters("cid", null, "https://app.example.com/cb", null, null, null, "rt-1"));
        assertEquals("https://auth.provider.example/authorize?oauth_token=rt-1"
                + "&oauth_callback=https%3A%2F%2Fapp.example.com%2Fcb%3Fstate%3Dsample"
                + "&expiration=never&name=Plugboard+Hub&scope=read%2Cwrite", built);
        var refused = flows.authorizationUrl(element("oauth1", "oauth.authorization.parameters", "oauth_callback=https://evil.example"),
                new OAuthParameters("cid", null, "https://app.example.com/cb", null, null, null, "rt-1"));
        assertInstanceOf(Outcome.Invalid.class, refused);
    }
}
