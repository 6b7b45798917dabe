package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleSession;
import io.plugboard.console.control.ConsoleSessions;
import io.plugboard.console.control.ConsoleViews.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's two cookies, written by hand ({@code SameSite} is not in the servlet cookie type
 * of every runtime): the signed session and the notice carried over one redirect. Both are
 * HttpOnly, {@code SameSite=Lax} (sent on a top-level navigation to the console, never with
 * another site's form post or request), limited to the console's path, and {@code Secure} when
 * the browser reached the hub over https, directly or through a proxy that says so. The session
 * cookie has no Max-Age: it goes when the browser closes, and its own signed times end it sooner.
 */
@ApplicationScoped
public class ConsoleCookies {

    static final String SESSION = "PLUGBOARD_CONSOLE_SESSION";
    static final String NOTICE = "PLUGBOARD_CONSOLE_NOTICE";
    private static final Duration NOTICE_LIFETIME = Duration.ofSeconds(60);

    @Inject
    ConsoleSessions sessions;

    Optional<String> session(HttpServletRequest request) {
        return read(request, SESSION);
    }

    String sessionCookie(HttpServletRequest request, ConsoleSession session) {
        return cookie(request, SESSION, sessions.codec().encode(session), null);
    }

    String clearSession(HttpServletRequest request) {
        return cookie(request, SESSION, "", 0L);
    }

    String noticeCookie(HttpServletRequest request, Notice notice) {
        return cookie(request, NOTICE, sessions.codec().seal(notice.kind().name() + ":" + notice.text(), NOTICE_LIFETIME),
                NOTICE_LIFETIME.toSeconds());
    }

    String clearNotice(HttpServletRequest request) {
        return cookie(request, NOTICE, "", 0L);
    }

    /** The notice a previous response carried over its redirect, if this hub sealed it in the last minute. */
    Optional<Notice> notice(HttpServletRequest request) {
        return read(request, NOTICE).flatMap(sessions.codec()::open).flatMap(text -> {
            int colon = text.indexOf(':');
            try {
                return Optional.of(new Notice(Notice.Kind.valueOf(text.substring(0, Math.max(0, colon))),
                        text.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** https as the browser sees it: the connection itself, or a proxy's {@code X-Forwarded-Proto} / {@code Forwarded}. */
    static boolean secure(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto != null && proto.split(",")[0].strip().equalsIgnoreCase("https")) {
            return true;
        }
        String forwarded = request.getHeader("Forwarded");
        return forwarded != null && forwarded.split(",")[0].toLowerCase(Locale.ROOT).replace(" ", "").matches(".*(^|;)proto=\"?https\"?(;|$).*");
    }

    private static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies).filter(c -> name.equals(c.getName()))
                .map(Cookie::getValue).filter(v -> v != null && !v.isEmpty()).findFirst();
    }

    private static String cookie(HttpServletRequest request, String name, String value, Long maxAge) {
        return name + "=" + value + "; Path=" + request.getContextPath() + "/console"
                + (maxAge == null ? "" : "; Max-Age=" + maxAge)
                + "; HttpOnly; SameSite=Lax" + (secure(request) ? "; Secure" : "");
    }
}
