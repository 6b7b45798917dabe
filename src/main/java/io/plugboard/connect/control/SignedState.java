package io.plugboard.connect.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code state} of the hosted connect flow: which pending connect a callback is for, until
 * when, and for which browser, signed so that nobody can make one up or alter it.
 *
 * <p>Format: {@code v1.<connect id>.<expiry, epoch seconds>.<session hash>.<signature>}, where
 * the session hash is base64url SHA-256 of the browser's {@code PLUGBOARD_CONNECT} cookie and the
 * signature is base64url HMAC-SHA256 over everything before it. Only URL-unreserved characters,
 * so the state survives any provider's round trip unescaped. It names no secret: the cookie is
 * only present as a hash of 256 random bits.
 *
 * <p>The signature lets the callback turn away forged, altered and expired states before it
 * touches the database, and the session hash binds the state to the browser that started the
 * connect (a callback link sent to someone else, or a victim lured into finishing an attacker's
 * connect, fails). Single use cannot be decided here: a valid state stays valid until it expires.
 * The pending connect row's {@code used} flag, set once under the database's own atomicity,
 * rejects a replay.
 *
 * <p>Keys: {@link #deriveKey(byte[])} derives the signing key from an encryption key with
 * HMAC-SHA256 and a fixed label, so the state key is never the key that encrypts credentials, and
 * no further secret needs configuring, distributing to every node, or backing up. States are
 * signed with the key derived from the current encryption key and verified against every
 * configured one, so a key rotation does not break connects in flight.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignedState {

    /** The derivation label; changing it invalidates every state in flight. */
    static final String KEY_LABEL = "plugboard-connect-state";
    static final String VERSION = "v1";

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern CONNECT_ID = Pattern.compile("[A-Za-z0-9_-]{16,32}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Longer than any state this class issues: a bound on the work an attacker's input causes. */
    private static final int MAX_LENGTH = 200;

    private final byte[] signingKey;
    private final List<byte[]> verificationKeys;
    private final Clock clock;

    /** What a state says, once its signature checked. */
    public record Claims(String connectId, Instant expiresAt, String sessionHash) {
    }

    /** What a presented state came to. */
    public sealed interface Verification {
        /** Signed by this hub, unexpired, and presented by the browser it was issued to. */
        record Valid(Claims claims) implements Verification {
        }

        /** Not a state this hub signed: malformed, altered, or signed with an unknown key. */
        record Tampered() implements Verification {
        }

        record Expired(Instant expiredAt) implements Verification {
        }

        /** Genuine, but the browser's cookie is missing or belongs to another connect session. */
        record WrongSession(boolean cookieMissing) implements Verification {
        }
    }

    /**
     * @param signingKey       the key new states are signed with
     * @param verificationKeys the keys a presented state may be signed with (the signing key included)
     */
    public SignedState(byte[] signingKey, List<byte[]> verificationKeys, Clock clock) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey").clone();
        this.verificationKeys = verificationKeys.stream().map(byte[]::clone).toList();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The state-signing key derived from an encryption key: HMAC-SHA256(key, "plugboard-connect-state"). */
    public static byte[] deriveKey(byte[] encryptionKey) {
        return hmac(encryptionKey, KEY_LABEL);
    }

    /** What stands for a session value in a state and in the database: base64url SHA-256. */
    public static String sessionHash(String sessionValue) {
        try {
            return ENCODER.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(sessionValue.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A state for the connect {@code connectId}, valid for {@code lifetime} in the browser holding {@code sessionValue}. */
    public String issue(String connectId, String sessionValue, Duration lifetime) {
        if (!CONNECT_ID.matcher(connectId).matches()) {
            throw new IllegalArgumentException("A connect id is 16 to 32 base64url characters");
        }
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String payload = VERSION + "." + connectId + "." + expires + "." + sessionHash(sessionValue);
        return payload + "." + ENCODER.encodeToString(hmac(signingKey, payload));
    }

    /**
     * Checks a presented state against the presented session cookie, in this order: form and
     * signature, expiry, session. Replay is the database's to detect (see the class comment).
     *
     * @param sessionValue the {@code PLUGBOARD_CONNECT} cookie of the request, or {@code null}
     */
    public Verification verify(String state, String sessionValue) {
        if (state == null || state.length() > MAX_LENGTH) {
            return new Verification.Tampered();
        }
        String[] parts = state.split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !CONNECT_ID.matcher(parts[1]).matches()
                || !DIGITS.matcher(parts[2]).matches() || !HASH.matcher(parts[3]).matches()
                || !HASH.matcher(parts[4]).matches()) {
            return new Verification.Tampered();
        }
        String payload = state.substring(0, state.lastIndexOf('.'));
        // Compared as text, not as decoded bytes: base64 decoders ignore the unused low bits of the
        // last character, and a state must have exactly one spelling.
        byte[] presented = parts[4].getBytes(StandardCharsets.US_ASCII);
        boolean signed = false;
        for (byte[] key : verificationKeys) {
            // Every key is tried, whatever matched, so the time taken says nothing about which did.
            signed |= MessageDigest.isEqual(ENCODER.encodeToString(hmac(key, payload)).getBytes(StandardCharsets.US_ASCII),
                    presented);
        }
        if (!signed) {
            return new Verification.Tampered();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        if (!clock.instant().isBefore(expiresAt)) {
            return new Verification.Expired(expiresAt);
        }
        if (sessionValue == null || sessionValue.isEmpty()) {
            return new Verification.WrongSession(true);
        }
        if (!MessageDigest.isEqual(sessionHash(sessionValue).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return new Verification.WrongSession(false);
        }
        return new Verification.Valid(new Claims(parts[1], expiresAt, parts[3]));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "SignedState[" + verificationKeys.size() + " verification key(s)]";
    }
}
