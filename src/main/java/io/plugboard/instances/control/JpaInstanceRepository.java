package io.plugboard.instances.control;

import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** JPA implementation of {@link InstanceRepository}; callers supply the transaction. */
@ApplicationScoped
public class JpaInstanceRepository implements InstanceRepository {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    @Override
    public Instance save(Instance instance) {
        em.persist(instance);
        return instance;
    }

    @Override
    public void delete(Instance instance) {
        em.remove(instance);
    }

    @Override
    public Optional<Instance> find(long organizationId, long id) {
        return em.createQuery("SELECT i FROM Instance i WHERE i.id = :id AND i.organizationId = :org", Instance.class)
                .setParameter("id", id)
                .setParameter("org", organizationId)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Instance> findByTokenDigest(String tokenDigest) {
        return em.createQuery("SELECT i FROM Instance i WHERE i.tokenDigest = :digest", Instance.class)
                .setParameter("digest", tokenDigest)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Instance> lock(long id) {
        Instance instance = em.find(Instance.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (instance != null) {
            // Another node may have changed it while we waited for the lock: read what it wrote.
            em.refresh(instance);
        }
        return Optional.ofNullable(instance);
    }

    @Override
    public List<Instance> page(Filter filter, Long afterId, int limit) {
        TypedQuery<Instance> query = em.createQuery("SELECT i FROM Instance i WHERE " + where(filter)
                + (afterId != null ? " AND i.id > :after" : "") + " ORDER BY i.id", Instance.class);
        bind(query, filter);
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public long count(Filter filter) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(i) FROM Instance i WHERE " + where(filter), Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    /** Every tag must be present: one EXISTS per tag keeps it a simple, indexable query. */
    private static String where(Filter filter) {
        StringBuilder where = new StringBuilder("i.organizationId = :org");
        if (filter.elementId() != null) {
            where.append(" AND i.elementId = :element");
        }
        for (int n = 0; n < filter.tags().size(); n++) {
            where.append(" AND :tag").append(n).append(" MEMBER OF i.tags");
        }
        return where.toString();
    }

    private static void bind(TypedQuery<?> query, Filter filter) {
        query.setParameter("org", filter.organizationId());
        if (filter.elementId() != null) {
            query.setParameter("element", filter.elementId());
        }
        for (int n = 0; n < filter.tags().size(); n++) {
            query.setParameter("tag" + n, filter.tags().get(n));
        }
    }

    @Override
    public List<Long> dueForRefresh(OffsetDateTime now, int limit) {
        return em.createQuery("SELECT i.id FROM Instance i WHERE i.refreshDueAt <= :now AND i.disabled = false"
                        + " AND (i.retryNotBefore IS NULL OR i.retryNotBefore <= :now) ORDER BY i.refreshDueAt", Long.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public List<Long> dueForVerification(OffsetDateTime now, int limit) {
        return em.createQuery("SELECT i.id FROM Instance i WHERE i.verificationDueAt <= :now AND i.disabled = false"
                        + " AND (i.retryNotBefore IS NULL OR i.retryNotBefore <= :now) ORDER BY i.verificationDueAt", Long.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public void record(InstanceEvent event) {
        em.persist(event);
    }

    @Override
    public List<InstanceEvent> events(long organizationId, long instanceId, int limit) {
        return em.createQuery("SELECT e FROM InstanceEvent e WHERE e.organizationId = :org AND e.instanceId = :id"
                        + " ORDER BY e.createdDate DESC, e.id DESC", InstanceEvent.class)
                .setParameter("org", organizationId)
                .setParameter("id", instanceId)
                .setMaxResults(limit)
                .getResultList();
    }
}
