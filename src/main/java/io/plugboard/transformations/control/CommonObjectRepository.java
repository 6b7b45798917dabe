package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.InstanceTransformation;
import io.plugboard.transformations.entity.ObjectDefinitionRecord;
import io.plugboard.transformations.entity.OrganizationTransformation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** The JPA queries of common objects, every one scoped to an organization; callers supply the transaction. */
@ApplicationScoped
public class CommonObjectRepository {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    public List<ObjectDefinitionRecord> definitions(long organizationId) {
        return em.createQuery("SELECT d FROM ObjectDefinitionRecord d WHERE d.organizationId = :org ORDER BY d.name",
                        ObjectDefinitionRecord.class)
                .setParameter("org", organizationId)
                .getResultList();
    }

    public Optional<ObjectDefinitionRecord> definition(long organizationId, String name) {
        return em.createQuery("SELECT d FROM ObjectDefinitionRecord d WHERE d.organizationId = :org AND d.name = :name",
                        ObjectDefinitionRecord.class)
                .setParameter("org", organizationId)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    public List<OrganizationTransformation> organizationTransformations(long organizationId) {
        return em.createQuery("SELECT t FROM OrganizationTransformation t WHERE t.organizationId = :org"
                        + " ORDER BY t.elementKey, t.objectName", OrganizationTransformation.class)
                .setParameter("org", organizationId)
                .getResultList();
    }

    public List<OrganizationTransformation> organizationTransformations(long organizationId, String elementKey) {
        return em.createQuery("SELECT t FROM OrganizationTransformation t WHERE t.organizationId = :org"
                        + " AND t.elementKey = :element ORDER BY t.objectName", OrganizationTransformation.class)
                .setParameter("org", organizationId)
                .setParameter("element", elementKey)
                .getResultList();
    }

    public Optional<OrganizationTransformation> organizationTransformation(long organizationId, String elementKey,
                                                                           String objectName) {
        return em.createQuery("SELECT t FROM OrganizationTransformation t WHERE t.organizationId = :org"
                        + " AND t.elementKey = :element AND t.objectName = :name", OrganizationTransformation.class)
                .setParameter("org", organizationId)
                .setParameter("element", elementKey)
                .setParameter("name", objectName)
                .getResultStream().findFirst();
    }

    public List<InstanceTransformation> instanceTransformations(long organizationId) {
        return em.createQuery("SELECT t FROM InstanceTransformation t WHERE t.organizationId = :org"
                        + " ORDER BY t.instanceId, t.objectName", InstanceTransformation.class)
                .setParameter("org", organizationId)
                .getResultList();
    }

    public List<InstanceTransformation> instanceTransformations(long organizationId, long instanceId) {
        return em.createQuery("SELECT t FROM InstanceTransformation t WHERE t.organizationId = :org"
                        + " AND t.instanceId = :instance ORDER BY t.objectName", InstanceTransformation.class)
                .setParameter("org", organizationId)
                .setParameter("instance", instanceId)
                .getResultList();
    }

    public Optional<InstanceTransformation> instanceTransformation(long organizationId, long instanceId, String objectName) {
        return em.createQuery("SELECT t FROM InstanceTransformation t WHERE t.organizationId = :org"
                        + " AND t.instanceId = :instance AND t.objectName = :name", InstanceTransformation.class)
                .setParameter("org", organizationId)
                .setParameter("instance", instanceId)
                .setParameter("name", objectName)
                .getResultStream().findFirst();
    }

    /** Where the object is mapped: {@code element <key>} and {@code instance <id>}, for a refusal to delete it. */
    public List<String> mappingsOf(long organizationId, String objectName) {
        List<String> elements = em.createQuery("SELECT t.elementKey FROM OrganizationTransformation t"
                        + " WHERE t.organizationId = :org AND t.objectName = :name ORDER BY t.elementKey", String.class)
                .setParameter("org", organizationId)
                .setParameter("name", objectName)
                .getResultList();
        List<Long> instances = em.createQuery("SELECT t.instanceId FROM InstanceTransformation t"
                        + " WHERE t.organizationId = :org AND t.objectName = :name ORDER BY t.instanceId", Long.class)
                .setParameter("org", organizationId)
                .setParameter("name", objectName)
                .getResultList();
        List<String> where = new java.util.ArrayList<>();
        elements.forEach(key -> where.add("element " + key));
        instances.forEach(id -> where.add("instance " + id));
        return where;
    }

    /**
     * Marks the definition as used by this transaction: its version goes up at the commit, so a
     * concurrent delete of the definition (which read the old version) fails as a concurrent
     * write, and so does this one if the delete commits first. Nothing is left mapping a deleted
     * object, and the loser gets a 409 to retry.
     */
    public void claim(ObjectDefinitionRecord definition) {
        em.lock(definition, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    }

    public <T> T persist(T record) {
        em.persist(record);
        return record;
    }

    public void remove(Object record) {
        em.remove(record);
    }

    /** Writes what is pending now: a definition before the mappings whose foreign key names it. */
    public void flush() {
        em.flush();
    }
}
