package io.plugboard.connect.control;

import io.plugboard.connect.control.ConnectFakes.MemoryConnects;
import io.plugboard.connect.control.ConnectFakes.RecordingInstances;
import io.plugboard.connect.entity.PendingConnect;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.oauth.control.OAuthFlows;
import io.plugboard.oauth.control.OAuthParameters;
import io.plugboard.oauth.control.PendingRequestTokens;
import io.plugboard.oauth.control.Pkce;
import io.plugboard.organizations.control.ReturnUrls;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.plugboard.connect.control.ConnectFakes.RETURN_URL;
import static io.plugboard.connect.control.ConnectFakes.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start without a server: what is checked, what the provider is sent, what is remembered. */
class ConnectStartTest {

    private static final Caller CALLER = new Caller(ConnectFakes.ORGANIZATION, ConnectFakes.USER, false, null);
    private static final ElementDefinition OAUTH2 = ConnectFakes.element("sample", "oauth2",
            entry("oauth.api.key", true, null), entry("oauth.scope", false, "read"));
    private static final ElementDefinition BASIC = ConnectFakes.element("plain", "basic");
    private static final ConnectStart.CallbackUrl CALLBACKS = key -> "https://hub.example.com/elements/api-v2/elements/" + key
            + "/oauth/callback";

    private final MemoryConnects pending = new MemoryConnects();
    private final RecordingInstances instances = new RecordingInstances();
    private final List<OAuthParameters> sentToProvider = new ArrayList<>();
    private final ConnectStart start = new ConnectStart();

    @BeforeEach
    void wire() {
        start.elements = ConnectFakes.elements(OAUTH2, BASIC);
        start.flows = new OAuthFlows() {
            @Override
            public Outcome<AuthorizationUrl> authorizationUrl(ElementDefinition element, OAuthParameters parameters) {
                sentToProvider.add(parameters);
                return Outcome.success(new AuthorizationUrl("https://provider.example.com/authorize?client_id="
                        + parameters.apiKey(), element.key()));
            }
        };
        start.pendingRequestTokens = new PendingRequestTokens();
        start.pending = pending;
        start.returnUrls = new ReturnUrls() {
            @Override
            public boolean isRegistered(long organizationId, String url) {
                return RETURN_URL.equals(url);
            }
        };
        start.instances = instances;
        start.states = ConnectFakes.states();
    }

    private static ConnectStart.ConnectRequest request(String returnUrl, Map<String, String> configuration, Long instanceId) {
        return new ConnectStart.ConnectRequest(returnUrl, configuration, " Ada's ", List.of("crm"), null, instanceId);
    }

    @Test
    void anOAuth2StartSendsTheHubsCallbackAndAPkceChallenge() {
        ConnectStart.Started started = success(
                start.start(CALLER, "sample", request(RETURN_URL, Map.of("oauth.api.key", "client"), null), null, CALLBACKS));

        OAuthParameters sent = sentToProvider.get(0);
        assertEquals("https://hub.example.com/elements/api-v2/elements/sample/oauth/callback", sent.callbackUrl());
        assertEquals("read", sent.scope(), "the element's default");
        PendingConnects.NewConnect stored = pending.stored.get(0);
        assertEquals(PendingConnect.Flow.OAUTH2, stored.flow());
        assertTrue(started.authorizationUrl().contains("code_challenge=" + Pkce.challenge(stored.pkceVerifier())),
                started.authorizationUrl());
        assertTrue(started.authorizationUrl().contains("code_challenge_method=S256"));
        assertEquals(stored.id(), started.connectId());
        assertNotNull(started.launchToken(), "an application's server gets a launch link");
        assertEquals("Ada's", stored.settings().name());
        assertEquals(sent.callbackUrl(), stored.settings().configuration().get("oauth.callback.url"));
        assertTrue(start.states.signedState().verify(sent.state(), started.session())
                instanceof SignedState.Verification.Valid, "the state is bound to the session handed out");
    }

    @Test
    void aPresentedSessionIsKeptAndTheConsoleGetsNoLaunchLink() {
        ConnectStart.Started started = success(start.startFromConsole(CALLER, "sample",
                request("https://hub.example.com/elements/console/connected.xhtml", Map.of("oauth.api.key", "client"), null),
                ConnectFakes.SESSION, CALLBACKS));

        assertEquals(ConnectFakes.SESSION, started.session());
        assertNull(started.launchToken());
        assertNull(pending.stored.get(0).launch());
    }

    @Test
    void pkceCanBeSwitchedOff() {
        ConnectStart.Started started = success(start.start(CALLER, "sample",
                request(RETURN_URL, Map.of("oauth.api.key", "client", "oauth.pkce", "false"), null), null, CALLBACKS));

        assertTrue(!started.authorizationUrl().contains("code_challenge"), started.authorizationUrl());
        assertNull(pending.stored.get(0).pkceVerifier());
    }

    @Test
    void refusalsStoreNothingAndSendNothing() {
        assertEquals("returnUrl is not one of this organization's return URLs; register it first with"
                        + " PUT /organizations/returnUrls (it must match exactly).",
                invalid(start.start(CALLER, "sample", request("https://evil.example.com/", Map.of("oauth.api.key", "c"), null),
                        null, CALLBACKS)));
        assertEquals("Missing required configuration: oauth.api.key (give each as config[<key>]=<value>).",
                invalid(start.start(CALLER, "sample", request(RETURN_URL, Map.of("oauth.api.key", "  "), null), null, CALLBACKS)));
        assertEquals("The element plain does not use OAuth; create its instances with POST /instances.",
                invalid(start.start(CALLER, "plain", request(RETURN_URL, Map.of(), null), null, CALLBACKS)));
        assertInstanceOf(Outcome.NotFound.class, start.start(CALLER, "nothing", request(RETURN_URL, Map.of(), null), null, CALLBACKS));
        assertEquals(List.of(), pending.stored);
        assertEquals(List.of(), sentToProvider);
    }

    @Test
    void reAuthenticationStartsFromTheInstancesStoredConfiguration() {
        instances.configured = Outcome.success(new InstanceService.Configured("sample", Map.of("oauth.api.key", "stored")));

        success(start.start(CALLER, "sample", request(RETURN_URL, Map.of("oauth.api.key", ""), 9L), null, CALLBACKS));

        assertEquals("stored", sentToProvider.get(0).apiKey(), "a blank value keeps the stored one");
        assertEquals(9L, pending.stored.get(0).instanceId());

        instances.configured = Outcome.success(new InstanceService.Configured("other", Map.of()));
        assertEquals("Instance 9 belongs to the element other, not sample.",
                invalid(start.start(CALLER, "sample", request(RETURN_URL, Map.of(), 9L), null, CALLBACKS)));
    }

    private static ConnectStart.Started success(Outcome<ConnectStart.Started> outcome) {
        @SuppressWarnings("unchecked")
        Outcome.Success<ConnectStart.Started> success = assertInstanceOf(Outcome.Success.class, outcome);
        return success.value();
    }

    private static String invalid(Outcome<?> outcome) {
        return assertInstanceOf(Outcome.Invalid.class, outcome).message();
    }
}
