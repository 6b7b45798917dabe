package io.plugboard.connect.control;

import io.plugboard.connect.control.PendingConnects.InstanceSettings;
import io.plugboard.connect.entity.PendingConnect;
import io.plugboard.elements.control.ElementConfiguration;
import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.oauth.control.OAuthFlows;
import io.plugboard.oauth.control.OAuthParameters;
import io.plugboard.oauth.control.PendingRequestTokens;
import io.plugboard.oauth.control.Pkce;
import io.plugboard.organizations.control.ReturnUrls;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.Urls;
import io.plugboard.platform.security.Caller;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static io.plugboard.connect.control.ConnectFailed.isBlank;

/**
 * The start of a hosted connect, where the caller is known (an authenticated api-v2 call, or the
 * console with its own session): it checks the element, the return URL and the configuration,
 * runs the first half of the dance (an OAuth2 authorization URL with PKCE, or an OAuth 1.0a
 * request token with the hub's callback), and stores a {@link PendingConnect} with who is
 * connecting. The state it puts in the dance is a {@link SignedState} bound to the browser's
 * connect session.
 *
 * <p>It knows no routes: the boundary says where the callback is ({@link CallbackUrl}) and turns
 * the {@link Started} value into a cookie and, for an application's server, a launch link.
 */
@ApplicationScoped
public class ConnectStart {

    /**
     * The callback parameter carrying the state of an OAuth 1.0a connect. That protocol has no
     * state of its own, and the request-token step already adds {@code state=<element key>} to
     * the callback, so the signed state travels under its own name.
     */
    public static final String OAUTH1_STATE_PARAMETER = "connect_state";

    static final String CALLBACK_URL = "oauth.callback.url";
    static final String API_KEY = "oauth.api.key";
    static final String API_SECRET = "oauth.api.secret";
    static final String SCOPE = "oauth.scope";

    private static final Logger LOG = Logger.getLogger(ConnectStart.class.getName());
    private static final Pattern SESSION_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ElementService elements;
    @Inject
    OAuthFlows flows;
    @Inject
    PendingRequestTokens pendingRequestTokens;
    @Inject
    PendingConnects pending;
    @Inject
    ReturnUrls returnUrls;
    @Inject
    InstanceService instances;
    @Inject
    ConnectStates states;

    /** Where the provider must send the browser back for an element: the boundary's route, as an absolute URL. */
    @FunctionalInterface
    public interface CallbackUrl {
        String forElement(String elementKey);
    }

    /**
     * What the start of a connect takes besides the element.
     *
     * @param configuration the instance's configuration ({@code oauth.api.key}, {@code oauth.api.secret}, ...);
     *                      {@code oauth.callback.url} is always the hub's own callback
     * @param siteAddress   fills the placeholders of the element's OAuth URLs, as in the helper calls
     * @param instanceId    an existing instance of the element to re-authenticate in place (same id
     *                      and token), or null for a new instance; its stored configuration fills in
     *                      what the request leaves out
     */
    public record ConnectRequest(String returnUrl, Map<String, String> configuration, String name, List<String> tags,
                                 String siteAddress, Long instanceId) {
        public ConnectRequest {
            configuration = configuration == null ? Map.of() : configuration;
            tags = tags == null ? List.of() : tags;
        }

        /** The configuration may hold the client secret: only its keys are shown. */
        @Override
        public String toString() {
            return "ConnectRequest[returnUrl=" + returnUrl + ", configuration=" + configuration.keySet() + ", name=" + name
                    + ", tags=" + tags + ", siteAddress=" + siteAddress + ", instance=" + instanceId + "]";
        }
    }

    /**
     * A started connect: where to send the browser, and the connect session to bind it to (for
     * {@code lifetime}). {@code launchToken} is set when an application's server started it: the
     * one-time credential of the link that hands the session to its user's browser.
     */
    public record Started(String authorizationUrl, String elementKey, String session, Duration lifetime, String connectId,
                          String launchToken) {
        public Optional<String> launch() {
            return Optional.ofNullable(launchToken);
        }

        @Override
        public String toString() {
            return "Started[element=" + elementKey + ", session=********]";
        }
    }

    /** The first half of the dance: where the browser goes, and what the callback will need. */
    private record Dance(PendingConnect.Flow flow, String authorizationUrl, String verifier, String requestToken,
                         String requestTokenSecret) {
        @Override
        public String toString() {
            return "Dance[" + flow + "]";
        }
    }

    /**
     * Starts a connect for {@code caller}.
     *
     * @param presentedSession the browser's connect session, if it sent one: kept, so connects
     *                         started side by side in one browser all stay valid
     */
    public Outcome<Started> start(Caller caller, String keyOrId, ConnectRequest request, String presentedSession,
                                  CallbackUrl callbackUrl) {
        return start(caller, keyOrId, request, presentedSession, callbackUrl, false);
    }

    /**
     * Starts a connect from the hub's own console: its return URL is a console page the hub built
     * itself on its own origin, not caller input, so it needs no registration (and no launch link).
     */
    public Outcome<Started> startFromConsole(Caller caller, String keyOrId, ConnectRequest request, String presentedSession,
                                             CallbackUrl callbackUrl) {
        return start(caller, keyOrId, request, presentedSession, callbackUrl, true);
    }

    private Outcome<Started> start(Caller caller, String keyOrId, ConnectRequest request, String presentedSession,
                                   CallbackUrl callbackUrl, boolean hubOwnReturnUrl) {
        return connectable(caller, keyOrId, request, hubOwnReturnUrl)
                .flatMap(element -> storedConfiguration(caller, element, request.instanceId())
                        .flatMap(stored -> begin(caller, element, stored, request, presentedSession,
                                callbackUrl.forElement(element.key()), hubOwnReturnUrl)));
    }

    /** With the element and any stored configuration in hand: the dance begun and the pending connect stored. */
    private Outcome<Started> begin(Caller caller, ElementDefinition element, Map<String, String> stored, ConnectRequest request,
                                   String presentedSession, String callback, boolean hubOwnReturnUrl) {
        Map<String, String> own = ownValues(request.configuration());
        own.put(CALLBACK_URL, callback);
        Map<String, String> effective = ElementConfiguration.effective(element, stored, own);
        List<String> missing = missingConfiguration(element, effective);
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing required configuration: " + String.join(", ", missing)
                    + " (give each as config[<key>]=<value>).");
        }

        String id = newConnectId();
        String session = presentedSession != null && SESSION_VALUE.matcher(presentedSession).matches()
                ? presentedSession : BearerSecrets.generate();
        Duration lifetime = states.lifetime();
        String state = states.signedState().issue(id, session, lifetime);
        Outcome<Dance> begun = element.authenticationType().orElseThrow() == AuthenticationType.OAUTH2
                ? oauth2(element, effective, callback, state, request.siteAddress())
                : oauth1(element, effective, callback, state, request.siteAddress());
        return begun.map(dance -> storePending(caller, element, request, own, id, session, lifetime, dance, hubOwnReturnUrl));
    }

    /** Stores the pending connect the callback will complete, and says where to send the user. */
    private Started storePending(Caller caller, ElementDefinition element, ConnectRequest request, Map<String, String> own,
                           String id, String session, Duration lifetime, Dance dance, boolean hubOwnReturnUrl) {
        // An application's server cannot hand the cookie to its user's browser; a one-time link can.
        String launchToken = hubOwnReturnUrl ? null : BearerSecrets.generate();
        pending.store(new PendingConnects.NewConnect(id, caller.organizationId(), caller.userId(), element.key(),
                dance.flow(), new InstanceSettings(own, blankToNull(request.name()), request.tags()), dance.verifier(),
                dance.requestToken(), dance.requestTokenSecret(), SignedState.sessionHash(session), request.returnUrl(),
                Instant.now().plus(lifetime),
                launchToken == null ? null : new PendingConnects.LaunchLink(launchToken, session, dance.authorizationUrl()),
                request.instanceId()));
        LOG.fine(() -> "Started hosted connect " + id + " for element " + element.key() + " (organization "
                + caller.organizationId() + ")");
        return new Started(dance.authorizationUrl(), element.key(), session, lifetime, id, launchToken);
    }

    /** The element, if it can be connected to, by this caller, towards this return URL. */
    private Outcome<ElementDefinition> connectable(Caller caller, String keyOrId, ConnectRequest request,
                                                   boolean hubOwnReturnUrl) {
        Optional<ElementDefinition> found = elements.find(keyOrId, Optional.of(caller.organizationId()))
                .map(ElementService.Element::definition);
        if (found.isEmpty()) {
            return Outcome.notFound("No element with key or id " + keyOrId + ".");
        }
        ElementDefinition element = found.get();
        AuthenticationType type = element.authenticationType().orElse(null);
        if (type != AuthenticationType.OAUTH1 && type != AuthenticationType.OAUTH2) {
            return Outcome.invalid("The element " + element.key() + " does not use OAuth; create its instances with POST /instances.");
        }
        if (Boolean.FALSE.equals(element.active())) {
            return Outcome.invalid("The element " + element.key() + " is not active.");
        }
        if (isBlank(request.returnUrl())) {
            return Outcome.invalid("returnUrl is required: one of the organization's return URLs (PUT /organizations/returnUrls).");
        }
        if (!hubOwnReturnUrl && !returnUrls.isRegistered(caller.organizationId(), request.returnUrl())) {
            return Outcome.invalid("returnUrl is not one of this organization's return URLs; register it first with"
                    + " PUT /organizations/returnUrls (it must match exactly).");
        }
        return Outcome.success(element);
    }

    /** On a re-authentication, the instance's configuration (which must be of this element); else none. */
    private Outcome<Map<String, String>> storedConfiguration(Caller caller, ElementDefinition element, Long instanceId) {
        if (instanceId == null) {
            return Outcome.success(Map.of());
        }
        return instances.configured(caller.organizationId(), instanceId).flatMap(configured ->
                configured.elementKey().equals(element.key())
                        ? Outcome.success(configured.configuration())
                        : Outcome.invalid("Instance " + instanceId + " belongs to the element "
                                + configured.elementKey() + ", not " + element.key() + "."));
    }

    /** OAuth2: the authorization URL, with a PKCE challenge when the element asks for one. */
    private Outcome<Dance> oauth2(ElementDefinition element, Map<String, String> effective, String callback, String state,
                                  String siteAddress) {
        return flows.authorizationUrl(element, new OAuthParameters(
                effective.get(API_KEY), null, callback, state, effective.get(SCOPE), siteAddress, null, effective)).map(built -> {
                    if (!Pkce.enabled(effective)) {
                        return new Dance(PendingConnect.Flow.OAUTH2, built.oauthUrl(), null, null, null);
                    }
                    String verifier = Pkce.newVerifier();
                    Map<String, String> challenge = new LinkedHashMap<>();
                    challenge.put("code_challenge", Pkce.challenge(verifier));
                    challenge.put("code_challenge_method", Pkce.METHOD);
                    return new Dance(PendingConnect.Flow.OAUTH2, Urls.withQuery(built.oauthUrl(), challenge), verifier, null, null);
                });
    }

    /** OAuth 1.0a: a request token for the hub's callback (which carries the state), then the authorization URL. */
    private Outcome<Dance> oauth1(ElementDefinition element, Map<String, String> effective, String callback, String state,
                                  String siteAddress) {
        String oauth1Callback = Urls.withQuery(callback, Map.of(OAUTH1_STATE_PARAMETER, state));
        return flows.requestToken(element, new OAuthParameters(
                effective.get(API_KEY), effective.get(API_SECRET), oauth1Callback, null, effective.get(SCOPE),
                siteAddress, null, effective)).flatMap(obtained -> {
                    // The secret stays with the pending connect alone: out of the helper calls' table, and
                    // so out of the authorization URL, which the helper flow would give it to.
                    pendingRequestTokens.forget(obtained.token());
                    return flows.authorizationUrl(element, new OAuthParameters(
                                    effective.get(API_KEY), null, oauth1Callback, null, null, siteAddress, obtained.token(),
                                    effective))
                            .map(built -> new Dance(PendingConnect.Flow.OAUTH1, built.oauthUrl(), null,
                                    obtained.token(), obtained.secret()));
                });
    }

    /** The request's own values; a blank value is "not given", so on a re-authentication the stored value stays. */
    private static Map<String, String> ownValues(Map<String, String> configuration) {
        Map<String, String> own = new LinkedHashMap<>();
        configuration.forEach((key, value) -> {
            if (key != null && !key.isBlank() && value != null && !value.isBlank()) {
                own.put(key.strip(), value);
            }
        });
        return own;
    }

    /** The element's required entries without a value, and the client credentials the dance itself needs. */
    private static List<String> missingConfiguration(ElementDefinition element, Map<String, String> configuration) {
        List<String> missing = new ArrayList<>(ElementConfiguration.missingRequired(element, configuration));
        List<String> needed = element.authenticationType().orElseThrow() == AuthenticationType.OAUTH1
                ? List.of(API_KEY, API_SECRET) : List.of(API_KEY);
        for (String key : needed) {
            if (isBlank(configuration.get(key)) && !missing.contains(key)) {
                missing.add(key);
            }
        }
        return missing;
    }

    /** 128 random bits, base64url: the pending connect's id, and the primary key of its row. */
    static String newConnectId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.strip();
    }
}
