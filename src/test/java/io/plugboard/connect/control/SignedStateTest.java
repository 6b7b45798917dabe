package io.plugboard.connect.control;

import io.plugboard.connect.control.SignedState.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedStateTest {

    private static final byte[] ENCRYPTION_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String CONNECT_ID = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String SESSION = "c2Vzc2lvbi12YWx1ZS1vZi0zMi1ieXRlcy1leGFjdGx5";
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private static SignedState at(Instant instant) {
        byte[] key = SignedState.deriveKey(ENCRYPTION_KEY);
        return new SignedState(key, List.of(key), Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void aFreshStateIsValidInItsBrowser() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);

        Verification verification = at(NOW.plusSeconds(60)).verify(state, SESSION);

        Verification.Valid valid = assertInstanceOf(Verification.Valid.class, verification);
        assertEquals(CONNECT_ID, valid.claims().connectId());
        assertEquals(NOW.plus(LIFETIME), valid.claims().expiresAt());
        assertEquals(SignedState.sessionHash(SESSION), valid.claims().sessionHash());
    }

    @Test
    void theStateIsUrlSafeAndCarriesNoSessionValue() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        assertTrue(Pattern.compile("[A-Za-z0-9._-]+").matcher(state).matches(), state);
        assertFalse(state.contains(SESSION));
        assertTrue(state.startsWith("v1." + CONNECT_ID + "."), state);
    }

    @Test
    void everyAlteredCharacterIsDetected() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        SignedState verifier = at(NOW);
        for (int i = 0; i < state.length(); i++) {
            char original = state.charAt(i);
            char replacement = original == 'A' ? 'B' : 'A';
            String tampered = state.substring(0, i) + replacement + state.substring(i + 1);
            assertInstanceOf(Verification.Tampered.class, verifier.verify(tampered, SESSION), "position " + i);
        }
    }

    @Test
    void aLaterExpiryCannotBeWrittenIn() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        String[] parts = state.split("\\.");
        parts[2] = Long.toString(Long.parseLong(parts[2]) + 3600);
        assertInstanceOf(Verification.Tampered.class, at(NOW.plus(LIFETIME)).verify(String.join(".", parts), SESSION));
    }

    @Test
    void malformedStatesAreRejectedWithoutFuss() {
        SignedState verifier = at(NOW);
        for (String state : Arrays.asList(null, "", "instagram", "v1", "v1....", "v2.a.b.c.d",
                "v1." + CONNECT_ID + ".notanumber." + "A".repeat(43) + "." + "A".repeat(43), "x".repeat(10_000))) {
            assertInstanceOf(Verification.Tampered.class, verifier.verify(state, SESSION), String.valueOf(state));
        }
    }

    @Test
    void aStateSignedWithAnotherKeyIsTampered() {
        byte[] otherKey = SignedState.deriveKey(OTHER_KEY);
        String foreign = new SignedState(otherKey, List.of(otherKey), Clock.fixed(NOW, ZoneOffset.UTC))
                .issue(CONNECT_ID, SESSION, LIFETIME);
        assertInstanceOf(Verification.Tampered.class, at(NOW).verify(foreign, SESSION));
    }

    @Test
    void aPreviousKeyStillVerifiesDuringARotation() {
        byte[] previous = SignedState.deriveKey(ENCRYPTION_KEY);
        byte[] current = SignedState.deriveKey(OTHER_KEY);
        String issuedBefore = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        SignedState afterRotation = new SignedState(current, List.of(current, previous), Clock.fixed(NOW, ZoneOffset.UTC));
        assertInstanceOf(Verification.Valid.class, afterRotation.verify(issuedBefore, SESSION));
    }

    @Test
    void theStateKeyIsDerivedNotTheEncryptionKeyItself() {
        byte[] derived = SignedState.deriveKey(ENCRYPTION_KEY);
        assertEquals(32, derived.length);
        assertFalse(Arrays.equals(ENCRYPTION_KEY, derived));
        assertTrue(Arrays.equals(derived, SignedState.deriveKey(ENCRYPTION_KEY.clone())), "deterministic: same on every node");
        assertFalse(Arrays.equals(derived, SignedState.deriveKey(OTHER_KEY)));
    }

    @Test
    void expiresAtTheEndOfItsLifetime() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        assertInstanceOf(Verification.Valid.class, at(NOW.plus(LIFETIME).minusSeconds(1)).verify(state, SESSION));
        Verification.Expired expired = assertInstanceOf(Verification.Expired.class,
                at(NOW.plus(LIFETIME)).verify(state, SESSION));
        assertEquals(NOW.plus(LIFETIME), expired.expiredAt());
        assertInstanceOf(Verification.Expired.class, at(NOW.plus(Duration.ofDays(1))).verify(state, SESSION));
    }

    @Test
    void aTinyLifetimeExpiresAlmostAtOnce() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, Duration.ofSeconds(1));
        assertInstanceOf(Verification.Expired.class, at(NOW.plusSeconds(1)).verify(state, SESSION));
    }

    @Test
    void anotherBrowsersCookieIsTheWrongSession() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        Verification.WrongSession wrong = assertInstanceOf(Verification.WrongSession.class,
                at(NOW).verify(state, "b3RoZXItc2Vzc2lvbi12YWx1ZS1vZi0zMi1ieXRlcy1leGE"));
        assertFalse(wrong.cookieMissing());
    }

    @Test
    void noCookieIsTheWrongSession() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        assertTrue(assertInstanceOf(Verification.WrongSession.class, at(NOW).verify(state, null)).cookieMissing());
        assertTrue(assertInstanceOf(Verification.WrongSession.class, at(NOW).verify(state, "")).cookieMissing());
    }

    @Test
    void expiryIsReportedBeforeTheSession() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        assertInstanceOf(Verification.Expired.class, at(NOW.plus(LIFETIME)).verify(state, "another"));
    }

    /**
     * A signed state cannot know it was used: the same state verifies again until it expires.
     * Single use is the database's job (PendingConnects.claim flips the row's used flag once);
     * HostedConnectIT replays a callback against the running hub.
     */
    @Test
    void replayIsNotDetectableFromTheStateAlone() {
        String state = at(NOW).issue(CONNECT_ID, SESSION, LIFETIME);
        SignedState verifier = at(NOW.plusSeconds(5));
        assertInstanceOf(Verification.Valid.class, verifier.verify(state, SESSION));
        assertInstanceOf(Verification.Valid.class, verifier.verify(state, SESSION));
    }

    @Test
    void twoStatesForOneConnectDifferOnlyIfTheirInputsDo() {
        SignedState signer = at(NOW);
        assertEquals(signer.issue(CONNECT_ID, SESSION, LIFETIME), signer.issue(CONNECT_ID, SESSION, LIFETIME));
        assertNotEquals(signer.issue(CONNECT_ID, SESSION, LIFETIME), signer.issue("BBBBBBBBBBBBBBBBBBBBBB", SESSION, LIFETIME));
    }
}
