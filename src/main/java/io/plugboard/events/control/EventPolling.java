package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import io.plugboard.proxy.control.HubReads;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the changes of providers that push none: every pass takes the due pollers (claimed with
 * a lease, so one node polls each), and for each reads every resource of its instance's poller
 * configuration for the window since the last poll, through the instance's own hub resources
 * ({@link HubReads}). A window is stored whole, in the transaction that moves the poller to its
 * end, or not at all: a failed poll stores nothing, keeps its window, notes the error and backs
 * off. The window ends at the time taken before the first provider call, so a change made while
 * a poll runs falls into the next window too rather than into none.
 *
 * <p>Runs on one long-lived thread of the container's {@code ManagedThreadFactory} every
 * {@code plugboard.events.poll.pass-seconds} (0 turns polling off on this node). Not on the managed
 * scheduled executor: its periodic task carries the context of the thread that scheduled it, and
 * Payara then logged a failed context reset (a closed entity manager) after many passes. The rows' lifecycle is not this class's: a poller row
 * exists exactly while its instance has polling events on.
 */
@ApplicationScoped
public class EventPolling {

    private static final Logger LOG = Logger.getLogger(EventPolling.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    PollerRows rows;
    @Inject
    HubReads hub;

    @Inject
    @ConfigProperty(name = "plugboard.events.poll.pass-seconds", defaultValue = "15")
    long passSeconds;

    @Inject
    @ConfigProperty(name = "plugboard.events.poll.lease-seconds", defaultValue = "300")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "plugboard.events.poll.batch-size", defaultValue = "20")
    int batchSize;

    @Inject
    @ConfigProperty(name = "plugboard.events.poll.default-interval-minutes", defaultValue = "15")
    long defaultIntervalMinutes;

    @Inject
    @ConfigProperty(name = "plugboard.events.poll.max-backoff-minutes", defaultValue = "60")
    long maxBackoffMinutes;

    @Inject
    @ConfigProperty(name = "plugboard.events.poll.max-page-bytes", defaultValue = "5242880")
    int maxPageBytes;

    private volatile boolean running;
    private Thread poller;

    void onSchemaReady(@Observes SchemaReady ready) {
        if (passSeconds > 0) {
            running = true;
            poller = threads.newThread(this::run);
            poller.setName("plugboard-event-poller");
            poller.start();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (poller != null) {
            poller.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                TimeUnit.SECONDS.sleep(passSeconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pass();
        }
    }

    /** One pass; a failure is logged and the next pass tries again (a claimed poll waits for its lease). */
    void pass() {
        try {
            for (PollerRows.Claim claim : rows.claimDue(batchSize, Duration.ofSeconds(leaseSeconds))) {
                try {
                    poll(claim);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Polling instance " + claim.instanceId() + " failed; retrying after its lease", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Event polling pass failed; retrying next pass", e);
        }
    }

    /** Reads one instance's window and stores it, or notes why not. */
    void poll(PollerRows.Claim claim) {
        // Before the first provider call, at the database's precision, so the stored end is exactly this.
        OffsetDateTime windowEnd = EventStore.now().truncatedTo(ChronoUnit.MICROS);
        Outcome<PollerRows.Polled> instance = rows.instance(claim.organizationId(), claim.instanceId());
        if (instance instanceof Outcome.NotFound<PollerRows.Polled>) {
            return;   // deleted while claimed: its poller row went with it
        }
        if (!(instance instanceof Outcome.Success<PollerRows.Polled> found)) {
            fail(claim, message(instance), defaultIntervalMinutes);
            return;
        }
        Map<String, String> configuration = found.value().configured().configuration();
        long interval = Math.max(1, EventSettings.intervalMinutes(configuration, defaultIntervalMinutes));
        if (found.value().disabled() || !pollingOn(configuration)) {
            rows.skipped(claim, EventStore.now().plusMinutes(interval));
            return;
        }
        Outcome<PollerConfiguration> parsed = PollerConfiguration.parse(configuration.get(ElementDefinition.POLLER_CONFIGURATION_KEY))
                .map(c -> c.only(configuration.get(PollerConfiguration.OBJECTS_KEY)));
        if (!(parsed instanceof Outcome.Success<PollerConfiguration> poller)) {
            fail(claim, message(parsed), interval);
            return;
        }
        List<Notification> notifications = new ArrayList<>();
        for (PollerConfiguration.Resource resource : poller.value().resources()) {
            Outcome<List<PolledRecords.Polled>> read = ResourcePoll.read(resource, claim.polledUntil(), windowEnd,
                    configuration::get, url -> hub.get(claim.organizationId(), claim.instanceId(), url, maxPageBytes));
            if (!(read instanceof Outcome.Success<List<PolledRecords.Polled>> changed)) {
                fail(claim, message(read), interval);
                return;
            }
            notifications.addAll(ResourcePoll.notifications(resource.name(), changed.value()));
        }
        OffsetDateTime now = EventStore.now();
        rows.polled(claim, found.value().configured().elementKey(), notifications, windowEnd, now, now.plusMinutes(interval));
    }

    private void fail(PollerRows.Claim claim, String error, long intervalMinutes) {
        OffsetDateTime now = EventStore.now();
        Duration backoff = backoff(intervalMinutes, claim.failures() + 1, maxBackoffMinutes);
        LOG.log(Level.INFO, "Polling instance {0} failed ({1}); next try in {2} min",
                new Object[] {claim.instanceId(), error, backoff.toMinutes()});
        rows.failed(claim, error, now, now.plus(backoff));
    }

    /** {@code interval * 2^failures}, at most {@code maxMinutes} (and never less than the interval). */
    static Duration backoff(long intervalMinutes, int failures, long maxMinutes) {
        long factor = 1L << Math.min(Math.max(failures, 0), 20);
        long minutes = Math.min(intervalMinutes * factor, Math.max(maxMinutes, intervalMinutes));
        return Duration.ofMinutes(minutes);
    }

    /** Events on, and by polling: a webhook-only configuration has nothing to poll. */
    static boolean pollingOn(Map<String, String> configuration) {
        String type = configuration.get(EventSettings.VENDOR_TYPE);
        return EventSettings.enabled(configuration)
                && (type == null || type.isBlank() || type.strip().toLowerCase(Locale.ROOT).equals(ElementDefinition.Events.POLLING));
    }

    /** A failure as the poller's last error: what failed, and what the provider said. */
    static String message(Outcome<?> failure) {
        if (failure instanceof Outcome.Invalid<?> invalid) {
            return invalid.message();
        }
        if (failure instanceof Outcome.NotFound<?> notFound) {
            return notFound.message();
        }
        if (failure instanceof Outcome.ProviderTimedOut<?> timedOut) {
            return timedOut.message();
        }
        if (failure instanceof Outcome.ProviderFailed<?> failed) {
            return failed.providerMessage() == null || failed.providerMessage().isBlank() ? failed.message()
                    : failed.message() + " The provider said: " + failed.providerMessage();
        }
        return String.valueOf(failure);
    }
}
