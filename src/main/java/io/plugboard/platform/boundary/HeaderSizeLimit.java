package io.plugboard.platform.boundary;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Enumeration;
import java.util.Optional;

/**
 * The largest request header field the hub accepts, checked before anything reads a header. The
 * HTTP listeners have their own, larger limit on the whole header section (32 KiB on Payara,
 * see server-config/payara-micro/pre-boot-commands.asadmin), and answer beyond it by themselves
 * with an empty {@code 400}; between the two, a caller gets a {@code 431} in the api-v2 error
 * shape that names the header and the limit. The limit is the same on every runtime, so a client
 * that works against one works against all. No api-v2 header comes near it: a full
 * {@code Authorization} header with an element token is about 150 characters.
 */
final class HeaderSizeLimit {

    /** Characters in one header field, name and value; the common default of HTTP servers. */
    static final int MAX_FIELD_CHARACTERS = 8192;

    /** 431 Request Header Fields Too Large (RFC 6585). */
    static final int STATUS = 431;

    private HeaderSizeLimit() {
    }

    /** The caller-facing message for the first header over the limit, if any. */
    static Optional<String> violation(HttpServletRequest request) {
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                String value = values.nextElement();
                int length = name.length() + (value == null ? 0 : value.length());
                if (length > MAX_FIELD_CHARACTERS) {
                    return Optional.of(message(name, length));
                }
            }
        }
        return Optional.empty();
    }

    static String message(String name, int length) {
        return "Request header " + printable(name) + " is too large: " + length + " characters; the limit is "
                + MAX_FIELD_CHARACTERS + " per header.";
    }

    /**
     * The name as clients write it ({@code Authorization}, {@code X-Trace}: some listeners hand
     * names over lower-cased), and nothing unprintable the listener may have let through.
     */
    private static String printable(String name) {
        StringBuilder visible = new StringBuilder();
        boolean wordStart = true;
        for (char c : name.toCharArray()) {
            char shown = c >= '!' && c <= '~' ? c : '?';
            visible.append(wordStart ? Character.toUpperCase(shown) : Character.toLowerCase(shown));
            wordStart = shown == '-';
        }
        return visible.length() > 64 ? visible.substring(0, 64) + "..." : visible.toString();
    }
}
