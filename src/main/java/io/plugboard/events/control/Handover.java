package io.plugboard.events.control;

import io.plugboard.events.control.DeliveryClaims.Claimed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory way from a committed webhook (or poll) to this node's dispatcher: events leased to
 * this node at birth wait here instead of being claimed back from the database. Bounded in events
 * ({@code capacity}) and in payload size per event ({@code maxRawChars}), so memory stays bounded
 * under any load; what does not fit waits in the database, where every node's pass finds it.
 *
 * <p>Room is reserved while the events are being stored ({@link #reserve}), so a commit never has
 * to refuse them; it is given back when a drain takes them ({@link #take}) or when the storing
 * transaction rolls back ({@link #rolledBack}). A drain is also woken when events were made due in
 * the database on this node (a redelivery, a store without room), so it looks there at once.
 */
final class Handover {

    /** What a drain takes: handed-over events, and whether to look in the database too. */
    record Taken(List<Claimed> events, boolean lookInDatabase) {
    }

    /** On the queue (the only empty list there): no events, but some were made due in the database. */
    private static final List<Claimed> LOOK_IN_DATABASE = List.of();

    private final BlockingQueue<List<Claimed>> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final int maxRawChars;

    Handover(int capacity, int maxRawChars) {
        this.room = new Semaphore(Math.max(0, capacity));
        this.maxRawChars = maxRawChars;
    }

    /** Reserves room for events with these raw payloads; false when they should wait in the database. */
    boolean reserve(List<String> raws) {
        boolean small = raws.stream().allMatch(raw -> raw == null || raw.length() <= maxRawChars);
        return small && room.tryAcquire(raws.size());
    }

    /** The storing transaction committed: its leased events go to a drain; none leased means look in the database. */
    void committed(List<Claimed> leased) {
        queue.add(leased.isEmpty() ? LOOK_IN_DATABASE : List.copyOf(leased));
    }

    /** The storing transaction rolled back: the room it reserved is free again. */
    void rolledBack(List<Claimed> leased) {
        room.release(leased.size());
    }

    /**
     * Waits up to {@code timeoutNanos} for work, then takes whatever else is waiting, up to about
     * {@code batchSize} events (a webhook's events are never split). Null when nothing came.
     */
    Taken take(int batchSize, long timeoutNanos) throws InterruptedException {
        List<Claimed> first = queue.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        if (first == null) {
            return null;
        }
        List<Claimed> events = new ArrayList<>(first);
        boolean lookInDatabase = first.isEmpty();
        List<Claimed> next;
        while (events.size() < batchSize && (next = queue.poll()) != null) {
            lookInDatabase |= next.isEmpty();
            events.addAll(next);
        }
        room.release(events.size());
        return new Taken(events, lookInDatabase);
    }
}
