package io.plugboard.connect.control;

import io.plugboard.connect.control.ConnectFailed.Failure;
import io.plugboard.elements.control.ElementService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

import static io.plugboard.connect.control.ConnectFailed.isBlank;
import static io.plugboard.connect.control.ConnectFailed.printable;

/**
 * Opens a connect's one-time launch link in the user's browser: the browser is to get the
 * connect's session (replacing any other connect's it held) and be sent on to the provider. The
 * link works once, until the connect expires or finishes. Which cookie and which redirect is the
 * boundary's business; this says whether, and with what.
 */
@ApplicationScoped
public class ConnectLaunch {

    private static final Logger LOG = Logger.getLogger(ConnectLaunch.class.getName());

    @Inject
    PendingConnects pending;
    @Inject
    ElementService elements;

    /** What opening a launch link came to. */
    public sealed interface Result permits Launched, ConnectFailed {
    }

    /** Give the browser {@code session} for {@code lifetime} (what is left of the connect's) and send it to the provider. */
    public record Launched(String authorizationUrl, String elementKey, String session, Duration lifetime) implements Result {
        @Override
        public String toString() {
            return "Launched[element=" + elementKey + ", session=********]";
        }
    }

    public Result launch(String keyOrId, String connectId, String token) {
        PendingConnects.Launch launch = isBlank(connectId) || isBlank(token) ? new PendingConnects.Launch.Unknown()
                : pending.launch(connectId, token);
        if (launch instanceof PendingConnects.Launch.Unknown) {
            return failed(connectId, keyOrId, Failure.INVALID_STATE, "This hub knows no such connection link.");
        }
        if (launch instanceof PendingConnects.Launch.Spent) {
            return failed(connectId, keyOrId, Failure.REPLAYED, "This connection link has already been opened.");
        }
        if (launch instanceof PendingConnects.Launch.Expired) {
            return failed(connectId, keyOrId, Failure.EXPIRED, "This connection attempt has expired.");
        }
        if (launch instanceof PendingConnects.Launch.Unreadable) {
            return failed(connectId, keyOrId, Failure.EXPIRED,
                    "This connection attempt can no longer be read (the hub's key changed).");
        }
        PendingConnects.Launch.Opened opened = (PendingConnects.Launch.Opened) launch;
        boolean sameElement = elements.find(keyOrId, Optional.of(opened.organizationId()))
                .map(e -> e.definition().key().equals(opened.elementKey())).orElse(false);
        if (!sameElement) {
            return failed(connectId, keyOrId, Failure.INVALID_STATE, "This link belongs to another element's connection.");
        }
        Duration remaining = Duration.between(Instant.now(), opened.expiresAt());
        return new Launched(opened.authorizationUrl(), opened.elementKey(), opened.session(),
                remaining.isNegative() ? Duration.ZERO : remaining);
    }

    private static ConnectFailed failed(String connectId, String keyOrId, Failure failure, String message) {
        LOG.info(() -> "Launch of hosted connect " + (isBlank(connectId) ? "(unidentified)" : printable(connectId))
                + " for element " + printable(keyOrId) + " failed: " + failure);
        return new ConnectFailed(failure, message);
    }
}
