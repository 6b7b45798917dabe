package io.plugboard.events.control;

import io.plugboard.events.entity.DeliveryAttempt;
import io.plugboard.events.entity.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database side of delivery, each step its own short transaction: taking due events (row
 * locks skipped, not waited for, so nodes never take the same event and never queue behind each
 * other) and recording what an attempt came to. Nothing is held while the callback is called.
 */
@ApplicationScoped
class DeliveryClaims {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    /** An event taken for delivery until {@code leaseEnd}, with everything its POST needs. */
    record Claimed(long id, long organizationId, long instanceId, String elementKey, String webhookId, String changes,
                   String raw, int attempts, OffsetDateTime leaseEnd) {

        /** The event, leased until {@code leaseEnd} (the caller has set that lease on the row). */
        static Claimed of(ProviderEvent event, OffsetDateTime leaseEnd) {
            return new Claimed(event.getId(), event.getOrganizationId(), event.getInstanceId(), event.getElementKey(),
                    event.getWebhookId(), event.getChanges(), event.getRaw(), event.getAttempts(), leaseEnd);
        }

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
            return Claimed.of(event, leaseEnd);
        }).toList();
    }

    /** An attempt made, to be recorded: {@code retryAt} is when to try again after a failure, null to queue it. */
    record Attempted(Claimed claimed, OffsetDateTime attemptedAt, Result result, OffsetDateTime retryAt) {
        String outcome() {
            return result.delivered() ? "notified" : retryAt == null ? "queued" : "retry";
        }
    }

    /**
     * Records a batch of attempts in one transaction. An event that meanwhile left delivery
     * (deleted with its instance, or queued) is left alone.
     */
    @Transactional
    void record(List<Attempted> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        List<Long> ids = attempts.stream().map(a -> a.claimed().id()).toList();
        Map<Long, ProviderEvent> events = new HashMap<>();
        em.createQuery("SELECT e FROM ProviderEvent e WHERE e.id IN :ids", ProviderEvent.class)
                .setParameter("ids", ids).getResultList().forEach(e -> events.put(e.getId(), e));
        // Attempts are numbered over the event's whole life: a redelivery starts a new schedule, not a new count.
        Map<Long, Long> earlier = new HashMap<>();
        em.createQuery("SELECT a.eventId, COUNT(a) FROM DeliveryAttempt a WHERE a.eventId IN :ids GROUP BY a.eventId", Object[].class)
                .setParameter("ids", ids).getResultList()
                .forEach(row -> earlier.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        OffsetDateTime now = EventStore.now();
        for (Attempted attempt : attempts) {
            ProviderEvent event = events.get(attempt.claimed().id());
            if (event == null || !event.awaitsDelivery()) {
                continue;
            }
            em.persist(new DeliveryAttempt(event.getId(), (int) (earlier.getOrDefault(event.getId(), 0L) + 1),
                    attempt.attemptedAt(), attempt.result().statusCode(), attempt.result().error(), attempt.result().durationMs()));
            if (attempt.result().delivered()) {
                event.notified(now);
            } else {
                event.failed(now, attempt.retryAt());
            }
        }
    }
}
