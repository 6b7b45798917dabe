package io.plugboard.events.control;

import io.plugboard.events.control.DeliveryClaims.Claimed;
import io.plugboard.events.control.DeliveryClaims.Result;
import io.plugboard.events.entity.ProviderEvent;
import io.plugboard.instances.control.InstanceConfigurationRule;
import io.plugboard.instances.control.InstanceDirectory;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers stored events to the applications' callbacks, at least once, from any node.
 *
 * <p>Events reach a drain two ways. Those stored on this node come in memory, handed over after
 * their transaction commits, already leased to this node by {@link EventStore}: no claim round
 * trip. All others (retries, redeliveries, events of a node that died, events stored while the
 * hand-over was full) are taken from the database with {@link DeliveryClaims#claim} on every
 * pass. Either way an event is held under a lease, so a node that dies mid-delivery only delays it
 * until the lease ends and another node takes it, and it is sent only while at least half of its
 * lease remains: a claim that waited too long is left to the database rather than risk two nodes
 * sending it at once. Batches are POSTed in parallel outside any transaction, and each outcome
 * recorded: notified on any 2xx, otherwise retry <i>x</i> after {@code first-delay * 4^(x-1)}
 * (4 s, 16 s, 64 s ... as Cloud Elements: 2^(2x) s) for up to {@code retry.max} retries, then
 * queued until redelivered.
 *
 * <p>Long-lived threads of the container's {@code ManagedThreadFactory} ({@code dispatch.threads}
 * per node) drain: at once when events are handed over or made due on this node, and every
 * {@code pass-ms} from the database. Request threads only put work on a queue; they never hand
 * it to an executor, whose task would carry the request's context (and its closed entity manager)
 * along. The hand-over holds at most {@code handoff.capacity} events, each with at most
 * {@code handoff.max-raw-chars} of raw payload, so it bounds its memory; beyond that events wait
 * in the database.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeliveryClaims claims;
    @Inject
    EventTargets targets;
    @Inject
    ProviderHttp http;
    @Inject
    EventMetrics metrics;

    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.pass-ms", defaultValue = "1000")
    long passMs;
    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.batch-size", defaultValue = "50")
    int batchSize;
    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.concurrency", defaultValue = "8")
    int concurrency;
    /** Drains running side by side on this node: while one waits for its callbacks, another claims and records. */
    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.threads", defaultValue = "2")
    int drainThreads;
    /** Longer than twice a callback may take (the provider read timeout), so a lease never ends mid-call. */
    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.lease-seconds", defaultValue = "120")
    long leaseSeconds;
    /** Events stored on this node waiting in memory for a drain, at most; 0 sends every event through the database. */
    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.handoff.capacity", defaultValue = "2000")
    int handoffCapacity;
    /** Events with a larger raw payload are not held in memory but read back from the database. */
    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.handoff.max-raw-chars", defaultValue = "16384")
    int handoffMaxRawChars;
    @Inject
    @ConfigProperty(name = "plugboard.events.retry.first-delay-ms", defaultValue = "4000")
    long firstRetryDelayMs;
    @Inject
    @ConfigProperty(name = "plugboard.events.retry.max", defaultValue = "9")
    int maxRetries;

    private Handover handover;
    /**
     * The POSTing lanes: long-lived threads of the managed thread factory. A managed executor would
     * save and restore the container's context around every task, which scans class loader
     * resources each time; these threads carry the application's context once, from their start.
     */
    private ExecutorService lanes;
    private volatile boolean running;
    private final List<Thread> drainers = new ArrayList<>();

    @PostConstruct
    void createHandover() {
        handover = new Handover(handoffCapacity, handoffMaxRawChars);
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        if (passMs > 0) {
            running = true;
            lanes = Executors.newFixedThreadPool(Math.max(1, concurrency) * Math.max(1, drainThreads), work -> {
                Thread lane = threads.newThread(work);
                lane.setName("plugboard-event-lane-" + lane.getId());
                return lane;
            });
            for (int i = 0; i < Math.max(1, drainThreads); i++) {
                Thread drainer = threads.newThread(this::run);
                drainer.setName("plugboard-event-dispatcher-" + i);
                drainer.start();
                drainers.add(drainer);
            }
        }
    }

    /**
     * Called while {@code rows} are being stored: the lease under which this node takes them for
     * delivery once their transaction commits, or empty when they should wait in the database
     * (no room, payloads too large, or delivery not running here). Room taken here is given back
     * when the drain takes the events, or at once if the transaction rolls back.
     */
    Optional<OffsetDateTime> leaseEnd(List<ProviderEvent> rows, OffsetDateTime now) {
        if (!running || !handover.reserve(rows.stream().map(ProviderEvent::getRaw).toList())) {
            return Optional.empty();
        }
        return Optional.of(now.plusSeconds(leaseSeconds));
    }

    /** Events committed on this node: handed over, or looked for in the database, now rather than at the next pass. */
    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventStore.EventsStored stored) {
        handover.committed(stored.handedOff());
    }

    /** The storing transaction rolled back: nothing to hand over, the room is free again. */
    void onRolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) EventStore.EventsStored stored) {
        handover.rolledBack(stored.handedOff());
    }

    @PreDestroy
    void stop() {
        running = false;
        drainers.forEach(Thread::interrupt);
        if (lanes != null) {
            lanes.shutdownNow();
        }
    }

    private void run() {
        long nextPass = System.nanoTime();
        boolean moreInDatabase = false;
        while (running) {
            try {
                Handover.Taken taken = handover.take(batchSize, moreInDatabase ? 0 : nextPass - System.nanoTime());
                if (taken != null && !taken.events().isEmpty()) {
                    send(taken.events());
                }
                boolean passDue = System.nanoTime() - nextPass >= 0;
                if (passDue || moreInDatabase || (taken != null && taken.lookInDatabase())) {
                    // One batch from the database at a time, between hand-overs, so neither starves the other.
                    moreInDatabase = deliverBatch() == batchSize;
                    if (passDue) {
                        nextPass = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(passMs);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                moreInDatabase = false;
                LOG.log(Level.WARNING, "Event delivery failed; its events are retried when their lease ends", e);
            }
        }
    }

    /** One batch from the database: claimed, sent, recorded. Returns how many were claimed. */
    int deliverBatch() {
        OffsetDateTime now = EventStore.now();
        List<Claimed> taken = claims.claim(batchSize, now, now.plusSeconds(leaseSeconds));
        if (!taken.isEmpty()) {
            send(taken);
        }
        return taken.size();
    }

    /** Sends claimed events in parallel lanes and records every outcome in one transaction. */
    private void send(List<Claimed> taken) {
        Map<Long, Optional<InstanceDirectory.Settings>> settings = new HashMap<>();
        for (Claimed claimed : taken) {
            settings.computeIfAbsent(claimed.instanceId(), targets::settings);
        }
        List<List<Claimed>> shares = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(concurrency, taken.size())); i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < taken.size(); i++) {
            shares.get(i % shares.size()).add(taken.get(i));
        }
        List<DeliveryClaims.Attempted> attempted = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Future<?>> sending = new ArrayList<>();
        for (List<Claimed> share : shares) {
            sending.add(lanes.submit(() -> share.forEach(claimed ->
                    deliver(claimed, settings.get(claimed.instanceId())).ifPresent(attempted::add))));
        }
        for (Future<?> lane : sending) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "An event delivery lane failed; its events are retried when their lease ends", e.getCause());
            }
        }
        // One transaction records the whole batch: a delivery costs the database a few statements, not a transaction.
        claims.record(attempted);
        attempted.forEach(a -> metrics.delivered(a.outcome(), Duration.ofMillis(a.result().durationMs())));
    }

    /**
     * One attempt, not yet recorded; empty when the instance is gone (its events went with it), or
     * when less than half of the claim's lease remains (the database hands it out again after it).
     */
    private Optional<DeliveryClaims.Attempted> deliver(Claimed claimed, Optional<InstanceDirectory.Settings> target) {
        OffsetDateTime attemptedAt = EventStore.now();
        long started = System.nanoTime();
        if (attemptedAt.isAfter(claimed.leaseEnd().minusSeconds(leaseSeconds / 2))) {
            return Optional.empty();
        }
        Optional<InstanceDirectory.Settings> found = target.filter(t -> t.organizationId() == claimed.organizationId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> configuration = found.get().configuration();
        String callback = configuration.get(InstanceConfigurationRule.CALLBACK_URL_KEY);
        if (!EventSettings.enabled(configuration) || callback == null || callback.isBlank()) {
            // Nothing to retry against: keep the event queued for a redelivery once events are back on.
            return Optional.of(new DeliveryClaims.Attempted(claimed, attemptedAt,
                    new Result(null, "Events are turned off or no callback URL is set.", 0), null));
        }
        Result result = post(claimed, callback.strip(), configuration.get(EventSettings.SIGNATURE_KEY), started);
        return Optional.of(new DeliveryClaims.Attempted(claimed, attemptedAt, result,
                result.delivered() ? null : retryAt(claimed.attempts() + 1)));
    }

    private Result post(Claimed claimed, String callback, String signatureKey, long started) {
        URI uri;
        try {
            uri = new URI(callback);
        } catch (URISyntaxException e) {
            return new Result(null, "The callback URL is not a URL.", 0);
        }
        byte[] body = CallbackMessages.body(claimed.id(), claimed.instanceId(), claimed.elementKey(), claimed.changes(), claimed.raw());
        ProviderRequest request = ProviderRequest.post(uri, false)
                .header(CallbackMessages.WEBHOOK_ID_HEADER, claimed.webhookId())
                .body(body, "application/json");
        if (signatureKey != null && !signatureKey.isEmpty()) {
            request = request.header(CallbackMessages.SIGNATURE_HEADER, CallbackMessages.signature(signatureKey, body));
        }
        ProviderResponse response = http.send(request);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (response instanceof ProviderResponse.Answered answered) {
            return new Result(answered.status(), answered.isSuccessful() ? null : "The callback answered " + answered.status() + ".", millis);
        }
        if (response instanceof ProviderResponse.Unreachable unreachable) {
            return new Result(null, "The callback is unreachable: " + unreachable.reason() + ".", millis);
        }
        if (response instanceof ProviderResponse.Refused refused) {
            return new Result(null, "The callback URL is refused: " + refused.reason(), millis);
        }
        return new Result(null, "The callback did not answer in time.", millis);
    }

    /** When retry {@code retry} (1-based) is due, or null once the retries are spent. */
    OffsetDateTime retryAt(int retry) {
        if (retry > maxRetries) {
            return null;
        }
        return EventStore.now().plus(retryDelay(firstRetryDelayMs, retry));
    }

    /** {@code first * 4^(retry-1)}: with 4 s first, retry x waits 2^(2x) s. */
    static Duration retryDelay(long firstDelayMs, int retry) {
        return Duration.ofMillis(firstDelayMs * (1L << (2 * (retry - 1))));
    }
}
