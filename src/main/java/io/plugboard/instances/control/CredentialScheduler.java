package io.plugboard.instances.control;

import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps credentials alive without anyone asking: every pass finds the instances whose refresh or
 * verification is due (an indexed query on the due column, at most a batch), and handles each
 * through {@link CredentialRefresher} or {@link CredentialVerifier}, which are safe to run on
 * several nodes at once. Runs on the server's managed scheduled executor.
 */
@ApplicationScoped
public class CredentialScheduler {

    private static final Logger LOG = Logger.getLogger(CredentialScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    DueInstances due;
    @Inject
    CredentialRefresher refresher;
    @Inject
    CredentialVerifier verifier;

    @Inject
    @ConfigProperty(name = "plugboard.refresh.interval-seconds", defaultValue = "30")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "plugboard.refresh.batch-size", defaultValue = "50")
    int batchSize;

    private ScheduledFuture<?> task;

    void onSchemaReady(@Observes SchemaReady ready) {
        if (intervalSeconds > 0) {
            task = executor.scheduleWithFixedDelay(this::pass, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One pass; failures are logged and the next pass tries again. */
    void pass() {
        try {
            for (Long id : due.forRefresh(batchSize)) {
                refresher.refresh(id, false);
            }
            for (Long id : due.forVerification(batchSize)) {
                verifier.verifyIfDue(id);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Credential maintenance pass failed; retrying next pass", e);
        }
    }
}
