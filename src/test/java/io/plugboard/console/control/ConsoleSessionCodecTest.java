package io.plugboard.console.control;

import io.plugboard.console.control.ConsoleSessionCodec.CsrfCheck;
import io.plugboard.console.control.ConsoleSessionCodec.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleSessionCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration MAX = Duration.ofHours(12);

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();

    private ConsoleSessionCodec codec(byte[] signing, byte[]... verifying) {
        return new ConsoleSessionCodec(signing, List.of(verifying), IDLE, MAX, clock);
    }

    private ConsoleSession session(ConsoleSessionCodec codec) {
        return codec.start(7, 42, codec.credentialsVersion("org-digest", "user-digest"));
    }

    @Test
    void aSignedCookieVerifiesToTheSameSession() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        ConsoleSession session = session(codec);
        String cookie = codec.encode(session);
        Verification verified = codec.verify(cookie);
        ConsoleSession back = assertInstanceOf(Verification.Valid.class, verified).session();
        assertEquals(session, back);
        assertEquals(7, back.organizationId());
        assertEquals(42, back.userId());
        assertEquals(T0.plus(IDLE), back.idleExpiresAt());
        assertEquals(T0.plus(MAX), back.expiresAt());
        assertTrue(cookie.matches("[A-Za-z0-9._-]+"), "cookie- and URL-safe: " + cookie);
    }

    @Test
    void anotherNodeWithTheSameKeyAcceptsTheCookie() {
        String cookie = codec(KEY, KEY).encode(session(codec(KEY, KEY)));
        assertInstanceOf(Verification.Valid.class, new ConsoleSessionCodec(KEY.clone(), List.of(KEY.clone()), IDLE, MAX, clock)
                .verify(cookie));
    }

    @Test
    void theCookieNamesNoSecretAndEverySessionHasItsOwnId() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        ConsoleSession a = session(codec);
        ConsoleSession b = session(codec);
        assertNotEquals(a.id(), b.id());
        String cookie = codec.encode(a);
        assertFalse(cookie.contains("org-digest") || cookie.contains("user-digest"));
        assertEquals(9, cookie.split("\\.").length);
    }

    @Test
    void anyChangedCharacterIsTampering() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        String cookie = codec.encode(session(codec));
        for (int i = 0; i < cookie.length(); i++) {
            char c = cookie.charAt(i);
            char swapped = c == 'A' ? 'B' : c == '1' ? '2' : c == '.' ? '_' : 'A';
            String altered = cookie.substring(0, i) + swapped + cookie.substring(i + 1);
            assertInstanceOf(Verification.Tampered.class, codec.verify(altered), "position " + i + ": " + altered);
        }
        // Another user's id with the old signature.
        String[] parts = cookie.split("\\.");
        parts[3] = "1";
        assertInstanceOf(Verification.Tampered.class, codec.verify(String.join(".", parts)));
        assertInstanceOf(Verification.Tampered.class, codec.verify(""));
        assertInstanceOf(Verification.Tampered.class, codec.verify(null));
        assertInstanceOf(Verification.Tampered.class, codec.verify("x".repeat(5000)));
    }

    @Test
    void aCookieSignedWithAnotherKeyIsRefused() {
        String foreign = codec(OTHER_KEY, OTHER_KEY).encode(session(codec(OTHER_KEY, OTHER_KEY)));
        assertInstanceOf(Verification.Tampered.class, codec(KEY, KEY).verify(foreign));
    }

    @Test
    void aPreviousKeyStillVerifiesDuringARotation() {
        String old = codec(OTHER_KEY, OTHER_KEY).encode(session(codec(OTHER_KEY, OTHER_KEY)));
        assertInstanceOf(Verification.Valid.class, codec(KEY, KEY, OTHER_KEY).verify(old));
    }

    @Test
    void anUnusedSessionExpiresAfterTheIdleTimeout() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        String cookie = codec.encode(session(codec));
        clock.now = T0.plus(IDLE).minusSeconds(1);
        assertInstanceOf(Verification.Valid.class, codec.verify(cookie));
        clock.now = T0.plus(IDLE);
        Verification.Expired expired = assertInstanceOf(Verification.Expired.class, codec.verify(cookie));
        assertEquals(T0.plus(IDLE), expired.expiredAt());
    }

    @Test
    void useRenewsTheIdleExpiryButNotOnEveryRequest() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        ConsoleSession session = session(codec);
        clock.now = T0.plusSeconds(30);
        assertEquals(Optional.empty(), codec.renewal(session), "renewed less than a minute ago: no new cookie");
        clock.now = T0.plus(Duration.ofMinutes(20));
        ConsoleSession renewed = codec.renewal(session).orElseThrow();
        assertEquals(clock.now.plus(IDLE), renewed.idleExpiresAt());
        assertEquals(session.id(), renewed.id(), "the same session, so its forms' CSRF token stays valid");
        assertEquals(session.issuedAt(), renewed.issuedAt());
        assertEquals(session.expiresAt(), renewed.expiresAt());

        String cookie = codec.encode(renewed);
        clock.now = T0.plus(Duration.ofMinutes(45)); // past the first idle expiry, within the renewed one
        assertInstanceOf(Verification.Valid.class, codec.verify(cookie));
        assertInstanceOf(Verification.Expired.class, codec.verify(codec.encode(session)), "the old cookie still ends on time");
    }

    @Test
    void renewalNeverPassesTheAbsoluteExpiry() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        ConsoleSession session = session(codec);
        // Used every 20 minutes for 12 hours.
        for (clock.now = T0; clock.now.isBefore(T0.plus(MAX)); clock.now = clock.now.plus(Duration.ofMinutes(20))) {
            assertInstanceOf(Verification.Valid.class, codec.verify(codec.encode(session)), clock.now::toString);
            session = codec.renewal(session).orElse(session);
            assertFalse(session.idleExpiresAt().isAfter(T0.plus(MAX)));
        }
        clock.now = T0.plus(MAX);
        Verification.Expired expired = assertInstanceOf(Verification.Expired.class, codec.verify(codec.encode(session)));
        assertEquals(T0.plus(MAX), expired.expiredAt());
    }

    @Test
    void theCredentialsVersionFollowsTheSecretDigests() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        ConsoleSession session = session(codec);
        assertTrue(codec.credentialsMatch(session, "org-digest", "user-digest"));
        assertFalse(codec.credentialsMatch(session, "org-digest", "rotated-user-digest"));
        assertFalse(codec.credentialsMatch(session, "rotated-org-digest", "user-digest"));
        assertNotEquals(codec.credentialsVersion("org-digest", "user-digest"),
                codec(OTHER_KEY, OTHER_KEY).credentialsVersion("org-digest", "user-digest"), "keyed");
        assertTrue(codec(OTHER_KEY, OTHER_KEY, KEY).credentialsMatch(session, "org-digest", "user-digest"),
                "a session from before a key rotation stays current");
    }

    @Test
    void theCsrfTokenBelongsToOneSession() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        ConsoleSession mine = session(codec);
        ConsoleSession other = session(codec);
        String token = codec.csrfToken(mine);
        assertEquals(CsrfCheck.VALID, codec.checkCsrf(token, mine));
        assertEquals(CsrfCheck.VALID, codec.checkCsrf(token, codec.renewal(mine).orElse(mine)));
        assertEquals(CsrfCheck.OTHER_SESSION, codec.checkCsrf(codec.csrfToken(other), mine));
        assertEquals(CsrfCheck.FORGED, codec.checkCsrf(null, mine));
        assertEquals(CsrfCheck.FORGED, codec.checkCsrf("", mine));
        assertEquals(CsrfCheck.FORGED, codec.checkCsrf(mine.id(), mine), "the bare session id is no token");
        assertEquals(CsrfCheck.FORGED, codec.checkCsrf(mine.id() + "." + "A".repeat(43), mine));
        assertEquals(CsrfCheck.FORGED, codec(OTHER_KEY, OTHER_KEY).checkCsrf(token, mine), "another key");
        assertFalse(token.contains(codec.encode(mine).substring(codec.encode(mine).lastIndexOf('.') + 1)),
                "the token does not reveal the cookie's signature");
    }

    @Test
    void aSealedNoticeOpensOnceSignedAndUntilItExpires() {
        ConsoleSessionCodec codec = codec(KEY, KEY);
        String sealed = codec.seal("SUCCESS:Deleted “Partner feed”.", Duration.ofSeconds(60));
        assertEquals(Optional.of("SUCCESS:Deleted “Partner feed”."), codec.open(sealed));
        assertEquals(Optional.empty(), codec(OTHER_KEY, OTHER_KEY).open(sealed));
        String[] parts = sealed.split("\\.");
        parts[2] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("ERROR:planted".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), codec.open(String.join(".", parts)));
        clock.now = T0.plusSeconds(60);
        assertEquals(Optional.empty(), codec.open(sealed));
    }

    @Test
    void theDerivedKeyIsNotTheEncryptionKey() {
        byte[] derived = ConsoleSessionCodec.deriveKey(KEY);
        assertEquals(32, derived.length);
        assertFalse(Arrays.equals(KEY, derived));
        assertArrayEquals(derived, ConsoleSessionCodec.deriveKey(KEY.clone()), "every node derives the same key");
        assertFalse(Arrays.equals(derived, io.plugboard.connect.control.SignedState.deriveKey(KEY)),
                "not the connect state's key either");
    }
}
