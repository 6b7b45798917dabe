package io.plugboard.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The api-v2 credentials header: {@code User <secret>, Organization <secret>[, Element <token>]}.
 * Parsed leniently as the platform does (any order, any spacing, case-insensitive names), but
 * strictly otherwise: an unknown or repeated part, or an empty value, makes the whole header
 * invalid rather than silently ignored.
 */
public record AuthorizationHeader(String userSecret, String organizationSecret, String elementToken) {

    /** The parsed header, or empty when it is not a well-formed api-v2 header. */
    public static Optional<AuthorizationHeader> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String user = null;
        String organization = null;
        String element = null;
        for (String part : header.split(",", -1)) {
            String trimmed = part.strip();
            int space = indexOfWhitespace(trimmed);
            if (space < 0) {
                return Optional.empty();
            }
            String name = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
            String value = trimmed.substring(space).strip();
            if (value.isEmpty() || indexOfWhitespace(value) >= 0) {
                return Optional.empty();
            }
            switch (name) {
                case "user" -> {
                    if (user != null) return Optional.empty();
                    user = value;
                }
                case "organization" -> {
                    if (organization != null) return Optional.empty();
                    organization = value;
                }
                case "element" -> {
                    if (element != null) return Optional.empty();
                    element = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new AuthorizationHeader(user, organization, element));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public boolean hasUserAndOrganization() {
        return userSecret != null && organizationSecret != null;
    }

    /** Never print the secrets, should a header end up in a log line or an exception. */
    @Override
    public String toString() {
        return "AuthorizationHeader[user=" + mask(userSecret) + ", organization=" + mask(organizationSecret)
                + ", element=" + mask(elementToken) + "]";
    }

    private static String mask(String value) {
        return value == null ? "absent" : "********";
    }
}
