package io.plugboard.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.model.ClearType;
import org.mockserver.model.HttpRequest;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Polling for events end to end: an element whose poller reads a paged list at MockServer, an
 * instance with polling on (its poller row made by the instance write), and the scheduled pass
 * (every second here). A provider failure stores nothing, keeps the window, records the error and
 * backs off; a read window is stored as events (created, updated, deleted; records from before the
 * window left out) together with the poller's move; the next window does not repeat them. The
 * poller is made due, and its window placed, through the database, as only time would otherwise.
 */
class EventPollingIT extends OrganizationTestBase {

    private static final DateTimeFormatter PROVIDER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private String elementKey;
    private String listPath;
    private String callbackPath;

    @BeforeEach
    void pollingElement() {
        elementKey = unique("polled").toLowerCase();
        listPath = "/" + elementKey + "/contacts";
        callbackPath = "/app/" + elementKey + "/events";
        var element = hub.post("elements", """
                {"name": "Polled CRM", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
                 "resources": [{"path": "/contacts", "method": "GET", "vendorPath": "/contacts", "vendorMethod": "GET",
                                "parameters": [{"name": "page", "vendorName": "page", "type": "query", "vendorType": "query", "required": false},
                                               {"name": "pageSize", "vendorName": "per_page", "type": "query", "vendorType": "query", "required": false}]}],
                 "events": {"supported": true, "methods": ["polling"],
                            "polling": {"contacts": {
                              "url": "/hubs/crm/contacts?updated_since=${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}",
                              "idField": "id", "recordsPath": "/items", "deletedField": "deleted_at", "createdCheckTolerance": 2,
                              "datesConfiguration": {"updatedDateField": "updated_at", "updatedDateFormat": "yyyy-MM-dd'T'HH:mm:ssX",
                                                     "createdDateField": "created_at", "createdDateFormat": "yyyy-MM-dd'T'HH:mm:ssX"},
                              "pageSize": 2, "paging": {"type": "page", "sizeParameter": "pageSize", "maxPages": 5}}}}}
                """.formatted(elementKey, TestEnvironment.mockServerUrl() + "/" + elementKey), owner);
        assertEquals(200, element.status(), element::toString);
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
    }

    private long provision() {
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "name": "%s",
                 "configuration": {"username": "ada", "password": "p4ss", "event.notification.enabled": "true",
                                   "event.vendor.type": "polling", "event.poller.refresh_interval": "1",
                                   "event.notification.callback.url": "%s"}}
                """.formatted(elementKey, unique("polling"), TestEnvironment.mockServerUrl() + callbackPath), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonNumber("id").longValue();
    }

    private void answerPage(int page, String items) {
        provider.when(request().withMethod("GET").withPath(listPath).withQueryStringParameter("page", String.valueOf(page)))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"items\": [" + items + "], \"meta\": {\"page\": " + page + "}}"));
    }

    private static String record(String id, OffsetDateTime created, OffsetDateTime updated, boolean deleted) {
        return "{\"id\": \"%s\", \"name\": \"Contact %s\", \"created_at\": \"%s\", \"updated_at\": \"%s\", \"deleted_at\": %s}"
                .formatted(id, id, PROVIDER_DATE.format(created), PROVIDER_DATE.format(updated),
                        deleted ? "\"" + PROVIDER_DATE.format(updated) + "\"" : "null");
    }

    /** The poller row as stored: polled_until, next_poll_at, last_poll_at, failures, last_error. */
    private record Poller(OffsetDateTime polledUntil, OffsetDateTime nextPollAt, OffsetDateTime lastPollAt, int failures,
                          String lastError) {
    }

    private static Poller poller(long instanceId) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement query = connection.prepareStatement("SELECT polled_until, next_poll_at, last_poll_at, failures,"
                     + " last_error FROM event_poller WHERE instance_id = ?")) {
            query.setLong(1, instanceId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the instance write made its poller");
                return new Poller(row.getObject(1, OffsetDateTime.class), row.getObject(2, OffsetDateTime.class),
                        row.getObject(3, OffsetDateTime.class), row.getInt(4), row.getString(5));
            }
        }
    }

    /** Places the poller's window start and makes it due now, as time would. */
    private static void dueFrom(long instanceId, OffsetDateTime polledUntil) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE event_poller SET polled_until = ?, next_poll_at = ? WHERE instance_id = ?")) {
            update.setObject(1, polledUntil);
            update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
            update.setLong(3, instanceId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static <T> T await(String what, Callable<T> read, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        T value = read.call();
        while (!done.test(value)) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting until " + what + "; last " + value);
            Thread.sleep(100);
            value = read.call();
        }
        return value;
    }

    private JsonArray events(long instanceId) {
        var reply = hub.get("instances/" + instanceId + "/events", owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.jsonArray();
    }

    private static long storedEvents(long instanceId) throws SQLException {
        return TestDatabase.number("SELECT COUNT(*) FROM provider_event WHERE instance_id = " + instanceId);
    }

    private HttpRequest[] listCalls() {
        return received(listPath);
    }

    @Test
    void aFailingProviderStoresNothingKeepsTheWindowAndBacksOff() throws Exception {
        provider.when(request().withMethod("GET").withPath(listPath))
                .respond(response().withStatusCode(500).withBody("{\"error\": \"maintenance\"}"));
        long id = provision();
        Poller first = await("the first poll failed", () -> poller(id), p -> p.failures() == 1);
        assertTrue(first.lastError().contains("answered 500") && first.lastError().contains("maintenance"), first.lastError());

        OffsetDateTime windowStart = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        dueFrom(id, windowStart);
        OffsetDateTime beforeSecond = OffsetDateTime.now(ZoneOffset.UTC);
        Poller second = await("the second poll failed", () -> poller(id), p -> p.failures() == 2);

        assertEquals(0, storedEvents(id), "a failed window stores nothing");
        assertTrue(second.polledUntil().isEqual(windowStart), "the window stays where it was: " + second.polledUntil());
        assertTrue(second.lastPollAt().isAfter(beforeSecond.minusSeconds(1)));
        Duration backoff = Duration.between(second.lastPollAt(), second.nextPollAt());
        assertEquals(4, Math.round(backoff.toSeconds() / 60.0), "1 minute interval, twice doubled: " + backoff);
        assertEquals(PROVIDER_DATE.format(windowStart),
                listCalls()[listCalls().length - 1].getFirstQueryStringParameter("updated_since"),
                "the provider was asked for what changed since the window start");
    }

    @Test
    void aWindowIsStoredAsEventsAcrossPagesAndTheNextWindowDoesNotRepeatIt() throws Exception {
        // Not answered at first: the poll that provisioning makes due fails, and the test places the window itself.
        provider.when(request().withMethod("GET").withPath(listPath)).respond(response().withStatusCode(503));
        long id = provision();
        await("the first poll failed", () -> poller(id), p -> p.failures() == 1);
        provider.clear(request().withPath(listPath), ClearType.EXPECTATIONS);

        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime longAgo = start.minusDays(3);
        answerPage(1, record("c-1", start.plusMinutes(1), start.plusMinutes(1), false) + ","
                + record("u-1", longAgo, start.plusMinutes(2), false));
        answerPage(2, record("old-1", longAgo, start.minusMinutes(1), false) + ","
                + record("d-1", longAgo, start.plusMinutes(3), true));
        answerPage(3, record("c-2", start.plusMinutes(4), start.plusMinutes(4).plusSeconds(1), false));
        int callsBefore = listCalls().length;

        OffsetDateTime beforePoll = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        dueFrom(id, start);
        Poller polled = await("the window was read", () -> poller(id), p -> p.failures() == 0 && p.lastPollAt() != null);

        HttpRequest[] calls = listCalls();
        assertEquals(3, calls.length - callsBefore, "pages 1 to 3, the short third page ends the list");
        for (int i = 0; i < 3; i++) {
            HttpRequest call = calls[callsBefore + i];
            assertEquals(String.valueOf(i + 1), call.getFirstQueryStringParameter("page"));
            assertEquals("2", call.getFirstQueryStringParameter("per_page"), "pageSize moved to its vendor name");
            assertEquals(PROVIDER_DATE.format(start), call.getFirstQueryStringParameter("updated_since"));
            assertTrue(call.getFirstHeader("Authorization").startsWith("Basic "), "the instance's credentials");
        }

        JsonArray stored = events(id);
        assertEquals(1, stored.size(), "five changes, one notification: " + stored);
        JsonObject event = stored.getJsonObject(0);
        assertEquals("polling", event.getString("origin"));
        List<String> changes = event.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("objectType") + ":" + c.getString("objectId") + ":" + c.getString("eventType")).toList();
        assertEquals(List.of("contacts:c-1:CREATED", "contacts:u-1:UPDATED", "contacts:d-1:DELETED", "contacts:c-2:CREATED"),
                changes, "old-1 was last updated before the window");
        assertEquals(PROVIDER_DATE.format(start.plusMinutes(2)),
                event.getJsonArray("events").getJsonObject(1).getString("date"), "an event's date is its record's updated date");
        JsonObject raw = Json.createReader(new StringReader(event.getString("providerData"))).readObject();
        assertEquals("contacts", raw.getString("objectType"));
        assertEquals(List.of("c-1", "u-1", "d-1", "c-2"), raw.getJsonArray("contacts").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("id")).toList(), "the raw data is the records of the notification");

        assertTrue(polled.polledUntil().isAfter(start), "the window moved with its events");
        assertFalse(polled.polledUntil().isBefore(beforePoll), "to a time taken at the poll");
        assertNull(polled.lastError());
        var shown = hub.get("instances/" + id + "/events/poller", owner);
        assertEquals(200, shown.status(), shown::toString);
        assertEquals(0, shown.json().getInt("failures"), "the API shows the poller as stored: " + shown);
        Duration next = Duration.between(polled.lastPollAt(), polled.nextPollAt());
        assertEquals(60.0, next.toSeconds(), 2.0, "the next poll one refresh_interval on");

        // The next window starts where this one ended: the same answer holds nothing new.
        dueFrom(id, polled.polledUntil());
        Poller again = await("the next window was read", () -> poller(id), p -> p.lastPollAt().isAfter(polled.lastPollAt()));
        assertEquals(1, storedEvents(id), "the first window's records are not reported again");
        assertEquals(PROVIDER_DATE.format(polled.polledUntil()),
                listCalls()[listCalls().length - 1].getFirstQueryStringParameter("updated_since"));
        assertTrue(again.polledUntil().isAfter(polled.polledUntil()), "an empty window moves the poller too");
        assertEquals(0, again.failures());
    }
}
