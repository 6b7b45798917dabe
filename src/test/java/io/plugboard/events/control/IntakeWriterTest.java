package io.plugboard.events.control;

import io.plugboard.events.entity.ProviderEvent;
import io.plugboard.platform.persistence.SchemaMigration;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit: webhooks waiting together share a transaction, keep their own ids, and never fail each other. */
class IntakeWriterTest {

    /** Records each transaction's batches; fails any transaction holding a poisoned instance. */
    static final class RecordingStore extends EventStore {
        final List<List<Long>> transactions = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong nextId = new AtomicLong(1);
        CountDownLatch firstCommit = new CountDownLatch(0);
        long poisoned = -1;

        @Override
        public List<List<Long>> storeAll(List<Batch> batches) {
            try {
                firstCommit.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Long> instances = batches.stream().map(b -> b.recipient().instanceId()).toList();
            if (instances.contains(poisoned)) {
                throw new IllegalStateException("instance " + poisoned + " was deleted meanwhile");
            }
            transactions.add(instances);
            return batches.stream().map(b -> b.notifications().stream().map(n -> nextId.getAndIncrement()).toList()).toList();
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final ExecutorService requests = Executors.newFixedThreadPool(8);
    private IntakeWriter writer;

    private IntakeWriter writer(int writers, long waitSeconds) {
        IntakeWriter created = new IntakeWriter();
        created.store = store;
        created.writers = writers;
        created.groupMax = 64;
        created.waitSeconds = waitSeconds;
        created.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable work) {
                Thread thread = new Thread(work);
                thread.setDaemon(true);
                return thread;
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        created.onSchemaReady(new SchemaMigration.SchemaReady());
        return created;
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
        requests.shutdownNow();
    }

    private static List<EventStore.Batch> webhook(long instanceId, int notifications) {
        List<Notification> batch = new ArrayList<>();
        for (int i = 0; i < notifications; i++) {
            batch.add(new Notification(List.of(), "{}"));
        }
        return List.of(new EventStore.Batch(new EventStore.Recipient(1, instanceId, "sample"), ProviderEvent.Origin.WEBHOOK, batch));
    }

    @Test
    void webhooksArrivingWhileATransactionIsWrittenShareTheNextOne() throws Exception {
        store.firstCommit = new CountDownLatch(1);
        writer = writer(1, 10);
        Future<Optional<List<List<Long>>>> first = requests.submit(() -> writer.store(webhook(1, 1)));
        Thread.sleep(200);   // the writer is now inside the first transaction, held by the latch
        List<Future<Optional<List<List<Long>>>>> waiting = new ArrayList<>();
        for (long instance = 2; instance <= 6; instance++) {
            long id = instance;
            waiting.add(requests.submit(() -> writer.store(webhook(id, 2))));
        }
        Thread.sleep(200);
        store.firstCommit.countDown();
        assertEquals(1, first.get(5, TimeUnit.SECONDS).orElseThrow().get(0).size());
        List<Long> all = new ArrayList<>();
        for (Future<Optional<List<List<Long>>>> request : waiting) {
            List<Long> ids = request.get(5, TimeUnit.SECONDS).orElseThrow().get(0);
            assertEquals(2, ids.size(), "each webhook gets the ids of its own events");
            all.addAll(ids);
        }
        assertEquals(10, all.stream().distinct().count());
        assertEquals(2, store.transactions.size(), "one transaction for the first, one for the five that waited: " + store.transactions);
        assertEquals(5, store.transactions.get(1).size());
    }

    @Test
    void oneFailingWebhookDoesNotFailTheOthersOfItsGroup() throws Exception {
        store.firstCommit = new CountDownLatch(1);
        store.poisoned = 4;
        writer = writer(1, 10);
        requests.submit(() -> writer.store(webhook(1, 1)));
        Thread.sleep(200);
        List<Future<Optional<List<List<Long>>>>> waiting = new ArrayList<>();
        for (long instance = 2; instance <= 6; instance++) {
            long id = instance;
            waiting.add(requests.submit(() -> writer.store(webhook(id, 1))));
        }
        Thread.sleep(200);
        store.firstCommit.countDown();
        for (int i = 0; i < waiting.size(); i++) {
            long instance = i + 2;
            if (instance == 4) {
                Exception failed = assertThrows(Exception.class, () -> waiting.get(2).get(5, TimeUnit.SECONDS));
                assertTrue(failed.getCause() instanceof IllegalStateException, failed::toString);
            } else {
                assertTrue(waiting.get(i).get(5, TimeUnit.SECONDS).isPresent(), "instance " + instance + " was stored");
            }
        }
        assertTrue(store.transactions.stream().noneMatch(t -> t.contains(4L)));
        assertEquals(5, store.transactions.stream().mapToInt(List::size).sum(), "1 + the four healthy ones");
    }

    @Test
    void aCommitThatDoesNotComeInTimeIsNoAnswer() {
        store.firstCommit = new CountDownLatch(1);   // never released: the database hangs
        writer = writer(1, 1);
        assertTrue(writer.store(webhook(1, 1)).isEmpty());
        store.firstCommit.countDown();
    }

    @Test
    void withoutWritersEachWebhookIsStoredOnTheCallersThread() {
        writer = writer(0, 10);
        assertEquals(List.of(List.of(1L, 2L)), writer.store(webhook(1, 2)).orElseThrow());
        assertEquals(1, store.transactions.size());
    }
}
