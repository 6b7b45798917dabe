package io.plugboard.console.boundary;

import io.plugboard.platform.security.Caller;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.util.Optional;

/**
 * What a console session remembers about its user: the {@link Caller}'s ids and the stamp of the
 * secrets it signed in with, nothing else. The secrets are checked once at sign-in and dropped, so
 * a session (or a dump of one) never holds a credential; the stamp (a digest of their digests)
 * lets every request check that the user still exists and neither secret was rotated since (see
 * {@link ConsoleAccessFilter}). A record of its own rather than the {@code Caller} itself because a
 * session attribute must be serializable and a console caller never carries an instance token.
 */
public record SignedIn(long organizationId, long userId, boolean bootstrapAdministrator, String credentials)
        implements Serializable {

    static final String ATTRIBUTE = SignedIn.class.getName();

    static SignedIn of(Caller caller, String credentials) {
        return new SignedIn(caller.organizationId(), caller.userId(), caller.bootstrapAdministrator(), credentials);
    }

    /** The same session with a new stamp: after the user rotated one of its own secrets in the console. */
    SignedIn withCredentials(String newCredentials) {
        return new SignedIn(organizationId, userId, bootstrapAdministrator, newCredentials);
    }

    /** The signed-in user of this session, if any; never creates a session. */
    static Optional<SignedIn> in(HttpSession session) {
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getAttribute(ATTRIBUTE)).filter(SignedIn.class::isInstance).map(SignedIn.class::cast);
    }
}
