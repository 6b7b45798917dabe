package io.plugboard.events.control;

import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for provider webhooks: the events of webhooks that arrive while a transaction is
 * being written are stored together in the next one, so a burst costs the database one
 * transaction (one connection, one commit, one WAL flush) per group rather than per webhook.
 * Each webhook is still kept whole or not at all, and its request is answered only after the
 * transaction holding its events has committed.
 *
 * <p>Writer threads ({@code intake.writers}, from the container's {@code ManagedThreadFactory})
 * take whatever is waiting, up to {@code intake.group-max} webhooks, and commit it. When a group's
 * transaction fails, each of its webhooks is written again on its own, so one webhook's failure
 * (an instance deleted meanwhile) never fails another's. A request waits at most
 * {@code intake.wait-seconds}; then it is told the events are not known to be stored (the
 * provider sends the webhook again, as it does after any failed answer). Without writers (or
 * before they start) a webhook is stored in a transaction of its own, on the request's thread.
 */
@ApplicationScoped
public class IntakeWriter {

    private static final Logger LOG = Logger.getLogger(IntakeWriter.class.getName());

    @Resource
    ManagedThreadFactory threads;
    @Inject
    EventStore store;

    /** Writer threads per node; 0 stores each webhook in its own transaction on the request's thread. */
    @Inject
    @ConfigProperty(name = "plugboard.events.intake.writers", defaultValue = "2")
    int writers;
    /** Webhooks stored in one transaction, at most. */
    @Inject
    @ConfigProperty(name = "plugboard.events.intake.group-max", defaultValue = "64")
    int groupMax;
    /** How long a webhook's request waits for its commit before it is answered 503. */
    @Inject
    @ConfigProperty(name = "plugboard.events.intake.wait-seconds", defaultValue = "30")
    long waitSeconds;

    /** One webhook's events waiting for a writer, and where its ids go once committed. */
    private record Pending(List<EventStore.Batch> batches, CompletableFuture<List<List<Long>>> stored) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean accepting;

    void onSchemaReady(@Observes SchemaReady ready) {
        if (writers <= 0) {
            return;
        }
        accepting = true;
        for (int i = 0; i < writers; i++) {
            Thread writer = threads.newThread(this::run);
            writer.setName("plugboard-event-intake-" + i);
            writer.start();
            running.add(writer);
        }
    }

    @PreDestroy
    void stop() {
        accepting = false;
        running.forEach(Thread::interrupt);
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.stored().completeExceptionally(new IllegalStateException("The node is shutting down.")));
    }

    /**
     * Stores one webhook's batches, all or none; each batch's event ids once committed, or empty
     * when the commit did not happen in time. A failure of the transaction is thrown as it is.
     */
    public Optional<List<List<Long>>> store(List<EventStore.Batch> batches) {
        if (!accepting) {
            return Optional.of(store.storeAll(batches));
        }
        Pending pending = new Pending(List.copyOf(batches), new CompletableFuture<>());
        queue.add(pending);
        try {
            return Optional.of(pending.stored().get(waitSeconds, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        while (accepting) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> group = new ArrayList<>();
                group.add(first);
                queue.drainTo(group, Math.max(0, groupMax - 1));
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commit(List<Pending> group) {
        List<EventStore.Batch> all = new ArrayList<>();
        group.forEach(p -> all.addAll(p.batches()));
        List<List<Long>> ids;
        try {
            ids = store.storeAll(all);
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).stored().completeExceptionally(e);
                return;
            }
            LOG.log(Level.INFO, "A group of " + group.size() + " webhooks failed to commit; storing each on its own", e);
            group.forEach(this::commitAlone);
            return;
        }
        int next = 0;
        for (Pending pending : group) {
            pending.stored().complete(List.copyOf(ids.subList(next, next + pending.batches().size())));
            next += pending.batches().size();
        }
    }

    private void commitAlone(Pending pending) {
        try {
            pending.stored().complete(store.storeAll(pending.batches()));
        } catch (RuntimeException e) {
            pending.stored().completeExceptionally(e);
        }
    }
}
