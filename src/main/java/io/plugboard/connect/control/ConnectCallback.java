package io.plugboard.connect.control;

import io.plugboard.connect.control.ConnectFailed.Failure;
import io.plugboard.connect.control.PendingConnects.ClaimedConnect;
import io.plugboard.connect.control.PendingConnects.InstanceSettings;
import io.plugboard.connect.entity.PendingConnect;
import io.plugboard.elements.control.ElementService;
import io.plugboard.instances.control.InstanceRequest;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.instances.control.InstanceView;
import io.plugboard.organizations.control.OrganizationService;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.Urls;
import io.plugboard.platform.security.Caller;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import static io.plugboard.connect.control.ConnectFailed.isBlank;
import static io.plugboard.connect.control.ConnectFailed.printable;

/**
 * Finishes a hosted connect from the provider's redirect, which comes from the user's browser
 * without credentials: the signed state and the browser's session say which pending connect it
 * is, the database makes that connect single-use, and the instance is provisioned for the
 * recorded user through the same {@code InstanceService.provision} as {@code POST /instances}
 * (or re-authenticated in place through {@code update}). The instance token is never put in a
 * URL; the application reads the instance through the API. A failed callback stores nothing.
 */
@ApplicationScoped
public class ConnectCallback {

    private static final Logger LOG = Logger.getLogger(ConnectCallback.class.getName());
    private static final int MAX_PROVIDER_ERROR_LENGTH = 200;
    /** The providerData names the exchanges read. */
    private static final Set<String> EXCHANGE_DATA = Set.of("code", "code_verifier", "oauth_token", "oauth_verifier", "secret");

    @Inject
    ElementService elements;
    @Inject
    PendingConnects pending;
    @Inject
    OrganizationService organizations;
    @Inject
    InstanceService instances;
    @Inject
    ConnectStates states;

    /**
     * The parameters a provider's redirect brings to the callback.
     *
     * @param others every other query parameter (its first value): where the provider adds values
     *               the element keeps ({@code oauth.callback.keep})
     */
    public record CallbackQuery(String state, String connectState, String code, String error, String errorDescription,
                                String oauthToken, String oauthVerifier, String denied, Map<String, String> others) {
        public CallbackQuery {
            others = others == null ? Map.of() : others;
        }

        public CallbackQuery(String state, String connectState, String code, String error, String errorDescription,
                             String oauthToken, String oauthVerifier, String denied) {
            this(state, connectState, code, error, errorDescription, oauthToken, oauthVerifier, denied, Map.of());
        }

        @Override
        public String toString() {
            return "CallbackQuery[error=" + error + "]";
        }
    }

    /** What a callback came to. */
    public sealed interface Result permits Connected, ConnectFailed {
    }

    /** Send the browser to {@code location}: the return URL with {@code instanceId}. */
    public record Connected(String location, long instanceId) implements Result {
    }

    /**
     * @param presentedSession the browser's connect session (its cookie), or {@code null}
     */
    public Result complete(String keyOrId, CallbackQuery query, String presentedSession) {
        String state = !isBlank(query.connectState()) ? query.connectState() : query.state();
        SignedState.Verification verification = isBlank(state) ? new SignedState.Verification.Tampered()
                : states.signedState().verify(state, presentedSession);
        if (!isBlank(query.error()) || !isBlank(query.denied())) {
            if (verification instanceof SignedState.Verification.Valid valid) {
                // Spend the connect: a refusal ends it, whatever arrives later with its state.
                pending.claim(valid.claims().connectId());
            }
            return failed(null, keyOrId, Failure.PROVIDER_DENIED, providerRefusal(query));
        }
        if (!(verification instanceof SignedState.Verification.Valid valid)) {
            return failed(null, keyOrId, rejected(state, verification), rejectionMessage(state, verification));
        }
        String connectId = valid.claims().connectId();
        PendingConnects.Claim claim = pending.claim(connectId);
        if (!(claim instanceof PendingConnects.Claim.Claimed claimed)) {
            return unclaimable(connectId, keyOrId, claim);
        }
        ClaimedConnect connect = claimed.connect();
        Optional<ConnectFailed> foreign = foreign(connect, keyOrId);
        if (foreign.isPresent()) {
            return foreign.get();
        }
        Map<String, String> providerData = new LinkedHashMap<>();
        Optional<ConnectFailed> incomplete = providerData(connect, query, providerData);
        if (incomplete.isPresent()) {
            return failed(connect.id(), keyOrId, incomplete.get().failure(), incomplete.get().message());
        }
        return connected(connect, keyOrId, provision(connect, providerData));
    }

    private static Failure rejected(String state, SignedState.Verification verification) {
        if (isBlank(state) || verification instanceof SignedState.Verification.Tampered) {
            return Failure.INVALID_STATE;
        }
        return verification instanceof SignedState.Verification.Expired ? Failure.EXPIRED : Failure.WRONG_SESSION;
    }

    private static String rejectionMessage(String state, SignedState.Verification verification) {
        if (isBlank(state)) {
            return "This page was opened without the state of a connect.";
        }
        if (verification instanceof SignedState.Verification.Tampered) {
            return "The link's state is not one this hub issued.";
        }
        if (verification instanceof SignedState.Verification.Expired) {
            return "This connection attempt has expired.";
        }
        return ((SignedState.Verification.WrongSession) verification).cookieMissing()
                ? "The browser did not send the cookie of this connection attempt: it must be finished in the"
                  + " browser that started it, with cookies allowed."
                : "This connection attempt was started in another browser session.";
    }

    private ConnectFailed unclaimable(String connectId, String keyOrId, PendingConnects.Claim claim) {
        if (claim instanceof PendingConnects.Claim.Spent) {
            return failed(connectId, keyOrId, Failure.REPLAYED, "This connection attempt has already been used.");
        }
        if (claim instanceof PendingConnects.Claim.Expired) {
            return failed(connectId, keyOrId, Failure.EXPIRED, "This connection attempt has expired.");
        }
        if (claim instanceof PendingConnects.Claim.Unknown) {
            return failed(connectId, keyOrId, Failure.INVALID_STATE, "This hub knows no such connection attempt.");
        }
        return failed(connectId, keyOrId, Failure.EXPIRED, "This connection attempt can no longer be read (the hub's key changed).");
    }

    /** A callback to another element's URL, or for a user who is gone, provisions nothing. */
    private Optional<ConnectFailed> foreign(ClaimedConnect connect, String keyOrId) {
        boolean sameElement = elements.find(keyOrId, Optional.of(connect.organizationId()))
                .map(e -> e.definition().key().equals(connect.elementKey())).orElse(false);
        if (!sameElement) {
            return Optional.of(failed(connect.id(), keyOrId, Failure.INVALID_STATE,
                    "This callback belongs to another element's connection."));
        }
        if (organizations.user(connect.organizationId(), connect.userId()).isEmpty()) {
            return Optional.of(failed(connect.id(), keyOrId, Failure.NOT_PROVISIONED,
                    "The user who started this connection no longer exists."));
        }
        return Optional.empty();
    }

    /**
     * Fills {@code data} with what the exchange needs: the code (and the PKCE verifier) for
     * OAuth2, the request token, verifier and secret for OAuth 1.0a, and the provider's other
     * callback parameters. Empty when it could.
     */
    private static Optional<ConnectFailed> providerData(ClaimedConnect connect, CallbackQuery query, Map<String, String> data) {
        // The provider's other values, for oauth.callback.keep; what the exchange itself reads is set
        // below from the connect alone (a verifier in the query would undo PKCE).
        query.others().forEach((name, value) -> {
            if (!EXCHANGE_DATA.contains(name)) {
                data.put(name, value);
            }
        });
        if (connect.flow() == PendingConnect.Flow.OAUTH2) {
            if (isBlank(query.code())) {
                return Optional.of(new ConnectFailed(Failure.INVALID_CALLBACK, "The provider sent neither a code nor an error."));
            }
            data.put("code", query.code());
            if (connect.pkceVerifier() != null) {
                data.put("code_verifier", connect.pkceVerifier());
            }
            return Optional.empty();
        }
        if (isBlank(query.oauthToken()) || isBlank(query.oauthVerifier())) {
            return Optional.of(new ConnectFailed(Failure.INVALID_CALLBACK,
                    "The provider did not send oauth_token and oauth_verifier."));
        }
        if (connect.requestTokenDigest() == null || !MessageDigest.isEqual(
                BearerSecrets.digest(query.oauthToken()).getBytes(StandardCharsets.US_ASCII),
                connect.requestTokenDigest().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(new ConnectFailed(Failure.INVALID_CALLBACK,
                    "The provider returned another request token than this connection obtained."));
        }
        data.put("oauth_token", query.oauthToken());
        data.put("oauth_verifier", query.oauthVerifier());
        data.put("secret", connect.requestTokenSecret());
        return Optional.empty();
    }

    /** A new instance, or in place: the instance keeps its id, token and (unless new ones were given) its tags. */
    private Outcome<InstanceView> provision(ClaimedConnect connect, Map<String, String> providerData) {
        InstanceSettings settings = connect.settings();
        if (connect.instanceId() == null) {
            Caller caller = new Caller(connect.organizationId(), connect.userId(), false, null);
            return instances.provision(caller, new InstanceRequest(connect.elementKey(), providerData,
                    settings.configuration(), settings.tags(), settings.name(), null, null, null, null, null, null));
        }
        return instances.update(connect.organizationId(), connect.instanceId(), new InstanceRequest(
                connect.elementKey(), providerData, settings.configuration(),
                settings.tags().isEmpty() ? null : settings.tags(), settings.name(), null, null, null, null, null, null),
                true);
    }

    private Result connected(ClaimedConnect connect, String keyOrId, Outcome<InstanceView> outcome) {
        if (outcome instanceof Outcome.Success<InstanceView> success) {
            long instanceId = success.value().id();
            LOG.info(() -> "Hosted connect " + connect.id() + (connect.instanceId() == null ? " provisioned" : " re-authenticated")
                    + " instance " + instanceId + " of element " + connect.elementKey());
            return new Connected(Urls.withQuery(connect.returnUrl(), Map.of("instanceId", Long.toString(instanceId))), instanceId);
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

    private static ConnectFailed failed(String connectId, String keyOrId, Failure failure, String message) {
        // The message may quote the provider's error text, which came in the browser's query.
        LOG.info(() -> "Hosted connect " + (connectId == null ? "(unidentified)" : connectId) + " for element "
                + printable(keyOrId) + " failed: " + failure + ": " + printable(message));
        return new ConnectFailed(failure, message);
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
}
