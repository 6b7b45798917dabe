package io.plugboard.proxy.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code rel="next"} target of RFC 8288 {@code Link} header fields, as APIs that page by
 * header use them: {@code <https://api.example.com/items?page=3>; rel="next", <...>; rel="last"}. Parsed
 * by the grammar (a URI reference in angle brackets, then parameters, quoted or not), so a comma
 * or semicolon inside a URI or a quoted title does not split a link; {@code rel} may list several
 * relation types ({@code rel="next last"}), compared without regard to case.
 */
final class LinkHeaders {

    private LinkHeaders() {
    }

    /** The URI reference of the first link whose relation types include {@code next}. */
    static Optional<String> next(List<String> fieldValues) {
        for (String value : fieldValues) {
            Optional<String> found = next(value);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> next(String value) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ',' || Character.isWhitespace(value.charAt(i)))) {
                i++;
            }
            if (i >= n || value.charAt(i) != '<') {
                return Optional.empty();   // not a link-value: the field is malformed from here on
            }
            int close = value.indexOf('>', i + 1);
            if (close < 0) {
                return Optional.empty();
            }
            String target = value.substring(i + 1, close).strip();
            i = close + 1;
            boolean isNext = false;
            // Parameters: ; name [= token | quoted-string], up to the comma that ends this link.
            while (i < n && value.charAt(i) != ',') {
                char c = value.charAt(i);
                if (c != ';') {
                    i++;
                    continue;
                }
                i++;
                int nameStart = i;
                while (i < n && value.charAt(i) != '=' && value.charAt(i) != ';' && value.charAt(i) != ',') {
                    i++;
                }
                String name = value.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
                String parameter = "";
                if (i < n && value.charAt(i) == '=') {
                    i++;
                    while (i < n && Character.isWhitespace(value.charAt(i))) {
                        i++;
                    }
                    StringBuilder text = new StringBuilder();
                    if (i < n && value.charAt(i) == '"') {
                        i++;
                        while (i < n && value.charAt(i) != '"') {
                            if (value.charAt(i) == '\\' && i + 1 < n) {
                                i++;
                            }
                            text.append(value.charAt(i));
                            i++;
                        }
                        i++;   // the closing quote
                    } else {
                        while (i < n && value.charAt(i) != ';' && value.charAt(i) != ',') {
                            text.append(value.charAt(i));
                            i++;
                        }
                    }
                    parameter = text.toString().strip();
                }
                if (name.equals("rel")) {
                    for (String relation : parameter.split("\\s+")) {
                        isNext |= relation.equalsIgnoreCase("next");
                    }
                }
            }
            if (isNext && !target.isEmpty()) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }
}
