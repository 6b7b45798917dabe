package io.plugboard.events.control;

import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.proxy.control.HubReads;
import io.plugboard.proxy.control.HubUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One poll of {@link EventPolling} without a server: the rows and the hub are played in memory.
 * Pins what is stored and when (the window end taken before the first provider call, the next
 * poll one interval on), and that a failure stores nothing and backs off.
 */
class EventPollingTest {

    static final long ORGANIZATION = 1;
    static final long INSTANCE = 42;
    static final OffsetDateTime POLLED_UNTIL = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);

    /** The rows' transactions, noted instead of run. */
    static final class NotedRows extends PollerRows {
        Outcome<Polled> instance;
        final List<List<Notification>> stored = new ArrayList<>();
        OffsetDateTime windowEnd;
        OffsetDateTime next;
        String error;
        OffsetDateTime retryAt;
        OffsetDateTime skippedTo;

        @Override
        Outcome<Polled> instance(long organizationId, long instanceId) {
            return instance;
        }

        @Override
        boolean polled(Claim claim, String elementKey, List<Notification> notifications, OffsetDateTime windowEnd,
                       OffsetDateTime now, OffsetDateTime next) {
            stored.add(notifications);
            this.windowEnd = windowEnd;
            this.next = next;
            return true;
        }

        @Override
        void failed(Claim claim, String error, OffsetDateTime now, OffsetDateTime retryAt) {
            this.error = error;
            this.retryAt = retryAt;
        }

        @Override
        void skipped(Claim claim, OffsetDateTime next) {
            skippedTo = next;
        }
    }

    /** The provider behind the instance's hub resources: one answer per URL asked, in order. */
    static final class ScriptedHub extends HubReads {
        final List<Outcome<ProviderResponse.Answered>> answers = new ArrayList<>();
        final List<String> asked = new ArrayList<>();
        OffsetDateTime firstCallAt;

        @Override
        public Outcome<ProviderResponse.Answered> get(long organizationId, long instanceId, HubUrl url, int maxBodyBytes) {
            if (firstCallAt == null) {
                firstCallAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
            asked.add(url.toString());
            return answers.isEmpty() ? ResourcePollTest.ok("[]") : answers.remove(0);
        }
    }

    NotedRows rows;
    ScriptedHub hub;
    EventPolling polling;
    Map<String, String> configuration;

    @BeforeEach
    void setUp() {
        rows = new NotedRows();
        hub = new ScriptedHub();
        polling = new EventPolling();
        polling.rows = rows;
        polling.hub = hub;
        polling.defaultIntervalMinutes = 15;
        polling.maxBackoffMinutes = 60;
        polling.maxPageBytes = 1000;
        configuration = new HashMap<>(Map.of("event.notification.enabled", "true", "event.poller.refresh_interval", "5",
                "event.poller.configuration", "{\"contacts\": {\"url\": \"/hubs/crm/contacts?since=${epoch:s}\", \"idField\": \"id\","
                        + " \"datesConfiguration\": {\"updatedDateField\": \"u\", \"updatedDateFormat\": \"epoch\","
                        + " \"createdDateField\": \"c\", \"createdDateFormat\": \"epoch\"}},"
                        + " \"deals\": {\"url\": \"/hubs/crm/deals\", \"idField\": \"id\"}}"));
        instance(false);
    }

    void instance(boolean disabled) {
        rows.instance = Outcome.success(new PollerRows.Polled(new InstanceService.Configured("crm-element", configuration), disabled));
    }

    void poll() {
        polling.poll(new PollerRows.Claim(INSTANCE, ORGANIZATION, POLLED_UNTIL, 0));
    }

    static Outcome<ProviderResponse.Answered> ok(String body) {
        return Outcome.success(new ProviderResponse.Answered(200, Map.of(), body.getBytes(StandardCharsets.UTF_8), false));
    }

    @Test
    void storesEveryResourcesChangesAndMovesTheWindowToBeforeTheFirstCall() {
        long since = POLLED_UNTIL.toEpochSecond();
        hub.answers.add(ok("[{\"id\": 1, \"c\": " + (since + 5) + ", \"u\": " + (since + 5) + "},"
                + " {\"id\": 2, \"c\": " + (since - 500) + ", \"u\": " + (since + 60) + "},"
                + " {\"id\": 3, \"c\": " + (since - 500) + ", \"u\": " + (since - 1) + "}]"));
        hub.answers.add(ok("[{\"id\": \"d-1\"}]"));
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusNanos(1000);
        poll();

        assertEquals(List.of("/hubs/crm/contacts?since=" + since, "/hubs/crm/deals"), hub.asked);
        assertEquals(1, rows.stored.size());
        List<Notification> notifications = rows.stored.get(0);
        assertEquals(2, notifications.size(), "one notification per resource");
        assertEquals(List.of("1:CREATED", "2:UPDATED"), notifications.get(0).changes().stream()
                .map(c -> c.objectId() + ":" + c.eventType()).toList());
        assertEquals(List.of("d-1:UNKNOWN"), notifications.get(1).changes().stream()
                .map(c -> c.objectId() + ":" + c.eventType()).toList());
        assertTrue(notifications.get(1).raw().startsWith("{\"objectType\":\"deals\",\"deals\":["));
        assertFalse(rows.windowEnd.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        assertFalse(rows.windowEnd.isAfter(hub.firstCallAt), "the window ends before the first provider call");
        assertTrue(Math.abs(Duration.between(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5), rows.next).toSeconds()) < 5,
                "the next poll is one refresh_interval on");
        assertNull(rows.error);
    }

    @Test
    void aWindowWithoutChangesStillMovesThePoller() {
        poll();
        assertEquals(List.of(List.of()), rows.stored);
        assertTrue(rows.windowEnd != null);
    }

    @Test
    void eventObjectsNarrowTheResourcesRead() {
        configuration.put("event.objects", "deals");
        instance(false);
        poll();
        assertEquals(List.of("/hubs/crm/deals"), hub.asked);
    }

    @Test
    void aFailingResourceStoresNothingAndBacksOff() {
        hub.answers.add(ok("[]"));
        hub.answers.add(Outcome.success(new ProviderResponse.Answered(500, Map.of(), "{\"error\": \"down\"}".getBytes(StandardCharsets.UTF_8), false)));
        poll();

        assertTrue(rows.stored.isEmpty());
        assertEquals("Resource 'deals': GET /hubs/crm/deals answered 500. The provider said: {\"error\": \"down\"}", rows.error);
        assertTrue(Math.abs(Duration.between(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10), rows.retryAt).toSeconds()) < 5,
                "first failure: twice the interval");
    }

    @Test
    void aBadConfigurationIsAFailureToo() {
        configuration.put("event.poller.configuration", "{\"contacts\": {}}");
        instance(false);
        poll();
        assertTrue(rows.stored.isEmpty());
        assertTrue(hub.asked.isEmpty());
        assertTrue(rows.error.contains("resource 'contacts': url is required"), rows.error);
    }

    @Test
    void aDisabledInstanceOrEventsOffIsSkippedWithoutAnError() {
        instance(true);
        poll();
        assertTrue(hub.asked.isEmpty());
        assertTrue(rows.stored.isEmpty());
        assertNull(rows.error);
        assertTrue(rows.skippedTo.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(4)));

        rows.skippedTo = null;
        configuration.put("event.notification.enabled", "false");
        instance(false);
        poll();
        assertTrue(hub.asked.isEmpty());
        assertTrue(rows.skippedTo != null);
    }

    @Test
    void aDeletedInstanceIsLeftAlone() {
        rows.instance = Outcome.notFound("No instance with id 42.");
        poll();
        assertTrue(hub.asked.isEmpty());
        assertTrue(rows.stored.isEmpty());
        assertNull(rows.error);
        assertNull(rows.skippedTo);
    }

    @Test
    void backoffDoublesPerFailureUpToTheCap() {
        assertEquals(Duration.ofMinutes(30), EventPolling.backoff(15, 1, 60));
        assertEquals(Duration.ofMinutes(60), EventPolling.backoff(15, 2, 60));
        assertEquals(Duration.ofMinutes(60), EventPolling.backoff(15, 40, 60));
        assertEquals(Duration.ofMinutes(90), EventPolling.backoff(90, 3, 60), "never sooner than the interval itself");
    }

    @Test
    void pollingIsOnWhileEventsAreOnAndNotByWebhook() {
        assertTrue(EventPolling.pollingOn(Map.of("event.notification.enabled", "true")));
        assertTrue(EventPolling.pollingOn(Map.of("event.notification.enabled", "true", "event.vendor.type", "polling")));
        assertFalse(EventPolling.pollingOn(Map.of("event.notification.enabled", "true", "event.vendor.type", "webhook")));
        assertFalse(EventPolling.pollingOn(Map.of("event.notification.enabled", "false")));
        assertFalse(EventPolling.pollingOn(Map.of()));
    }
}
