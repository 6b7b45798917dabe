package io.plugboard.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether this node may answer from what it remembers of the database (its per-node caches) right
 * now. Each cache asks {@link #current()} before it reads or stores, and reads the database
 * instead while the answer is no.
 *
 * <p>With the embedded H2 database there is one node, whose own writes drop its caches directly:
 * always yes. With PostgreSQL other nodes write too, and their changes arrive only through
 * {@link ChangeRelay}'s listening connection. A change made while that connection is down is never
 * announced here, so the caches are trusted only while the connection is known to be up: the relay
 * confirms it with a round trip at least every quarter of {@code plugboard.changes.max-silence-ms},
 * and after that much silence (a dead network, a stuck thread) or at once on a failure the caches
 * are bypassed until the relay is back and has dropped them. That keeps "a write is in force on
 * every node within a second" true during an outage, at the price of database reads meanwhile.
 */
@ApplicationScoped
public class CacheTrust {

    /** Where the change relay is; shown by the health check. */
    public enum State {
        /** The embedded database: nothing to listen to. */
        NOT_NEEDED,
        /** Not yet listening since the start. */
        CONNECTING,
        /** Listening; caches in use while round trips keep confirming it. */
        LISTENING,
        /** The connection failed; caches bypassed until it is back. */
        RECONNECTING
    }

    @Inject
    @ConfigProperty(name = "plugboard.db.url")
    Optional<String> databaseUrl;

    @Inject
    @ConfigProperty(name = "plugboard.changes.max-silence-ms", defaultValue = "500")
    long maxSilenceMillis;

    LongSupplier clock = System::nanoTime;

    private volatile boolean needed;
    private volatile State state = State.NOT_NEEDED;
    private volatile long aliveAtNanos;
    private volatile Instant since = Instant.now();

    @PostConstruct
    void decide() {
        needed = PlugboardDataSource.isPostgreSql(databaseUrl.orElse(null));
        state = needed ? State.CONNECTING : State.NOT_NEEDED;
    }

    /** True when the node must listen for other nodes' changes (PostgreSQL). */
    public boolean needed() {
        return needed;
    }

    /** True when the caches may be used: one node, or listening and heard from recently enough. */
    public boolean current() {
        if (!needed) {
            return true;
        }
        return state == State.LISTENING && clock.getAsLong() - aliveAtNanos <= TimeUnit.MILLISECONDS.toNanos(maxSilenceMillis);
    }

    public State state() {
        return state;
    }

    public Instant since() {
        return since;
    }

    /** How often the relay must confirm its connection for the caches to stay in use. */
    long confirmEveryMillis() {
        return Math.max(10, maxSilenceMillis / 4);
    }

    long now() {
        return clock.getAsLong();
    }

    /**
     * The relay listens (its {@code LISTEN} was in place at {@code sentAtNanos}) and has dropped
     * the caches. Returns true when this is a change of state.
     */
    boolean listening(long sentAtNanos) {
        aliveAtNanos = sentAtNanos;
        return moveTo(State.LISTENING);
    }

    /** A round trip sent at {@code sentAtNanos} came back: every notice committed before it has arrived. */
    void alive(long sentAtNanos) {
        aliveAtNanos = sentAtNanos;
    }

    /** The connection failed: bypass the caches at once. Returns true when this is a change of state. */
    boolean lost() {
        return moveTo(State.RECONNECTING);
    }

    private boolean moveTo(State next) {
        if (state == next) {
            return false;
        }
        state = next;
        since = Instant.now();
        return true;
    }
}
