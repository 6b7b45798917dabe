package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleSession;
import io.plugboard.console.control.ConsoleSessionCodec;
import io.plugboard.console.control.ConsoleSessions;
import io.plugboard.platform.security.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console's gate: every page under {@code /console/} except the login page and the static
 * files needs a signed-in session, otherwise the browser is sent to the login page. A servlet
 * filter rather than a check in each page so that no page can forget it, including ones added
 * later. It also sets the headers that keep console pages out of caches (the back button after
 * sign-out shows nothing) and out of frames, and restricts scripts and styles to the hub itself.
 *
 * <p>The session is the signed cookie alone ({@link ConsoleSessionCodec}), checked here on every
 * request against the database ({@link ConsoleFacade#sessionCaller}), so any node serves any
 * request and a removed user or a replaced secret ends the session everywhere at once (the login
 * page then says the session was revoked, where a forged or expired cookie says it expired). The
 * cookie's idle expiry is pushed forward as the session is used. Pages never get an
 * HttpSession: asking for a new one fails loudly, so nothing can quietly tie a user to one node.
 *
 * <p>CSRF: every POST but the login form's must carry the session's token
 * ({@link PageRenderListener} puts it into every form), checked here before Faces decodes or runs
 * anything. A missing or forged token is refused with 403; a token of an earlier session of the
 * same browser (a form left open across sign-out and sign-in) sends the user to the login page
 * as a stale form did before, and changes nothing either way.
 */
@WebFilter(urlPatterns = "/console/*")
public class ConsoleAccessFilter extends HttpFilter {

    static final String LOGIN = "/console/login.xhtml";
    static final String DASHBOARD = "/console/dashboard.xhtml";
    /** The request parameter of the CSRF token. */
    static final String CSRF_PARAMETER = "plugboard-csrf";
    private static final String STATIC = "/console/resources/";
    private static final String EXPIRED = "?expired=true";
    private static final String REVOKED = "?revoked=true";

    /** No inline script or style anywhere in the console: the pages work without JavaScript. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https: http: data:;"
            + " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Inject
    ConsoleSessions sessions;
    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleCookies cookies;

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
        HttpServletRequest console = new WithoutHttpSession(request);
        Optional<String> presented = cookies.session(request);
        Optional<ConsoleSession> session = presented.flatMap(this::verified);
        Optional<SignedIn> signedIn = session.flatMap(this::signedIn);
        if (signedIn.isPresent()) {
            SignedIn user = signedIn.get();
            console.setAttribute(SignedIn.ATTRIBUTE, user);
            sessions.codec().renewal(user.session())
                    .ifPresent(renewed -> response.addHeader("Set-Cookie", cookies.sessionCookie(request, renewed)));
            if ("POST".equalsIgnoreCase(request.getMethod()) && !path.equals(LOGIN)) {
                // Faces would decode the form as UTF-8 (the pages' encoding); reading the token
                // first must not fix another charset for the request.
                if (request.getCharacterEncoding() == null) {
                    request.setCharacterEncoding(StandardCharsets.UTF_8.name());
                }
                ConsoleSessionCodec.CsrfCheck check = sessions.codec()
                        .checkCsrf(request.getParameter(CSRF_PARAMETER), user.session());
                if (check == ConsoleSessionCodec.CsrfCheck.FORGED) {
                    forbidden(response);
                    return;
                }
                if (check == ConsoleSessionCodec.CsrfCheck.OTHER_SESSION) {
                    toLogin(request, response, EXPIRED);
                    return;
                }
            }
            chain.doFilter(console, response);
            return;
        }
        if (presented.isPresent()) {
            // Forged, expired, signed with another key, or no longer current: gone from the browser too.
            response.addHeader("Set-Cookie", cookies.clearSession(request));
        }
        if (path.equals(LOGIN)) {
            chain.doFilter(console, response);
            return;
        }
        // A genuine, unexpired session that is no longer current: its user was removed or a secret replaced.
        toLogin(request, response, session.isPresent() ? REVOKED : presented.isPresent() ? EXPIRED : "");
    }

    private Optional<ConsoleSession> verified(String cookie) {
        return sessions.codec().verify(cookie) instanceof ConsoleSessionCodec.Verification.Valid valid
                ? Optional.of(valid.session()) : Optional.empty();
    }

    private Optional<SignedIn> signedIn(ConsoleSession session) {
        Optional<Caller> caller = facade.sessionCaller(session);
        return caller.map(c -> new SignedIn(c, session, sessions.codec().csrfToken(session)));
    }

    private static void toLogin(HttpServletRequest request, HttpServletResponse response, String query) throws IOException {
        String login = request.getContextPath() + LOGIN + query;
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

    private static void forbidden(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed"
                + " · Plugboard console</title></head><body><h1>Not allowed</h1><p>This form did not come from your"
                + " console session, so nothing was changed. <a href=\"dashboard.xhtml\">Back to the console</a></p>"
                + "</body></html>");
    }

    /**
     * The request as console pages see it: an existing HttpSession (from another part of the
     * application) may be read, but none is ever created, so a page, a bean or Faces itself that
     * tries fails at once instead of silently pinning the browser to this node.
     */
    static final class WithoutHttpSession extends HttpServletRequestWrapper {

        WithoutHttpSession(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession existing = super.getSession(false);
            if (existing == null && create) {
                throw new IllegalStateException("The console keeps no HttpSession: its state is the signed session"
                        + " cookie and the request (see ConsoleAccessFilter)");
            }
            return existing;
        }
    }
}
