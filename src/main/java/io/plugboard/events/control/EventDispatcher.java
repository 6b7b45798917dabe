package io.plugboard.events.control;

import io.plugboard.events.control.DeliveryClaims.Claimed;
import io.plugboard.events.control.DeliveryClaims.Result;
import io.plugboard.instances.control.InstanceConfigurationRule;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers stored events to the applications' callbacks, at least once, from any node.
 *
 * <p>Each drain takes a batch of due events with {@link DeliveryClaims#claim} (a lease, so a node
 * that dies mid-delivery only delays the event until the lease ends and another node takes it),
 * POSTs them in parallel outside any transaction, and records each outcome: notified on any 2xx,
 * otherwise retry <i>x</i> after {@code first-delay * 4^(x-1)} (4 s, 16 s, 64 s ... as Cloud
 * Elements: 2^(2x) s) for up to {@code retry.max} retries, then queued until redelivered.
 *
 * <p>Long-lived threads of the container's {@code ManagedThreadFactory} ({@code dispatch.threads}
 * per node) drain: every {@code pass-ms}, and at once when a commit on this node stored events and
 * released their semaphore. Each claims its own batches, so they never send the same event.
 * Request threads only release the semaphore; they never hand work to an executor, whose task
 * would carry the request's context (and its closed entity manager) along.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());

    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedExecutorService workers;

    @Inject
    DeliveryClaims claims;
    @Inject
    InstanceService instances;
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
    /** Longer than a callback may take (the provider read timeout), so a lease never ends mid-call. */
    @Inject
    @ConfigProperty(name = "plugboard.events.dispatch.lease-seconds", defaultValue = "120")
    long leaseSeconds;
    @Inject
    @ConfigProperty(name = "plugboard.events.retry.first-delay-ms", defaultValue = "4000")
    long firstRetryDelayMs;
    @Inject
    @ConfigProperty(name = "plugboard.events.retry.max", defaultValue = "9")
    int maxRetries;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private final List<Thread> drainers = new ArrayList<>();

    void onSchemaReady(@Observes SchemaReady ready) {
        if (passMs > 0) {
            running = true;
            for (int i = 0; i < Math.max(1, drainThreads); i++) {
                Thread drainer = threads.newThread(this::run);
                drainer.setName("plugboard-event-dispatcher-" + i);
                drainer.start();
                drainers.add(drainer);
            }
        }
    }

    /** Events committed on this node: deliver now rather than at the next pass. */
    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventStore.EventsStored stored) {
        wake.release();
    }

    @PreDestroy
    void stop() {
        running = false;
        drainers.forEach(Thread::interrupt);
    }

    private void run() {
        while (running) {
            try {
                wake.tryAcquire(passMs, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Delivers until nothing is due; a failure is logged and the next pass tries again. */
    void drain() {
        try {
            while (running && deliverBatch() == batchSize) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Event delivery pass failed; its events are retried when their lease ends", e);
        }
    }

    /** One batch: claimed, sent in parallel, each outcome recorded. Returns how many were claimed. */
    int deliverBatch() {
        OffsetDateTime now = EventStore.now();
        List<Claimed> taken = claims.claim(batchSize, now, now.plusSeconds(leaseSeconds));
        if (taken.isEmpty()) {
            return 0;
        }
        Map<Long, Outcome<InstanceService.Configured>> targets = claims.targets(taken);
        List<List<Claimed>> lanes = new ArrayList<>();
        for (int i = 0; i < Math.max(1, concurrency); i++) {
            lanes.add(new ArrayList<>());
        }
        for (int i = 0; i < taken.size(); i++) {
            lanes.get(i % lanes.size()).add(taken.get(i));
        }
        List<DeliveryClaims.Attempted> attempted = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Future<?>> sending = new ArrayList<>();
        for (List<Claimed> lane : lanes) {
            if (!lane.isEmpty()) {
                sending.add(workers.submit(() -> lane.forEach(claimed ->
                        deliver(claimed, targets.get(claimed.instanceId())).ifPresent(attempted::add))));
            }
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
        return taken.size();
    }

    /** One attempt, not yet recorded; empty when the instance is gone (its events went with it). */
    private Optional<DeliveryClaims.Attempted> deliver(Claimed claimed, Outcome<InstanceService.Configured> target) {
        OffsetDateTime attemptedAt = EventStore.now();
        long started = System.nanoTime();
        if (!(target instanceof Outcome.Success<InstanceService.Configured> found)) {
            return Optional.empty();
        }
        Map<String, String> configuration = found.value().configuration();
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
