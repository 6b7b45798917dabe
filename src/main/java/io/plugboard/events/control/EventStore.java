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
 * in the caller's transaction (or a new one), due for delivery at once. Once that transaction
 * commits, this node's dispatcher is nudged so delivery starts without waiting for its next pass;
 * every other node finds the rows on its own pass.
 */
@ApplicationScoped
public class EventStore {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    Event<EventsStored> stored;
    @Inject
    EventMetrics metrics;

    /** Which instance the notifications are for. */
    public record Recipient(long organizationId, long instanceId, String elementKey) {
    }

    /** Raised after the storing transaction commits (observers use {@code TransactionPhase.AFTER_SUCCESS}). */
    public record EventsStored(int count) {
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
            stored.fire(new EventsStored(rows.size()));
            metrics.stored(origin.name().toLowerCase(java.util.Locale.ROOT), rows.size());
        }
        return rows.stream().map(ProviderEvent::getId).toList();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
