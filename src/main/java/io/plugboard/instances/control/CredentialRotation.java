package io.plugboard.instances.control;

import io.plugboard.instances.entity.Instance;
import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import io.plugboard.tokens.control.EncryptionKeys;
import io.plugboard.tokens.control.ReencryptsPendingSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Keeps the stored credentials and the configured keys in step. At start-up it refuses to run
 * when some row is encrypted under a key that is not configured (a wrong or missing
 * {@code PLUGBOARD_ENCRYPTION_KEY} would otherwise surface as failures at the first use of each
 * instance). On an operator's request it re-encrypts every row still under a previous key, in
 * small transactions, while the hub keeps serving.
 */
@ApplicationScoped
public class CredentialRotation {

    private static final Logger LOG = Logger.getLogger(CredentialRotation.class.getName());
    static final int BATCH = 100;

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    EncryptionKeys keys;
    @Inject
    InstanceVault vault;
    @Inject
    CredentialRotation self;
    /** The features' own pending secrets (request tokens, hosted connects): each rotates its rows. */
    @Inject
    jakarta.enterprise.inject.Instance<ReencryptsPendingSecrets> pendingSecrets;

    /** How far a rotation got. */
    public record Progress(long instancesReencrypted, long remaining, String currentKeyId) {
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        Set<String> unknown = new TreeSet<>(self.keyIdsInUse());
        unknown.removeAll(keys.all().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Stored credentials are encrypted with key id(s) " + unknown
                    + ", which neither PLUGBOARD_ENCRYPTION_KEY nor PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS provides."
                    + " Configure the key they were written with (the current key id is " + keys.current().id() + ").");
        }
    }

    /** Internal (public for the transaction interceptor). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> keyIdsInUse() {
        Set<String> ids = new TreeSet<>();
        ids.addAll(em.createQuery("SELECT DISTINCT i.tokenKeyId FROM Instance i", String.class).getResultList());
        ids.addAll(em.createQuery("SELECT DISTINCT e.keyId FROM InstanceConfigurationEntry e WHERE e.keyId IS NOT NULL",
                String.class).getResultList());
        pendingSecrets.forEach(feature -> ids.addAll(feature.keyIdsInUse()));
        return ids;
    }

    /** Re-encrypts everything under the current key; safe to run again or on several nodes. */
    public Progress rotateAll() {
        long done = 0;
        List<Long> batch;
        long after = 0;
        while (!(batch = self.instancesNeedingRotation(after)).isEmpty()) {
            done += self.rotate(batch);
            after = batch.get(batch.size() - 1);
        }
        long pending = 0;
        for (ReencryptsPendingSecrets feature : pendingSecrets) {
            pending += feature.rotatePendingSecrets(keys.current().id());
        }
        long remaining = self.instancesNeedingRotation(0).size();
        LOG.info("Re-encrypted the credentials of " + done + " instances and " + pending
                + " pending request tokens under key " + keys.current().id());
        return new Progress(done, remaining, keys.current().id());
    }

    /** Internal (public for the transaction interceptor). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> instancesNeedingRotation(long afterId) {
        String current = keys.current().id();
        return em.createQuery("SELECT DISTINCT i.id FROM Instance i LEFT JOIN i.configuration e WHERE i.id > :after"
                        + " AND (i.tokenKeyId <> :current OR (e.keyId IS NOT NULL AND e.keyId <> :current)) ORDER BY i.id", Long.class)
                .setParameter("after", afterId)
                .setParameter("current", current)
                .setMaxResults(BATCH)
                .getResultList();
    }

    /** Internal (public for the transaction interceptor): one batch, one transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int rotate(List<Long> instanceIds) {
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
