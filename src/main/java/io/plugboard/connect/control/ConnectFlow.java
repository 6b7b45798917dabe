package io.plugboard.connect.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.InstanceRequest;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.instances.control.InstanceView;
import io.plugboard.oauth.control.OAuthFlows;
import io.plugboard.oauth.control.OAuthParameters;
import io.plugboard.oauth.control.PendingRequestTokens;
import io.plugboard.oauth.control.Pkce;
import io.plugboard.connect.control.PendingConnects.ClaimedConnect;
import io.plugboard.connect.control.PendingConnects.InstanceSettings;
import io.plugboard.connect.entity.PendingConnect;
import io.plugboard.organizations.control.OrganizationService;
import io.plugboard.organizations.control.ReturnUrls;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.Urls;
import io.plugboard.platform.security.Caller;
import io.plugboard.tokens.control.BearerSecrets;
import io.plugboard.tokens.control.EncryptionKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

/**
 * The hosted connect flow: the hub, not the application, receives the provider's callback,
 * provisions the instance and sends the user back to one of the organization's registered return
 * URLs with the new instance's id.
 *
 * <p>{@link #start} runs where the caller is known (an authenticated api-v2 call, or the console
 * with its own session): it checks the element, the return URL and the configuration, runs the
 * first half of the dance (an OAuth2 authorization URL with PKCE, or an OAuth 1.0a request token
 * with the hub's callback), and stores a {@link PendingConnect} with who is connecting. The state
 * it puts in the dance is a {@link SignedState} bound to the browser's connect cookie.
 *
 * <p>{@link #complete} runs on the callback, which comes from the user's browser without
 * credentials: the signed state and the cookie say which pending connect it is, the database
 * makes that connect single-use, and the instance is provisioned for the recorded user through
 * the same {@code InstanceService.provision} as {@code POST /instances}. The instance token is
 * never put in a URL; the application reads the instance through the API.
 *
 * <p>Every expected failure is a value ({@link Outcome} for the start, {@link CallbackResult} for
 * the callback); a failed callback stores nothing.
 */
@ApplicationScoped
public class ConnectFlow {

    /** The cookie that binds a connect's state to the browser that started it. */
    public static final String SESSION_COOKIE = "PLUGBOARD_CONNECT";
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

    static final int MIN_LIFETIME_MINUTES = 1;
    static final int MAX_LIFETIME_MINUTES = 60;

    private static final Logger LOG = Logger.getLogger(ConnectFlow.class.getName());
    private static final Pattern SESSION_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PROVIDER_ERROR_LENGTH = 200;

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
    OrganizationService organizations;
    @Inject
    InstanceService instances;
    @Inject
    EncryptionKeys keys;

    @Inject
    @ConfigProperty(name = "plugboard.connect.lifetime-minutes", defaultValue = "10")
    int lifetimeMinutes;

    @Inject
    @ConfigProperty(name = "plugboard.connect.public-url")
    Optional<String> publicUrl;

    private volatile SignedState signedState;

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
     * A started connect: where to send the browser, and the session cookie to give it.
     *
     * @param cookiePath the path the cookie must be scoped to: the hub's {@code elements/} (both
     *                   {@code /connect} and {@code /callback} live below it)
     * @param secure     whether the hub is reached over https (the cookie is then {@code Secure})
     */
    public record Started(String authorizationUrl, String elementKey, String sessionValue, Duration lifetime,
                          String cookiePath, boolean secure, String launchUrl) {
        /** The one-time link for the user's browser, when the connect was started by an application's server. */
        public Optional<String> launch() {
            return Optional.ofNullable(launchUrl);
        }

        @Override
        public String toString() {
            return "Started[element=" + elementKey + ", session=********]";
        }
    }

    /** The parameters a provider's redirect brings to the callback. */
    public record CallbackQuery(String state, String connectState, String code, String error, String errorDescription,
                                String oauthToken, String oauthVerifier, String denied) {
        @Override
        public String toString() {
            return "CallbackQuery[error=" + error + "]";
        }
    }

    /** Why a callback provisioned nothing. */
    public enum Failure {
        /** No state, or one this hub did not sign, or one for another element or connect. */
        INVALID_STATE,
        EXPIRED,
        /** The browser's cookie is missing or is not the one the state was issued to. */
        WRONG_SESSION,
        /** The state was used before. */
        REPLAYED,
        /** The provider sent an error (the user declined, typically). */
        PROVIDER_DENIED,
        /** The provider's redirect lacks what the exchange needs, or does not match the connect. */
        INVALID_CALLBACK,
        /** Provisioning refused (configuration, element gone, user gone). */
        NOT_PROVISIONED,
        PROVIDER_FAILED,
        PROVIDER_TIMED_OUT
    }

    /** What a callback came to. */
    public sealed interface CallbackResult {
        /** Send the browser to {@code location}: the return URL with {@code instanceId}. */
        record Connected(String location, long instanceId) implements CallbackResult {
        }

        /** Shown to the person in the browser; nothing was stored. Also what a failed launch comes to. */
        record Failed(Failure failure, String message) implements CallbackResult, LaunchResult {
        }
    }

    /** What opening a launch link came to. */
    public sealed interface LaunchResult {
        /** Give the browser the connect's cookie and send it to the provider. */
        record Launched(Started started) implements LaunchResult {
        }
    }

    // --- the start ------------------------------------------------------------------------------

    /**
     * Starts a connect for {@code caller}.
     *
     * @param presentedSession the request's {@code PLUGBOARD_CONNECT} cookie, if any: kept, so
     *                         connects started side by side in one browser all stay valid
     * @param requestApiBase   the api-v2 base URI the request came to; {@code plugboard.connect.public-url} overrides it
     */
    public Outcome<Started> start(Caller caller, String keyOrId, ConnectRequest request, String presentedSession,
                                  URI requestApiBase) {
        return start(caller, keyOrId, request, presentedSession, requestApiBase, false);
    }

    /**
     * Starts a connect from the hub's own console: its return URL is a console page the hub built
     * itself on its own origin, not caller input, so it needs no registration.
     */
    public Outcome<Started> startFromConsole(Caller caller, String keyOrId, ConnectRequest request, String presentedSession,
                                             URI requestApiBase) {
        return start(caller, keyOrId, request, presentedSession, requestApiBase, true);
    }

    private Outcome<Started> start(Caller caller, String keyOrId, ConnectRequest request, String presentedSession,
                                   URI requestApiBase, boolean hubOwnReturnUrl) {
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

        Map<String, String> stored = Map.of();
        if (request.instanceId() != null) {
            Outcome<InstanceService.Configured> existing = instances.configured(caller.organizationId(), request.instanceId());
            if (!(existing instanceof Outcome.Success<InstanceService.Configured> configured)) {
                return existing.asFailure();
            }
            if (!configured.value().elementKey().equals(element.key())) {
                return Outcome.invalid("Instance " + request.instanceId() + " belongs to the element "
                        + configured.value().elementKey() + ", not " + element.key() + ".");
            }
            stored = configured.value().configuration();
        }

        URI apiBase = apiBase(requestApiBase);
        String callback = apiBase.resolve("elements/" + element.key() + "/oauth/callback").toString();
        Map<String, String> own = new LinkedHashMap<>();
        request.configuration().forEach((key, value) -> {
            // A blank value is "not given": on a re-authentication the stored value stays.
            if (key != null && !key.isBlank() && value != null && !value.isBlank()) {
                own.put(key.strip(), value);
            }
        });
        own.put(CALLBACK_URL, callback);
        Map<String, String> withStored = new LinkedHashMap<>(stored);
        withStored.putAll(own);
        Map<String, String> effective = effectiveConfiguration(element, withStored);
        List<String> missing = missingConfiguration(element, type, effective);
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing required configuration: " + String.join(", ", missing)
                    + " (give each as config[<key>]=<value>).");
        }

        String id = newConnectId();
        String session = presentedSession != null && SESSION_VALUE.matcher(presentedSession).matches()
                ? presentedSession : BearerSecrets.generate();
        Duration lifetime = lifetime();
        Instant expiresAt = Instant.now().plus(lifetime);
        String state = signedState().issue(id, session, lifetime);
        InstanceSettings settings = new InstanceSettings(own, blankToNull(request.name()), request.tags());
        String sessionHash = SignedState.sessionHash(session);

        // An application's server cannot hand the cookie to its user's browser; a one-time link can.
        String launchToken = hubOwnReturnUrl ? null : BearerSecrets.generate();
        String launchUrl = launchToken == null ? null
                : apiBase.resolve("elements/" + element.key() + "/oauth/launch/" + id) + "?t=" + launchToken;

        String authorizationUrl;
        if (type == AuthenticationType.OAUTH2) {
            Outcome<OAuthFlows.AuthorizationUrl> url = flows.authorizationUrl(element, new OAuthParameters(
                    effective.get(API_KEY), null, callback, state, effective.get(SCOPE), request.siteAddress(), null));
            if (!(url instanceof Outcome.Success<OAuthFlows.AuthorizationUrl> built)) {
                return url.asFailure();
            }
            String verifier = null;
            authorizationUrl = built.value().oauthUrl();
            if (Pkce.enabled(effective)) {
                verifier = Pkce.newVerifier();
                Map<String, String> challenge = new LinkedHashMap<>();
                challenge.put("code_challenge", Pkce.challenge(verifier));
                challenge.put("code_challenge_method", Pkce.METHOD);
                authorizationUrl = Urls.withQuery(authorizationUrl, challenge);
            }
            pending.store(new PendingConnects.NewConnect(id, caller.organizationId(), caller.userId(), element.key(),
                    PendingConnect.Flow.OAUTH2, settings, verifier, null, null, sessionHash, request.returnUrl(), expiresAt,
                    launchLink(launchToken, session, authorizationUrl), request.instanceId()));
        } else {
            String oauth1Callback = Urls.withQuery(callback, Map.of(OAUTH1_STATE_PARAMETER, state));
            Outcome<OAuthFlows.RequestToken> token = flows.requestToken(element, new OAuthParameters(
                    effective.get(API_KEY), effective.get(API_SECRET), oauth1Callback, null, effective.get(SCOPE),
                    request.siteAddress(), null));
            if (!(token instanceof Outcome.Success<OAuthFlows.RequestToken> obtained)) {
                return token.asFailure();
            }
            // The secret stays with the pending connect alone: out of the helper calls' table, and
            // so out of the authorization URL, which the helper flow would give it to.
            pendingRequestTokens.forget(obtained.value().token());
            Outcome<OAuthFlows.AuthorizationUrl> url = flows.authorizationUrl(element, new OAuthParameters(
                    effective.get(API_KEY), null, oauth1Callback, null, null, request.siteAddress(), obtained.value().token()));
            if (!(url instanceof Outcome.Success<OAuthFlows.AuthorizationUrl> built)) {
                return url.asFailure();
            }
            authorizationUrl = built.value().oauthUrl();
            pending.store(new PendingConnects.NewConnect(id, caller.organizationId(), caller.userId(), element.key(),
                    PendingConnect.Flow.OAUTH1, settings, null, obtained.value().token(), obtained.value().secret(),
                    sessionHash, request.returnUrl(), expiresAt, launchLink(launchToken, session, authorizationUrl),
                    request.instanceId()));
        }
        LOG.fine(() -> "Started hosted connect " + id + " for element " + element.key() + " (organization "
                + caller.organizationId() + ")");
        return Outcome.success(new Started(authorizationUrl, element.key(), session, lifetime,
                apiBase.getRawPath() + "elements/", "https".equalsIgnoreCase(apiBase.getScheme()), launchUrl));
    }

    private static PendingConnects.LaunchLink launchLink(String token, String session, String authorizationUrl) {
        return token == null ? null : new PendingConnects.LaunchLink(token, session, authorizationUrl);
    }

    // --- the launch link ------------------------------------------------------------------------

    /**
     * Opens a connect's one-time launch link in the user's browser: the browser gets the
     * connect's cookie (replacing any other connect's cookie it held) and is sent on to the
     * provider. The link works once, until the connect expires or finishes.
     *
     * @param requestApiBase the api-v2 base URI the request came to, for the cookie's path and {@code Secure}
     */
    public LaunchResult launch(String keyOrId, String connectId, String token, URI requestApiBase) {
        PendingConnects.Launch launch = isBlank(connectId) || isBlank(token) ? new PendingConnects.Launch.Unknown()
                : pending.launch(connectId, token);
        if (launch instanceof PendingConnects.Launch.Unknown) {
            return launchFailed(connectId, keyOrId, Failure.INVALID_STATE, "This hub knows no such connection link.");
        }
        if (launch instanceof PendingConnects.Launch.Spent) {
            return launchFailed(connectId, keyOrId, Failure.REPLAYED, "This connection link has already been opened.");
        }
        if (launch instanceof PendingConnects.Launch.Expired) {
            return launchFailed(connectId, keyOrId, Failure.EXPIRED, "This connection attempt has expired.");
        }
        if (launch instanceof PendingConnects.Launch.Unreadable) {
            return launchFailed(connectId, keyOrId, Failure.EXPIRED,
                    "This connection attempt can no longer be read (the hub's key changed).");
        }
        PendingConnects.Launch.Opened opened = (PendingConnects.Launch.Opened) launch;
        boolean sameElement = elements.find(keyOrId, Optional.of(opened.organizationId()))
                .map(e -> e.definition().key().equals(opened.elementKey())).orElse(false);
        if (!sameElement) {
            return launchFailed(connectId, keyOrId, Failure.INVALID_STATE, "This link belongs to another element's connection.");
        }
        URI apiBase = apiBase(requestApiBase);
        Duration remaining = Duration.between(Instant.now(), opened.expiresAt());
        return new LaunchResult.Launched(new Started(opened.authorizationUrl(), opened.elementKey(), opened.session(),
                remaining.isNegative() ? Duration.ZERO : remaining, apiBase.getRawPath() + "elements/",
                "https".equalsIgnoreCase(apiBase.getScheme()), null));
    }

    private LaunchResult launchFailed(String connectId, String keyOrId, Failure failure, String message) {
        LOG.info(() -> "Launch of hosted connect " + (isBlank(connectId) ? "(unidentified)" : printable(connectId))
                + " for element " + printable(keyOrId) + " failed: " + failure);
        return new CallbackResult.Failed(failure, message);
    }

    // --- the callback ---------------------------------------------------------------------------

    /**
     * Finishes a connect from the provider's redirect.
     *
     * @param presentedSession the request's {@code PLUGBOARD_CONNECT} cookie, or {@code null}
     */
    public CallbackResult complete(String keyOrId, CallbackQuery query, String presentedSession) {
        String state = !isBlank(query.connectState()) ? query.connectState() : query.state();
        boolean providerRefused = !isBlank(query.error()) || !isBlank(query.denied());
        SignedState.Verification verification = isBlank(state) ? new SignedState.Verification.Tampered()
                : signedState().verify(state, presentedSession);
        if (providerRefused) {
            if (verification instanceof SignedState.Verification.Valid valid) {
                // Spend the connect: a refusal ends it, whatever arrives later with its state.
                pending.claim(valid.claims().connectId());
            }
            return failed(null, keyOrId, Failure.PROVIDER_DENIED, providerRefusal(query));
        }
        if (isBlank(state)) {
            return failed(null, keyOrId, Failure.INVALID_STATE, "This page was opened without the state of a connect.");
        }
        if (verification instanceof SignedState.Verification.Tampered) {
            return failed(null, keyOrId, Failure.INVALID_STATE, "The link's state is not one this hub issued.");
        }
        if (verification instanceof SignedState.Verification.Expired) {
            return failed(null, keyOrId, Failure.EXPIRED, "This connection attempt has expired.");
        }
        if (verification instanceof SignedState.Verification.WrongSession wrong) {
            return failed(null, keyOrId, Failure.WRONG_SESSION, wrong.cookieMissing()
                    ? "The browser did not send the cookie of this connection attempt: it must be finished in the"
                      + " browser that started it, with cookies allowed."
                    : "This connection attempt was started in another browser session.");
        }
        SignedState.Claims claims = ((SignedState.Verification.Valid) verification).claims();

        PendingConnects.Claim claim = pending.claim(claims.connectId());
        if (claim instanceof PendingConnects.Claim.Spent) {
            return failed(claims.connectId(), keyOrId, Failure.REPLAYED, "This connection attempt has already been used.");
        }
        if (claim instanceof PendingConnects.Claim.Expired) {
            return failed(claims.connectId(), keyOrId, Failure.EXPIRED, "This connection attempt has expired.");
        }
        if (claim instanceof PendingConnects.Claim.Unknown) {
            return failed(claims.connectId(), keyOrId, Failure.INVALID_STATE, "This hub knows no such connection attempt.");
        }
        if (claim instanceof PendingConnects.Claim.Unreadable) {
            return failed(claims.connectId(), keyOrId, Failure.EXPIRED,
                    "This connection attempt can no longer be read (the hub's key changed).");
        }
        ClaimedConnect connect = ((PendingConnects.Claim.Claimed) claim).connect();

        boolean sameElement = elements.find(keyOrId, Optional.of(connect.organizationId()))
                .map(e -> e.definition().key().equals(connect.elementKey())).orElse(false);
        if (!sameElement) {
            return failed(connect.id(), keyOrId, Failure.INVALID_STATE, "This callback belongs to another element's connection.");
        }
        if (organizations.user(connect.organizationId(), connect.userId()).isEmpty()) {
            return failed(connect.id(), keyOrId, Failure.NOT_PROVISIONED, "The user who started this connection no longer exists.");
        }
        Caller caller = new Caller(connect.organizationId(), connect.userId(), false, null);

        Map<String, String> providerData = new LinkedHashMap<>();
        String code = null;
        if (connect.flow() == PendingConnect.Flow.OAUTH2) {
            code = query.code();
            if (isBlank(code)) {
                return failed(connect.id(), keyOrId, Failure.INVALID_CALLBACK, "The provider sent neither a code nor an error.");
            }
            providerData.put("code", code);
            if (connect.pkceVerifier() != null) {
                providerData.put("code_verifier", connect.pkceVerifier());
            }
        } else {
            if (isBlank(query.oauthToken()) || isBlank(query.oauthVerifier())) {
                return failed(connect.id(), keyOrId, Failure.INVALID_CALLBACK,
                        "The provider did not send oauth_token and oauth_verifier.");
            }
            if (connect.requestTokenDigest() == null || !MessageDigest.isEqual(
                    BearerSecrets.digest(query.oauthToken()).getBytes(StandardCharsets.US_ASCII),
                    connect.requestTokenDigest().getBytes(StandardCharsets.US_ASCII))) {
                return failed(connect.id(), keyOrId, Failure.INVALID_CALLBACK,
                        "The provider returned another request token than this connection obtained.");
            }
            providerData.put("oauth_token", query.oauthToken());
            providerData.put("oauth_verifier", query.oauthVerifier());
            providerData.put("secret", connect.requestTokenSecret());
        }

        InstanceSettings settings = connect.settings();
        Outcome<InstanceView> outcome;
        if (connect.instanceId() == null) {
            outcome = instances.provision(caller, new InstanceRequest(connect.elementKey(), providerData,
                    settings.configuration(), settings.tags(), settings.name(), null, null, null, null, null, null));
        } else {
            // In place: the instance keeps its id, token and (unless new ones were given) its tags.
            outcome = instances.update(connect.organizationId(), connect.instanceId(), new InstanceRequest(
                    connect.elementKey(), providerData, settings.configuration(),
                    settings.tags().isEmpty() ? null : settings.tags(), settings.name(), null, null, null, null, null, null),
                    true);
        }
        if (outcome instanceof Outcome.Success<InstanceView> success) {
            long instanceId = success.value().id();
            LOG.info(() -> "Hosted connect " + connect.id() + (connect.instanceId() == null ? " provisioned" : " re-authenticated")
                    + " instance " + instanceId + " of element " + connect.elementKey());
            return new CallbackResult.Connected(
                    Urls.withQuery(connect.returnUrl(), Map.of("instanceId", Long.toString(instanceId))), instanceId);
        }
        if (outcome instanceof Outcome.ProviderFailed<InstanceView> providerFailed) {
            return failed(connect.id(), keyOrId, Failure.PROVIDER_FAILED, providerFailed.message());
        }
        if (outcome instanceof Outcome.ProviderTimedOut<InstanceView> timedOut) {
            return failed(connect.id(), keyOrId, Failure.PROVIDER_TIMED_OUT, timedOut.message());
        }
        if (outcome instanceof Outcome.NotFound<InstanceView> notFound) {
            return failed(connect.id(), keyOrId, Failure.NOT_PROVISIONED, notFound.message());
        }
        return failed(connect.id(), keyOrId, Failure.NOT_PROVISIONED, ((Outcome.Invalid<InstanceView>) outcome).message());
    }

    // --- shared ---------------------------------------------------------------------------------

    /** How long a started connect stays valid: {@code plugboard.connect.lifetime-minutes}, 1 to 60. */
    public Duration lifetime() {
        return Duration.ofMinutes(Math.max(MIN_LIFETIME_MINUTES, Math.min(MAX_LIFETIME_MINUTES, lifetimeMinutes)));
    }

    /** The api-v2 base as browsers and providers reach it: the configured public URL, else the request's. */
    URI apiBase(URI requestApiBase) {
        Optional<String> configured = publicUrl.map(String::strip).filter(u -> !u.isEmpty());
        if (configured.isEmpty()) {
            return requestApiBase;
        }
        String url = configured.get().endsWith("/") ? configured.get() : configured.get() + "/";
        return Urls.httpUrl(url).orElseThrow(() -> new IllegalStateException(
                "plugboard.connect.public-url must be the absolute http(s) URL of the api-v2 base, such as"
                        + " https://hub.example.com/elements/api-v2"));
    }

    private SignedState signedState() {
        SignedState s = signedState;
        if (s == null) {
            byte[] current = SignedState.deriveKey(keys.current().secret().getEncoded());
            List<byte[]> all = new ArrayList<>();
            keys.all().values().forEach(key -> all.add(SignedState.deriveKey(key.secret().getEncoded())));
            s = new SignedState(current, all, Clock.systemUTC());
            signedState = s;
        }
        return s;
    }

    private CallbackResult failed(String connectId, String keyOrId, Failure failure, String message) {
        // The message may quote the provider's error text, which came in the browser's query.
        LOG.info(() -> "Hosted connect " + (connectId == null ? "(unidentified)" : connectId) + " for element "
                + printable(keyOrId) + " failed: " + failure + ": " + printable(message));
        return new CallbackResult.Failed(failure, message);
    }

    /** No control characters: text from a request must not be able to forge log lines. */
    private static String printable(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", " ");
    }

    private static String providerRefusal(CallbackQuery query) {
        if (isBlank(query.error())) {
            return "The provider reports that access was denied.";
        }
        String text = printable(query.error().strip()
                + (isBlank(query.errorDescription()) ? "" : " (" + query.errorDescription().strip() + ")"));
        if (text.length() > MAX_PROVIDER_ERROR_LENGTH) {
            text = text.substring(0, MAX_PROVIDER_ERROR_LENGTH) + "...";
        }
        return "The provider reports: " + text;
    }

    /** Element defaults, overlaid by the connect's own values. */
    private static Map<String, String> effectiveConfiguration(ElementDefinition element, Map<String, String> own) {
        Map<String, String> values = new LinkedHashMap<>();
        if (element.configuration() != null) {
            element.configuration().forEach(entry -> values.put(entry.key(), entry.defaultValue()));
        }
        values.putAll(own);
        return values;
    }

    /** Required entries without a value, and the client credentials the dance itself needs. */
    private static List<String> missingConfiguration(ElementDefinition element, AuthenticationType type,
                                                     Map<String, String> configuration) {
        List<String> missing = new ArrayList<>();
        if (element.configuration() != null) {
            element.configuration().forEach(entry -> {
                if (entry.isRequired() && isBlank(configuration.get(entry.key()))) {
                    missing.add(entry.key());
                }
            });
        }
        List<String> needed = type == AuthenticationType.OAUTH1 ? List.of(API_KEY, API_SECRET) : List.of(API_KEY);
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.strip();
    }
}
