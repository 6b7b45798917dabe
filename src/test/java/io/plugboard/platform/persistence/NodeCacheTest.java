package io.plugboard.platform.persistence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-node copy: kept until a write is announced, never kept from a read that raced a write or found nothing. */
class NodeCacheTest {

    private final AtomicInteger reads = new AtomicInteger();
    private String stored = "v1";

    private String read(long id) {
        reads.incrementAndGet();
        return stored;
    }

    @Test
    void aValueIsReadOnceUntilItsKeyIsForgotten() {
        NodeCache<Long, String> cache = new NodeCache<>(new CacheTrust(), Duration.ofSeconds(10), 100);
        assertEquals("v1", cache.get(1L, this::read));
        assertEquals("v1", cache.get(1L, this::read));
        assertEquals(1, reads.get());
        stored = "v2";
        cache.forget(2L);
        assertEquals("v1", cache.get(1L, this::read), "another key's write leaves this one");
        cache.forget(1L);
        assertEquals("v2", cache.get(1L, this::read));
        stored = "v3";
        cache.forgetAll();
        assertEquals("v3", cache.get(1L, this::read));
        assertEquals(3, reads.get());
    }

    @Test
    void aReadThatRacedAWriteIsAnsweredButNotKept() {
        NodeCache<Long, String> cache = new NodeCache<>(new CacheTrust(), Duration.ofSeconds(10), 100);
        assertEquals("v1", cache.get(1L, id -> {
            String seen = read(id);
            stored = "v2";
            cache.forget(1L);   // the write committed while this read ran
            return seen;
        }));
        assertEquals("v2", cache.get(1L, this::read));
        assertEquals(2, reads.get());
    }

    @Test
    void nothingFoundIsNeverKept() {
        NodeCache<Long, String> cache = new NodeCache<>(new CacheTrust(), Duration.ofSeconds(10), 100);
        stored = null;
        assertNull(cache.get(1L, this::read));
        stored = "created";
        assertEquals("created", cache.get(1L, this::read));
        assertEquals(2, reads.get());
    }

    @Test
    void whatToKeepIsTheCallersChoice() {
        NodeCache<Long, String> cache = new NodeCache<>(new CacheTrust(), Duration.ofSeconds(10), 100);
        assertEquals("not found", cache.load(1L, () -> "not found", answer -> null));
        assertTrue(cache.current(1L).isEmpty());
        assertEquals("found", cache.load(1L, () -> "found", answer -> answer.toUpperCase()));
        assertEquals("FOUND", cache.current(1L).orElseThrow());
    }

    @Test
    void zeroSecondsTurnsItOff() {
        NodeCache<Long, String> cache = new NodeCache<>(new CacheTrust(), Duration.ZERO, 100);
        cache.get(1L, this::read);
        cache.get(1L, this::read);
        assertEquals(2, reads.get());
    }

    @Test
    void nothingIsUsedOrKeptWhileOtherNodesChangesMayBeMissed() {
        TestCacheTrust clock = new TestCacheTrust();
        NodeCache<Long, String> cache = new NodeCache<>(clock.trust, Duration.ofSeconds(10), 100);
        cache.get(1L, this::read);
        cache.get(1L, this::read);
        assertEquals(2, reads.get(), "not listening yet");
        clock.listening();
        cache.get(1L, this::read);
        cache.get(1L, this::read);
        assertEquals(3, reads.get(), "listening");
        clock.advanceMillis(600);
        cache.get(1L, this::read);
        assertEquals(4, reads.get(), "silent for longer than allowed");
    }
}
