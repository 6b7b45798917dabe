package io.plugboard.platform.persistence;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule that keeps a change in force within a second during a relay outage: no cache while unheard. */
class CacheTrustTest {

    @Test
    void theEmbeddedDatabaseNeedsNoRelay() {
        CacheTrust trust = new CacheTrust();
        trust.databaseUrl = Optional.empty();
        trust.decide();
        assertFalse(trust.needed());
        assertTrue(trust.current());
        assertEquals(CacheTrust.State.NOT_NEEDED, trust.state());
    }

    @Test
    void onPostgreSqlCachesWaitForTheRelay() {
        TestCacheTrust clock = new TestCacheTrust();
        assertTrue(clock.trust.needed());
        assertEquals(CacheTrust.State.CONNECTING, clock.trust.state());
        assertFalse(clock.trust.current());
        clock.listening();
        assertTrue(clock.trust.current());
        assertEquals(CacheTrust.State.LISTENING, clock.trust.state());
    }

    @Test
    void silenceLongerThanTheBoundBypassesTheCaches() {
        TestCacheTrust clock = new TestCacheTrust();
        clock.listening();
        clock.advanceMillis(500);
        assertTrue(clock.trust.current(), "500 ms is still within the bound");
        clock.advanceMillis(1);
        assertFalse(clock.trust.current());
        clock.alive();
        assertTrue(clock.trust.current());
    }

    @Test
    void aLostConnectionBypassesAtOnceUntilListeningAgain() {
        TestCacheTrust clock = new TestCacheTrust();
        clock.listening();
        clock.lost();
        assertFalse(clock.trust.current());
        assertEquals(CacheTrust.State.RECONNECTING, clock.trust.state());
        clock.alive();   // a late round trip of the dead connection does not bring the caches back
        assertFalse(clock.trust.current());
        clock.listening();
        assertTrue(clock.trust.current());
    }

    @Test
    void theRelayConfirmsFourTimesPerBound() {
        CacheTrust trust = new CacheTrust();
        trust.maxSilenceMillis = 500;
        assertEquals(125, trust.confirmEveryMillis());
    }
}
