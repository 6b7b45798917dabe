package io.plugboard.instances.control;

import io.plugboard.instances.entity.Instance;
import io.plugboard.tokens.control.EncryptionKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The database steps of {@link CredentialRotation}, each in its own transaction so a rotation
 * proceeds in small batches while the hub keeps serving. A bean of its own so that
 * {@code @Transactional} applies when the rotation calls them.
 */
@ApplicationScoped
class RotationBatches {

    static final int BATCH = 100;

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    EncryptionKeys keys;
    @Inject
    InstanceVault vault;

    /** Every key id some stored row is encrypted under. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Set<String> keyIdsInUse() {
        Set<String> ids = new TreeSet<>();
        ids.addAll(em.createQuery("SELECT DISTINCT i.tokenKeyId FROM Instance i", String.class).getResultList());
        ids.addAll(em.createQuery("SELECT DISTINCT e.keyId FROM InstanceConfigurationEntry e WHERE e.keyId IS NOT NULL",
                String.class).getResultList());
        return ids;
    }

    /** The next batch of instances (ids after {@code afterId}) with anything under a previous key. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Long> instancesNeedingRotation(long afterId) {
        String current = keys.current().id();
        return em.createQuery("SELECT DISTINCT i.id FROM Instance i LEFT JOIN i.configuration e WHERE i.id > :after"
                        + " AND (i.tokenKeyId <> :current OR (e.keyId IS NOT NULL AND e.keyId <> :current)) ORDER BY i.id", Long.class)
                .setParameter("after", afterId)
                .setParameter("current", current)
                .setMaxResults(BATCH)
                .getResultList();
    }

    /** One batch, one transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int rotate(List<Long> instanceIds) {
        int changed = 0;
        for (Long id : instanceIds) {
            Instance instance = em.find(Instance.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (instance == null) {
                continue;
            }
            boolean any = vault.rotateToken(instance);
            for (var entry : instance.getConfiguration()) {
                any |= vault.rotate(instance, entry);
            }
            changed += any ? 1 : 0;
        }
        return changed;
    }

}
