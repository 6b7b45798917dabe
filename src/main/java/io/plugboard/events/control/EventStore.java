package io.plugboard.events.control;

import io.plugboard.events.entity.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Where accepted changes become durable: one {@link ProviderEvent} row per notification, written
 * in the caller's transaction (or a new one), due for delivery at once.
 *
 * <p>When this node's dispatcher has room, the rows are born claimed by it (leased, as a claim from
 * the database would leave them) and handed to it in memory once the transaction commits, so
 * delivery starts at once without a round trip to claim them. If the node dies first, the lease
 * runs out and any node claims them from the database; if the transaction rolls back, the room is
 * given back and nothing is handed over. Without room, the rows are left due for any node's pass.
 */
@ApplicationScoped
public class EventStore {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    Event<EventsStored> stored;
    @Inject
    EventMetrics metrics;
    @Inject
    EventDispatcher dispatcher;

    /** Which instance the notifications are for. */
    public record Recipient(long organizationId, long instanceId, String elementKey) {
    }

    /**
     * Raised when events were stored, or made due again: observed after the commit (the hand-over
     * to this node's dispatcher) or after a rollback (its room given back). {@code handedOff} are
     * the events leased to this node's dispatcher; the others wait in the database.
     */
    record EventsStored(int count, List<DeliveryClaims.Claimed> handedOff) {

        /** Events made due in the database only: this node's dispatcher looks for them at once. */
        static EventsStored inDatabase(int count) {
            return new EventsStored(count, List.of());
        }
    }

    /** Stores the notifications; returns their event ids in order. */
    @Transactional
    public List<Long> store(Recipient recipient, ProviderEvent.Origin origin, List<Notification> notifications) {
        OffsetDateTime now = now();
        List<ProviderEvent> rows = new ArrayList<>(notifications.size());
        for (Notification notification : notifications) {
            ProviderEvent row = new ProviderEvent(recipient.organizationId(), recipient.instanceId(), recipient.elementKey(),
                    origin, Change.toJson(notification.changes(), recipient.elementKey()), notification.raw(), now);
            em.persist(row);
            rows.add(row);
        }
        if (!rows.isEmpty()) {
            List<DeliveryClaims.Claimed> handedOff = dispatcher.leaseEnd(rows, now)
                    .map(leaseEnd -> rows.stream().map(row -> {
                        row.claimUntil(leaseEnd);
                        return DeliveryClaims.Claimed.of(row, leaseEnd);
                    }).toList())
                    .orElse(List.of());
            stored.fire(new EventsStored(rows.size(), handedOff));
            metrics.stored(origin.name().toLowerCase(java.util.Locale.ROOT), rows.size());
        }
        return rows.stream().map(ProviderEvent::getId).toList();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
