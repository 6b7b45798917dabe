package io.plugboard.console.boundary;

import io.plugboard.platform.security.Caller;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.util.Optional;

/**
 * What a console session remembers about its user: the {@link Caller}'s ids and nothing else. The
 * secrets are checked once at sign-in and dropped, so a session (or a dump of one) never holds a
 * credential. A record of its own rather than the {@code Caller} itself because a session
 * attribute must be serializable and a console caller never carries an instance token.
 */
public record SignedIn(long organizationId, long userId, boolean bootstrapAdministrator) implements Serializable {

    static final String ATTRIBUTE = SignedIn.class.getName();

    static SignedIn of(Caller caller) {
        return new SignedIn(caller.organizationId(), caller.userId(), caller.bootstrapAdministrator());
    }

    /** The signed-in user of this session, if any; never creates a session. */
    static Optional<SignedIn> in(HttpSession session) {
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getAttribute(ATTRIBUTE)).filter(SignedIn.class::isInstance).map(SignedIn.class::cast);
    }

    Caller caller() {
        return new Caller(organizationId, userId, bootstrapAdministrator, null);
    }
}
