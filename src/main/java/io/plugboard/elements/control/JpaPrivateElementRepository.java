package io.plugboard.elements.control;

import io.plugboard.elements.entity.PrivateElementRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** JPA implementation of {@link PrivateElementRepository}; callers supply the transaction. */
@ApplicationScoped
public class JpaPrivateElementRepository implements PrivateElementRepository {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    @Override
    public List<PrivateElementRecord> findAll(long organizationId) {
        return em.createQuery("SELECT p FROM PrivateElementRecord p WHERE p.organizationId = :org ORDER BY p.id",
                        PrivateElementRecord.class)
                .setParameter("org", organizationId)
                .getResultList();
    }

    @Override
    public Optional<PrivateElementRecord> findById(long organizationId, long id) {
        return em.createQuery("SELECT p FROM PrivateElementRecord p WHERE p.organizationId = :org AND p.id = :id",
                        PrivateElementRecord.class)
                .setParameter("org", organizationId)
                .setParameter("id", id)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<PrivateElementRecord> findByKey(long organizationId, String key) {
        return em.createQuery("SELECT p FROM PrivateElementRecord p WHERE p.organizationId = :org AND p.key = :key",
                        PrivateElementRecord.class)
                .setParameter("org", organizationId)
                .setParameter("key", key)
                .getResultStream().findFirst();
    }

    @Override
    public List<PrivateElementRecord> findByKeyInEveryOrganization(String key) {
        return em.createQuery("SELECT p FROM PrivateElementRecord p WHERE p.key = :key ORDER BY p.id", PrivateElementRecord.class)
                .setParameter("key", key)
                .getResultList();
    }

    @Override
    public PrivateElementRecord save(PrivateElementRecord record) {
        em.persist(record);
        em.flush();
        return record;
    }

    @Override
    public void delete(PrivateElementRecord record) {
        em.remove(record);
    }
}
