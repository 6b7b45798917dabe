package io.plugboard.oauth.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Proof Key for Code Exchange (RFC 7636) with the {@code S256} method, for the hosted connect
 * flow's OAuth2 dance. A code intercepted on its way back to the hub is useless without the
 * verifier, which never leaves the hub (it is stored encrypted with the pending connect).
 *
 * <p>On by default: providers that do not know PKCE ignore the extra parameters (RFC 6749 section
 * 3.1 tells them to). An element, or the connect's own configuration, turns it off with
 * {@code oauth.pkce = "false"} for a provider that rejects unknown parameters. Only {@code S256}
 * is offered: {@code plain} protects nothing a TLS-terminating proxy could not see.
 */
public final class Pkce {

    /** The configuration entry that turns PKCE off when it is {@code "false"}. */
    public static final String ENABLED_KEY = "oauth.pkce";
    public static final String METHOD = "S256";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {
    }

    /** A new code verifier: 32 random bytes, base64url, 43 characters (RFC 7636 section 4.1). */
    public static String newVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** {@code BASE64URL(SHA256(ASCII(verifier)))}, RFC 7636 section 4.2. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** PKCE is on unless the configuration says {@code oauth.pkce = false}. */
    public static boolean enabled(Map<String, String> configuration) {
        String value = configuration.get(ENABLED_KEY);
        return value == null || !"false".equals(value.strip().toLowerCase(Locale.ROOT));
    }
}
