package io.plugboard.events.control;

import io.plugboard.events.control.DeliveryClaims.Claimed;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory hand-over to the dispatcher: bounded, given back on rollback, batched for the drain. */
class HandoverTest {

    private static List<Claimed> events(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new Claimed(id, 1, 2, "sample", "w" + id, "[]", "{}", 0,
                OffsetDateTime.now().plusMinutes(2))).toList();
    }

    private static List<String> raws(int count) {
        return Collections.nCopies(count, "{}");
    }

    @Test
    void roomIsBoundedAndComesBackWhenADrainTakesTheEvents() throws InterruptedException {
        Handover handover = new Handover(3, 100);
        assertTrue(handover.reserve(raws(2)));
        assertFalse(handover.reserve(raws(2)), "only one place left");
        handover.committed(events(1, 2));
        Handover.Taken taken = handover.take(50, 0);
        assertEquals(List.of(1L, 2L), taken.events().stream().map(Claimed::id).toList());
        assertFalse(taken.lookInDatabase());
        assertTrue(handover.reserve(raws(3)), "taken events free their room");
    }

    @Test
    void aRollbackGivesTheRoomBackAndHandsNothingOver() throws InterruptedException {
        Handover handover = new Handover(2, 100);
        assertTrue(handover.reserve(raws(2)));
        handover.rolledBack(events(1, 2));
        assertNull(handover.take(50, 0), "nothing was handed over");
        assertTrue(handover.reserve(raws(2)));
    }

    @Test
    void largePayloadsWaitInTheDatabase() {
        Handover handover = new Handover(10, 5);
        assertFalse(handover.reserve(List.of("{}", "{\"a\": 1}")));
        assertTrue(handover.reserve(List.of("{}", "{}")));
        assertTrue(handover.reserve(java.util.Arrays.asList((String) null)), "an event without raw data is small");
    }

    @Test
    void zeroCapacitySendsEverythingThroughTheDatabase() {
        assertFalse(new Handover(0, 100).reserve(raws(1)));
    }

    @Test
    void aDrainTakesAboutABatchAndIsToldToLookInTheDatabase() throws InterruptedException {
        Handover handover = new Handover(100, 100);
        handover.reserve(raws(5));
        handover.committed(events(1, 2));
        handover.committed(List.of());      // a redelivery made an event due in the database
        handover.committed(events(3, 4, 5));
        Handover.Taken first = handover.take(3, 0);
        assertEquals(List.of(1L, 2L), first.events().stream().map(Claimed::id).toList().subList(0, 2));
        assertTrue(first.lookInDatabase());
        assertEquals(5, first.events().size(), "a committed transaction's events are not split: 2 + 3");
        assertNull(handover.take(3, TimeUnit.MILLISECONDS.toNanos(1)));
    }
}
