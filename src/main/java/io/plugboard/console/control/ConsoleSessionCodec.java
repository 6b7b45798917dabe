package io.plugboard.console.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's session cookie, its CSRF token and the notice carried over a redirect, signed so
 * that any node holding the same key accepts what another node issued, with nothing remembered
 * in between. This is what lets a console session work behind a plain round-robin load balancer.
 *
 * <p>Cookie format: {@code v1.<id>.<organization>.<user>.<credentials>.<issued>.<idle expiry>.<expiry>.<signature>},
 * times in epoch seconds, the signature base64url HMAC-SHA256 over everything before it. It
 * holds ids, times and a keyed fingerprint of the stored secret digests, never a secret, so
 * reading a cookie gives away nothing. Every character is cookie-safe and URL-safe.
 *
 * <p>Two expiries: the idle one moves forward as the session is used ({@link #renewal}), the
 * absolute one never moves, so a stolen cookie kept alive by use still dies. The signature lets
 * a node turn away forged, altered and foreign-key cookies without a database read; whether the
 * user still exists and the secrets are unchanged is the database's to say
 * ({@link ConsoleFacade#sessionCaller}).
 *
 * <p>Keys: new cookies are signed with the signing key; presented ones are checked against every
 * verification key (all of them, whatever matched, so timing says nothing), which lets the key
 * from which they derive rotate without signing everybody out. {@link #deriveKey} turns an
 * encryption key into a signing key with a fixed label, so the cookie key is never the key that
 * encrypts credentials.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConsoleSessionCodec {

    /** The derivation label; changing it signs every console user out. */
    static final String KEY_LABEL = "plugboard-console-session";
    static final String VERSION = "v1";
    /** A session is re-issued with a later idle expiry at most this often, not on every request. */
    static final Duration RENEW_AFTER = Duration.ofMinutes(1);

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern MAC = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern TEXT = Pattern.compile("[A-Za-z0-9_-]{1,2800}");
    /** Longer than any cookie or token this class issues: a bound on the work input causes. */
    private static final int MAX_LENGTH = 4000;

    private final byte[] signingKey;
    private final List<byte[]> verificationKeys;
    private final Duration idleTimeout;
    private final Duration maximumAge;
    private final Clock clock;

    /** What a presented cookie came to. */
    public sealed interface Verification {
        /** Issued by a node with one of our keys, and not expired. */
        record Valid(ConsoleSession session) implements Verification {
        }

        /** Not a cookie any key of ours signed: malformed, altered, or signed with another key. */
        record Tampered() implements Verification {
        }

        /** Genuine, but idle for too long or past its absolute expiry. */
        record Expired(Instant expiredAt) implements Verification {
        }
    }

    /** What a form's CSRF token came to, for the session that posted it. */
    public enum CsrfCheck {
        /** Issued for this session. */
        VALID,
        /** Issued by us, but for another session of this browser (a form from before a sign-out). */
        OTHER_SESSION,
        /** Missing, malformed or not signed by us: a forged request. */
        FORGED
    }

    /**
     * @param signingKey       the key new cookies are signed with
     * @param verificationKeys the keys a presented cookie may be signed with (the signing key included)
     * @param idleTimeout      how long an unused session lives
     * @param maximumAge       how long a session lives however much it is used
     */
    public ConsoleSessionCodec(byte[] signingKey, List<byte[]> verificationKeys, Duration idleTimeout,
                               Duration maximumAge, Clock clock) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey").clone();
        this.verificationKeys = verificationKeys.stream().map(byte[]::clone).toList();
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maximumAge.isNegative() || maximumAge.isZero()) {
            throw new IllegalArgumentException("Session lifetimes must be positive");
        }
        this.idleTimeout = idleTimeout;
        this.maximumAge = maximumAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cookie-signing key derived from an encryption key: HMAC-SHA256(key, "plugboard-console-session"). */
    public static byte[] deriveKey(byte[] encryptionKey) {
        return hmac(encryptionKey, KEY_LABEL);
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** A new session for a user who just signed in, with a new random id. */
    public ConsoleSession start(long organizationId, long userId, String credentials) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Instant now = clock.instant();
        Instant expires = now.plus(maximumAge);
        Instant idle = min(now.plus(idleTimeout), expires);
        return new ConsoleSession(ENCODER.encodeToString(id), organizationId, userId, credentials,
                now, idle, expires);
    }

    /** The cookie value of a session. */
    public String encode(ConsoleSession session) {
        if (!ID.matcher(session.id()).matches() || !ID.matcher(session.credentials()).matches()) {
            throw new IllegalArgumentException("Not a session this codec issued");
        }
        String payload = String.join(".", VERSION, session.id(), Long.toString(session.organizationId()),
                Long.toString(session.userId()), session.credentials(),
                Long.toString(session.issuedAt().getEpochSecond()), Long.toString(session.idleExpiresAt().getEpochSecond()),
                Long.toString(session.expiresAt().getEpochSecond()));
        return payload + "." + mac(signingKey, payload);
    }

    /** Checks a presented cookie value: form and signature first, then both expiries. */
    public Verification verify(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return new Verification.Tampered();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 9 || !VERSION.equals(parts[0]) || !ID.matcher(parts[1]).matches()
                || !NUMBER.matcher(parts[2]).matches() || !NUMBER.matcher(parts[3]).matches()
                || !ID.matcher(parts[4]).matches() || !NUMBER.matcher(parts[5]).matches()
                || !NUMBER.matcher(parts[6]).matches() || !NUMBER.matcher(parts[7]).matches()
                || !MAC.matcher(parts[8]).matches()) {
            return new Verification.Tampered();
        }
        if (!signedByUs(value.substring(0, value.lastIndexOf('.')), parts[8])) {
            return new Verification.Tampered();
        }
        ConsoleSession session = new ConsoleSession(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), parts[4],
                Instant.ofEpochSecond(Long.parseLong(parts[5])), Instant.ofEpochSecond(Long.parseLong(parts[6])),
                Instant.ofEpochSecond(Long.parseLong(parts[7])));
        Instant now = clock.instant();
        Instant ends = min(session.idleExpiresAt(), session.expiresAt());
        if (!now.isBefore(ends)) {
            return new Verification.Expired(ends);
        }
        return new Verification.Valid(session);
    }

    /**
     * The session with its idle expiry pushed to a full idle timeout from now (never past the
     * absolute expiry), when the last renewal is at least {@link #RENEW_AFTER} old; otherwise
     * empty, so a busy page does not set a cookie on every request.
     */
    public Optional<ConsoleSession> renewal(ConsoleSession session) {
        Instant now = clock.instant();
        Instant lastRenewed = session.idleExpiresAt().minus(idleTimeout);
        Instant renewed = min(now.plus(idleTimeout), session.expiresAt());
        if (now.isBefore(lastRenewed.plus(RENEW_AFTER)) || !renewed.isAfter(session.idleExpiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new ConsoleSession(session.id(), session.organizationId(), session.userId(),
                session.credentials(), session.issuedAt(), renewed, session.expiresAt()));
    }

    /**
     * The same session bound to other credentials: for the user who just replaced one of their
     * own secrets in the console and must stay signed in. Same id (the page's CSRF token stays
     * valid) and the same expiries (a rotation never lengthens a session).
     */
    public ConsoleSession withCredentials(ConsoleSession session, String credentials) {
        return new ConsoleSession(session.id(), session.organizationId(), session.userId(), credentials,
                session.issuedAt(), session.idleExpiresAt(), session.expiresAt());
    }

    /**
     * The fingerprint a session carries of the stored secret digests: the first 128 bits of an
     * HMAC under the signing key, so it says nothing about the digests (or a weak chosen secret)
     * to whoever reads the cookie, and changes whenever either secret is replaced.
     */
    public String credentialsVersion(String organizationSecretDigest, String userSecretDigest) {
        return credentialsVersion(signingKey, organizationSecretDigest, userSecretDigest);
    }

    /** Whether a session's fingerprint matches these digests under any of our keys. */
    public boolean credentialsMatch(ConsoleSession session, String organizationSecretDigest, String userSecretDigest) {
        byte[] presented = session.credentials().getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (byte[] key : verificationKeys) {
            matches |= MessageDigest.isEqual(credentialsVersion(key, organizationSecretDigest, userSecretDigest)
                    .getBytes(StandardCharsets.US_ASCII), presented);
        }
        return matches;
    }

    private static String credentialsVersion(byte[] key, String organizationSecretDigest, String userSecretDigest) {
        byte[] full = hmac(key, "credentials\n" + organizationSecretDigest + "\n" + userSecretDigest);
        byte[] half = new byte[16];
        System.arraycopy(full, 0, half, 0, half.length);
        return ENCODER.encodeToString(half);
    }

    /**
     * The CSRF token of a session's forms: {@code <session id>.<HMAC of it>}. A cross-site page
     * cannot read it (it is in the console's pages only, and the session id in the HttpOnly
     * cookie); carrying the id lets a form left from an earlier session be told from a forgery.
     */
    public String csrfToken(ConsoleSession session) {
        return session.id() + "." + mac(signingKey, "csrf\n" + session.id());
    }

    public CsrfCheck checkCsrf(String token, ConsoleSession session) {
        if (token == null || token.length() > MAX_LENGTH) {
            return CsrfCheck.FORGED;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 2 || !ID.matcher(parts[0]).matches() || !MAC.matcher(parts[1]).matches()
                || !signedByUs("csrf\n" + parts[0], parts[1])) {
            return CsrfCheck.FORGED;
        }
        return MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.US_ASCII),
                session.id().getBytes(StandardCharsets.US_ASCII)) ? CsrfCheck.VALID : CsrfCheck.OTHER_SESSION;
    }

    /**
     * A short text sealed for {@code lifetime}, for a cookie that carries a notice over a redirect
     * (what the Faces flash did in one node's memory): signed, so no other site can plant text in
     * the console's pages.
     */
    public String seal(String text, Duration lifetime) {
        String payload = "n1." + clock.instant().plus(lifetime).getEpochSecond() + "."
                + ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return payload + "." + mac(signingKey, "notice\n" + payload);
    }

    /** The text of a sealed value, if we sealed it and it has not expired. */
    public Optional<String> open(String sealed) {
        if (sealed == null || sealed.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 4 || !"n1".equals(parts[0]) || !NUMBER.matcher(parts[1]).matches()
                || !TEXT.matcher(parts[2]).matches() || !MAC.matcher(parts[3]).matches()
                || !signedByUs("notice\n" + sealed.substring(0, sealed.lastIndexOf('.')), parts[3])
                || !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(DECODER.decode(parts[2]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean signedByUs(String payload, String presentedMac) {
        // Compared as text, not decoded bytes: a decoder ignores the unused low bits of the last
        // character, and a signature must have exactly one spelling.
        byte[] presented = presentedMac.getBytes(StandardCharsets.US_ASCII);
        boolean signed = false;
        for (byte[] key : verificationKeys) {
            signed |= MessageDigest.isEqual(mac(key, payload).getBytes(StandardCharsets.US_ASCII), presented);
        }
        return signed;
    }

    private static String mac(byte[] key, String payload) {
        return ENCODER.encodeToString(hmac(key, payload));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return "ConsoleSessionCodec[" + verificationKeys.size() + " verification key(s)]";
    }
}
