package io.plugboard.tokens.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Organization and user secrets are bearer credentials: whoever holds one is that principal. Only
 * their SHA-256 digest is stored; a generated secret carries 256 random bits, so a fast digest
 * is enough (no dictionary to slow down), and it lets a secret be found by an indexed lookup.
 */
public final class BearerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BearerSecrets() {
    }

    /** A new secret: 32 random bytes, URL-safe base64 (no characters that need quoting in a header). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The digest stored in place of the secret: lowercase hex SHA-256. */
    public static String digest(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Constant-time check of a presented secret against a stored digest. */
    public static boolean matches(String presentedSecret, String storedDigest) {
        if (presentedSecret == null || storedDigest == null) {
            return false;
        }
        return MessageDigest.isEqual(
                digest(presentedSecret).getBytes(StandardCharsets.US_ASCII),
                storedDigest.getBytes(StandardCharsets.US_ASCII));
    }
}
