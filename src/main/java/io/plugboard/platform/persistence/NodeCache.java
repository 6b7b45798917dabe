package io.plugboard.platform.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A per-node copy of values read from the database, correct on several nodes because it is
 * invalidated, not because it expires. The owning bean drops entries from its observers of the
 * write announcements ({@code InstanceChanged} and the like, at flush, after the commit, and when
 * relayed from another node) and drops everything on {@link DatabaseChangesMissed}.
 *
 * <p>Two rules make that enough. A read that was in flight while a write of its key happened is
 * not kept: each load notes the write generation of its key's stripe first and stores its result
 * only if no write has bumped it since. And while {@link CacheTrust} says this node may be missing
 * other nodes' announcements, nothing is used or stored. The time limit only bounds memory and is
 * a last safety net; zero turns the copy off.
 *
 * @param <K> the key, usually an id
 * @param <V> the value; a loader's null (nothing found) is answered but never kept
 */
public final class NodeCache<K, V> {

    private static final int STRIPES = 256;

    private final CacheTrust trust;
    private final boolean enabled;
    private final Cache<K, V> values;
    private final AtomicLongArray writeGenerations = new AtomicLongArray(STRIPES);

    public NodeCache(CacheTrust trust, Duration timeToLive, long maximumSize) {
        this.trust = trust;
        this.enabled = !timeToLive.isZero() && !timeToLive.isNegative();
        // Maintenance runs on the calling thread: no unmanaged pool threads in the container.
        this.values = Caffeine.newBuilder().expireAfterWrite(enabled ? timeToLive : Duration.ofSeconds(1))
                .maximumSize(maximumSize).executor(Runnable::run).build();
    }

    /** The current copy, if there is one and it may be used now. */
    public Optional<V> current(K key) {
        return usable() ? Optional.ofNullable(values.getIfPresent(key)) : Optional.empty();
    }

    /** The current copy, or the loader's answer, kept unless a write of the key raced the read. */
    public V get(K key, Function<K, V> loader) {
        Optional<V> cached = current(key);
        return cached.isPresent() ? cached.get() : load(key, loader);
    }

    /** Always reads, and keeps the answer as {@link #get} does (after a refresh, for instance). */
    public V load(K key, Function<K, V> loader) {
        return load(key, () -> loader.apply(key), Function.identity());
    }

    /**
     * Always reads; {@code kept} says what of the answer to keep (null: nothing, e.g. for a
     * not-found outcome), and it is kept unless a write of the key raced the read.
     */
    public <R> R load(K key, Supplier<R> read, Function<R, V> kept) {
        int stripe = stripe(key);
        long generation = writeGenerations.get(stripe);
        R answer = read.get();
        V value = answer == null ? null : kept.apply(answer);
        if (value != null && usable()) {
            // Atomic with forget(): stored only if no write of this stripe happened since the read began.
            values.asMap().compute(key, (k, previous) -> writeGenerations.get(stripe) == generation ? value : previous);
        }
        return answer;
    }

    /** A write of {@code key} was announced: drop its copy, and any read of it in flight. */
    public void forget(K key) {
        writeGenerations.incrementAndGet(stripe(key));
        values.invalidate(key);
    }

    /** A write that may touch every key (an element's definition), or announcements were missed. */
    public void forgetAll() {
        for (int i = 0; i < STRIPES; i++) {
            writeGenerations.incrementAndGet(i);
        }
        values.invalidateAll();
    }

    private boolean usable() {
        return enabled && trust.current();
    }

    private static int stripe(Object key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }
}
