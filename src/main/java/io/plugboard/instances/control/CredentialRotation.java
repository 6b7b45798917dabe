package io.plugboard.instances.control;

import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import io.plugboard.tokens.control.EncryptionKeys;
import io.plugboard.tokens.control.ReencryptsPendingSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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

    @Inject
    EncryptionKeys keys;
    @Inject
    RotationBatches batches;
    /** The features' own pending secrets (request tokens, hosted connects): each rotates its rows. */
    @Inject
    jakarta.enterprise.inject.Instance<ReencryptsPendingSecrets> pendingSecrets;

    /** How far a rotation got. */
    public record Progress(long instancesReencrypted, long remaining, String currentKeyId) {
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        Set<String> unknown = new TreeSet<>(batches.keyIdsInUse());
        pendingSecrets.forEach(feature -> unknown.addAll(feature.keyIdsInUse()));
        unknown.removeAll(keys.all().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Stored credentials are encrypted with key id(s) " + unknown
                    + ", which neither PLUGBOARD_ENCRYPTION_KEY nor PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS provides."
                    + " Configure the key they were written with (the current key id is " + keys.current().id() + ").");
        }
    }

    /** Re-encrypts everything under the current key; safe to run again or on several nodes. */
    public Progress rotateAll() {
        long done = 0;
        List<Long> batch;
        long after = 0;
        while (!(batch = batches.instancesNeedingRotation(after)).isEmpty()) {
            done += batches.rotate(batch);
            after = batch.get(batch.size() - 1);
        }
        long pending = 0;
        for (ReencryptsPendingSecrets feature : pendingSecrets) {
            pending += feature.rotatePendingSecrets(keys.current().id());
        }
        long remaining = batches.instancesNeedingRotation(0).size();
        LOG.info("Re-encrypted the credentials of " + done + " instances and " + pending
                + " pending request tokens under key " + keys.current().id());
        return new Progress(done, remaining, keys.current().id());
    }
}
