package io.plugboard.platform.persistence;

import java.util.Optional;

/** A {@link CacheTrust} as on PostgreSQL, on a clock the test moves, for the caches' unit tests. */
public final class TestCacheTrust {

    public final CacheTrust trust = new CacheTrust();
    private long now;

    public TestCacheTrust() {
        trust.databaseUrl = Optional.of("jdbc:postgresql://db/plugboard");
        trust.maxSilenceMillis = 500;
        trust.clock = () -> now;
        trust.decide();
    }

    public void advanceMillis(long millis) {
        now += millis * 1_000_000L;
    }

    /** The relay listens (as of now) and has dropped the caches. */
    public void listening() {
        trust.listening(now);
    }

    /** A round trip sent now came back. */
    public void alive() {
        trust.alive(now);
    }

    public void lost() {
        trust.lost();
    }
}
