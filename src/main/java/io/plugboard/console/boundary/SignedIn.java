package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleSession;
import io.plugboard.platform.security.Caller;
import jakarta.servlet.ServletRequest;

import java.util.Optional;

/**
 * The signed-in user of this one request, as {@link ConsoleAccessFilter} found it in the session
 * cookie and checked it against the database: the caller (no secret, no instance token), the
 * session, and the CSRF token its forms carry. A request attribute, never an HttpSession
 * attribute: the console keeps nothing between requests but the cookie, so any node can serve
 * any request.
 */
record SignedIn(Caller caller, ConsoleSession session, String csrfToken) {

    static final String ATTRIBUTE = SignedIn.class.getName();

    /** The signed-in user of this request, if any. */
    static Optional<SignedIn> in(ServletRequest request) {
        return Optional.ofNullable(request.getAttribute(ATTRIBUTE)).filter(SignedIn.class::isInstance).map(SignedIn.class::cast);
    }
}
