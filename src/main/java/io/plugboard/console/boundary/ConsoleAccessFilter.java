package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.platform.security.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console's gate: every page under {@code /console/} except the login page and the static
 * files needs a signed-in session, otherwise the browser is sent to the login page. A servlet
 * filter rather than a check in each page so that no page can forget it, including ones added
 * later. A session also ends here once its user is removed or one of the two secrets it signed in
 * with is rotated: each request asks the facade whether the session's stamp is still current (one
 * indexed read, from the database, so a revocation made on any node counts at once). It also sets the headers that keep console pages out of caches (the back button after
 * sign-out shows nothing) and out of frames, and restricts scripts and styles to the hub itself.
 */
@WebFilter(urlPatterns = "/console/*")
public class ConsoleAccessFilter extends HttpFilter {

    @Inject
    ConsoleFacade facade;

    static final String LOGIN = "/console/login.xhtml";
    static final String DASHBOARD = "/console/dashboard.xhtml";
    private static final String STATIC = "/console/resources/";

    /** No inline script or style anywhere in the console: the pages work without JavaScript. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https: http: data:;"
            + " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The container's normalized path (decoded, dot segments resolved), never the raw URI.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith(STATIC)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (path.equals(LOGIN)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<SignedIn> signedIn = SignedIn.in(request.getSession(false));
        Optional<Caller> caller = signedIn.flatMap(s -> facade.stillSignedIn(s.organizationId(), s.userId(), s.credentials()));
        if (caller.isPresent()) {
            request.setAttribute(ConsoleIdentity.CALLER, caller.get());
            chain.doFilter(request, response);
            return;
        }
        // Signed in, but the user was removed or a secret rotated since: the session ends here.
        boolean revoked = signedIn.isPresent();
        if (revoked) {
            request.getSession(false).invalidate();
        }
        // A session cookie the server no longer knows: the session timed out, say so on the login page.
        boolean expired = !revoked && request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        String login = request.getContextPath() + LOGIN + (revoked ? "?revoked=true" : expired ? "?expired=true" : "");
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // A Faces Ajax request cannot follow a 302; it needs the redirect inside a partial response.
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login + "\"/></partial-response>");
            return;
        }
        response.sendRedirect(login);
    }
}
