package io.plugboard.events.control;

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
 * Removes events (and, by the foreign key, their delivery attempts) received longer ago than
 * {@code plugboard.events.retention-days}. Every node runs it; a delete is the same whichever
 * node does it, so nothing needs claiming.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    EventCleanup cleanup;

    @Inject
    @ConfigProperty(name = "plugboard.events.retention-days", defaultValue = "7")
    int retentionDays;
    @Inject
    @ConfigProperty(name = "plugboard.events.retention.pass-seconds", defaultValue = "3600")
    long passSeconds;

    private ScheduledFuture<?> task;

    void onSchemaReady(@Observes SchemaReady ready) {
        if (passSeconds > 0) {
            task = scheduler.scheduleWithFixedDelay(this::pass, 1, passSeconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void pass() {
        try {
            int removed = cleanup.removeReceivedBefore(EventStore.now().minusDays(retentionDays));
            if (removed > 0) {
                LOG.info(() -> "Removed " + removed + " events older than " + retentionDays + " days");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Event clean-up failed; retrying next pass", e);
        }
    }
}
