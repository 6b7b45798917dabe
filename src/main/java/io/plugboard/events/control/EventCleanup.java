package io.plugboard.events.control;

import io.plugboard.events.entity.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;

/** The delete of {@link EventRetention}, a bean of its own so that {@code @Transactional} applies. */
@ApplicationScoped
class EventCleanup {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    @Transactional
    int removeReceivedBefore(OffsetDateTime cutoff) {
        // Attempts go with their event: the foreign key cascades.
        return em.createQuery("DELETE FROM " + ProviderEvent.class.getSimpleName() + " e WHERE e.receivedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
