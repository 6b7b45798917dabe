package io.plugboard.events.control;

import io.plugboard.events.entity.EventPoller;
import io.plugboard.events.entity.ProviderEvent;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The short transactions of {@link EventPolling} around its provider calls, which run outside
 * any: claiming due pollers, reading an instance's configuration, and storing a window's events
 * together with the move of its poller. A bean of its own so that {@code @Transactional} applies
 * when the poller calls it (and because a non-transactional entity manager on a managed executor
 * thread is cleaned up twice by Payara).
 */
@ApplicationScoped
class PollerRows {

    /** A poller this node has taken for one poll: the window it starts from. */
    record Claim(long instanceId, long organizationId, OffsetDateTime polledUntil, int failures) {
    }

    /** What a poll needs of its instance, read in one transaction. */
    record Polled(InstanceService.Configured configured, boolean disabled) {
    }

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    EventStore store;
    @Inject
    InstanceService instances;

    /**
     * Takes up to {@code limit} due pollers, oldest first, skipping rows another node holds
     * locked, and moves each one's next poll past the lease in the same transaction: a due poll
     * runs on one node, and if that node dies the lease runs out and another node takes it.
     * The database's clock decides what is due, so nodes with drifting clocks agree.
     */
    @Transactional
    List<Claim> claimDue(int limit, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT instance_id FROM event_poller WHERE next_poll_at <= CURRENT_TIMESTAMP"
                + " ORDER BY next_poll_at LIMIT " + Math.max(1, limit) + " FOR UPDATE SKIP LOCKED").getResultList();
        OffsetDateTime leaseEnd = EventStore.now().plus(lease);
        List<Claim> claims = new ArrayList<>(ids.size());
        for (Object id : ids) {
            EventPoller poller = em.find(EventPoller.class, ((Number) id).longValue());
            if (poller != null) {
                poller.dueAt(leaseEnd);
                claims.add(new Claim(poller.getInstanceId(), poller.getOrganizationId(), poller.getPolledUntil(),
                        poller.getFailures()));
            }
        }
        return claims;
    }

    @Transactional
    Outcome<Polled> instance(long organizationId, long instanceId) {
        return instances.configured(organizationId, instanceId).flatMap(configured ->
                instances.disabled(organizationId, instanceId).map(disabled -> new Polled(configured, disabled)));
    }

    /**
     * The window's events stored and the poller moved to its end, in one transaction; nothing
     * stored when the poller is gone (polling turned off meanwhile) or another node already
     * stored this window (its lease ran out while this node read). Returns whether it stored.
     */
    @Transactional
    boolean polled(Claim claim, String elementKey, List<Notification> notifications, OffsetDateTime windowEnd,
                   OffsetDateTime now, OffsetDateTime next) {
        Optional<EventPoller> poller = locked(claim);
        if (poller.isEmpty()) {
            return false;
        }
        store.store(new EventStore.Recipient(claim.organizationId(), claim.instanceId(), elementKey),
                ProviderEvent.Origin.POLLING, notifications);
        poller.get().polled(windowEnd, now, next);
        return true;
    }

    /** The poll failed: its window stays, the error is kept, the next try waits {@code retryAt}. */
    @Transactional
    void failed(Claim claim, String error, OffsetDateTime now, OffsetDateTime retryAt) {
        locked(claim).ifPresent(poller -> poller.failed(error, now, retryAt));
    }

    /** Nothing to poll now (the instance is disabled or its events are off): due again at {@code next}. */
    @Transactional
    void skipped(Claim claim, OffsetDateTime next) {
        locked(claim).ifPresent(poller -> poller.dueAt(next));
    }

    /** The claimed poller, locked, if it still exists and still starts at the claimed window. */
    private Optional<EventPoller> locked(Claim claim) {
        EventPoller poller = em.find(EventPoller.class, claim.instanceId(), LockModeType.PESSIMISTIC_WRITE);
        if (poller == null || !poller.getPolledUntil().isEqual(claim.polledUntil())) {
            return Optional.empty();
        }
        return Optional.of(poller);
    }
}
