package io.plugboard.events.control;

import io.plugboard.events.entity.DeliveryAttempt;
import io.plugboard.events.entity.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The database side of delivery, each step its own short transaction: taking due events (row
 * locks skipped, not waited for, so nodes never take the same event and never queue behind each
 * other) and recording what an attempt came to. Nothing is held while the callback is called.
 */
@ApplicationScoped
class DeliveryClaims {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    /** An event taken for delivery, with everything its POST needs. */
    record Claimed(long id, long organizationId, long instanceId, String elementKey, String webhookId, String changes,
                   String raw, int attempts) {
        @Override
        public String toString() {
            return "Claimed[event=" + id + ", instance=" + instanceId + "]";
        }
    }

    /** What one attempt came to: a status code (or none) and an error text (or none). */
    record Result(Integer statusCode, String error, long durationMs) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** Takes up to {@code limit} due events, leased until {@code leaseEnd}. */
    @Transactional
    List<Claimed> claim(int limit, OffsetDateTime now, OffsetDateTime leaseEnd) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM provider_event WHERE next_attempt_at <= ?1"
                        + " ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ProviderEvent> events = em.createQuery("SELECT e FROM ProviderEvent e WHERE e.id IN :ids ORDER BY e.id", ProviderEvent.class)
                .setParameter("ids", ids.stream().map(Number::longValue).toList())
                .getResultList();
        return events.stream().map(event -> {
            event.claimUntil(leaseEnd);
            return new Claimed(event.getId(), event.getOrganizationId(), event.getInstanceId(), event.getElementKey(),
                    event.getWebhookId(), event.getChanges(), event.getRaw(), event.getAttempts());
        }).toList();
    }

    /**
     * Records an attempt. {@code retryAt}: when to try again after a failure, null to queue it.
     * An event that meanwhile left delivery (deleted with its instance, or queued) is left alone.
     */
    @Transactional
    void record(Claimed claimed, OffsetDateTime attemptedAt, Result result, OffsetDateTime retryAt) {
        ProviderEvent event = em.find(ProviderEvent.class, claimed.id());
        if (event == null || !event.awaitsDelivery()) {
            return;
        }
        // Numbered over the event's whole life: a redelivery starts a new schedule, not a new count.
        long earlier = em.createQuery("SELECT COUNT(a) FROM DeliveryAttempt a WHERE a.eventId = :id", Long.class)
                .setParameter("id", event.getId()).getSingleResult();
        em.persist(new DeliveryAttempt(event.getId(), (int) earlier + 1, attemptedAt, result.statusCode(),
                result.error(), result.durationMs()));
        OffsetDateTime now = EventStore.now();
        if (result.delivered()) {
            event.notified(now);
        } else {
            event.failed(now, retryAt);
        }
    }
}
