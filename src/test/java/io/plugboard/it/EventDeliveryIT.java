package io.plugboard.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.model.HttpRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Delivery of stored events to the application's callback, as Cloud Elements delivers them: the
 * message shape, the webhook id and the signature (recomputed here with the JDK's HMAC, not the
 * hub's code), retries on the (shortened) schedule, queueing, redelivery, the read endpoints and
 * their paging, and another organization's ids. Events are written straight into the database,
 * as the intake would write them, so that these tests cover delivery alone.
 */
class EventDeliveryIT extends OrganizationTestBase {

    private static final String SIGNATURE_KEY = "abcd1234efgh5678";

    private String elementKey;
    private String callbackPath;

    @BeforeEach
    void eventsElement() {
        elementKey = unique("evented").toLowerCase();
        callbackPath = "/app/" + elementKey + "/events";
        var element = hub.post("elements", """
                {"name": "Evented CRM", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
                 "resources": [],
                 "events": {"supported": true, "methods": ["webhook"],
                            "webhook": {"routing": ["path"], "changes": {"objectId": "/id"}}}}
                """.formatted(elementKey, TestEnvironment.mockServerUrl() + "/" + elementKey), owner);
        assertEquals(200, element.status(), element::toString);
    }

    private String callbackUrl() {
        return TestEnvironment.mockServerUrl() + callbackPath;
    }

    private JsonObject provision(String extraConfiguration) {
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "name": "%s",
                 "configuration": {"username": "ada", "password": "p4ss", "event.notification.enabled": "true",
                                   "event.notification.callback.url": "%s" %s}}
                """.formatted(elementKey, unique("events"), callbackUrl(), extraConfiguration), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** Writes one RECEIVED event the way the intake does; returns its id. */
    private static long storeEvent(long instanceId, String raw) throws SQLException {
        return storeEvent(instanceId, raw, OffsetDateTime.now());
    }

    private static long storeEvent(long instanceId, String raw, OffsetDateTime received) throws SQLException {
        long organization = TestDatabase.number("SELECT organization_id FROM instance WHERE id = " + instanceId);
        long id = TestDatabase.number("SELECT nextval('provider_event_seq')");
        String key = TestDatabase.string("SELECT element_key FROM instance WHERE id = " + instanceId);
        String changes = "[{\"objectType\":\"contacts\",\"objectId\":\"42\",\"eventType\":\"UPDATED\",\"elementKey\":\""
                + key + "\",\"date\":\"2026-12-01T10:00:00Z\"}]";
        String now = "TIMESTAMP WITH TIME ZONE '" + received + "'";
        TestDatabase.execute(("INSERT INTO provider_event (id, organization_id, instance_id, element_key, origin, status,"
                + " webhook_id, changes, raw, attempts, next_attempt_at, received_at, updated_at) VALUES"
                + " (%d, %d, %d, '%s', 'WEBHOOK', 'RECEIVED', '%s', '%s', '%s', 0, %s, %s, %s)")
                .formatted(id, organization, instanceId, key, UUID.randomUUID(), changes, raw.replace("'", "''"), now, now, now));
        return id;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting until " + what);
            Thread.sleep(100);
        }
    }

    private JsonObject event(long instanceId, long eventId) {
        var reply = hub.get("instances/" + instanceId + "/events/" + eventId, owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static String hmac(String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Test
    void aNotificationCarriesTheCloudElementsMessageWebhookIdAndSignature() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        JsonObject instance = provision(", \"event.notification.signature.key\": \"" + SIGNATURE_KEY + "\"");
        long id = instance.getJsonNumber("id").longValue();
        assertTrue(instance.getBoolean("eventsEnabled"));
        assertEquals(callbackUrl(), instance.getString("eventsNotificationCallbackUrl"));
        assertEquals("********", instance.getJsonObject("configuration").getString("event.notification.signature.key"),
                "the signature key is a secret");

        long eventId = storeEvent(id, "{\"id\": 42, \"name\": \"Ada\"}");
        await("the callback was called", () -> received(callbackPath).length == 1);

        HttpRequest delivered = received(callbackPath)[0];
        byte[] body = delivered.getBodyAsRawBytes();
        assertEquals(hmac(SIGNATURE_KEY, body), delivered.getFirstHeader("Elements-Webhook-Signature"),
                "sha256= and the base64 HMAC-SHA256 of the exact body under the instance's key");
        JsonObject message = jakarta.json.Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))
                .readObject().getJsonObject("message");
        assertEquals(eventId, message.getJsonNumber("eventId").longValue());
        assertEquals(id, message.getJsonNumber("instanceId").longValue());
        assertEquals(id, message.getJsonNumber("instance_id").longValue());
        assertEquals(elementKey, message.getString("elementKey"));
        JsonObject change = message.getJsonArray("events").getJsonObject(0);
        assertEquals("contacts", change.getString("objectType"));
        assertEquals("42", change.getString("objectId"));
        assertEquals("UPDATED", change.getString("eventType"));
        assertEquals(elementKey, change.getString("elementKey"));
        assertEquals("2026-12-01T10:00:00Z", change.getString("date"));
        assertEquals("Ada", message.getJsonObject("raw").getString("name"));

        await("the event is NOTIFIED", () -> "NOTIFIED".equals(event(id, eventId).getString("status")));
        JsonObject read = event(id, eventId);
        assertEquals(delivered.getFirstHeader("Elements-Webhook-Id"), read.getString("webhookId"));
        JsonArray deliveries = read.getJsonArray("deliveries");
        assertEquals(1, deliveries.size());
        assertEquals(200, deliveries.getJsonObject(0).getInt("statusCode"));
        assertEquals(read, hub.get("instances/events/" + eventId, owner).json(), "the organization-wide path reads the same event");
        assertEquals(read, hub.get("instances/events/" + eventId, elementAuth(instance)).json(), "and so does the token path");
    }

    @Test
    void aRotatedSignatureKeySignsTheNextNotification() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        long id = provision(", \"event.notification.signature.key\": \"" + SIGNATURE_KEY + "\"").getJsonNumber("id").longValue();
        var rotated = hub.send("PATCH", "instances/" + id,
                "{\"configuration\": {\"event.notification.signature.key\": \"rotated-key-0987\"}}", "application/json", owner);
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals("********", rotated.json().getJsonObject("configuration").getString("event.notification.signature.key"));
        assertEquals(0, TestDatabase.number("SELECT COUNT(*) FROM instance_configuration WHERE instance_id = " + id
                + " AND config_key = 'event.notification.signature.key' AND property_value IS NOT NULL"), "the key is stored encrypted only");

        storeEvent(id, "{}");
        await("the callback was called", () -> received(callbackPath).length == 1);
        HttpRequest delivered = received(callbackPath)[0];
        assertEquals(hmac("rotated-key-0987", delivered.getBodyAsRawBytes()), delivered.getFirstHeader("Elements-Webhook-Signature"));
    }

    @Test
    void aFailingCallbackIsRetriedOnScheduleThenQueuedThenRedelivered() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(503));
        long id = provision("").getJsonNumber("id").longValue();
        long eventId = storeEvent(id, "{\"id\": 7}");

        await("the event is QUEUED", () -> "QUEUED".equals(event(id, eventId).getString("status")));
        HttpRequest[] tries = received(callbackPath);
        int attempts = 1 + TestEnvironment.EVENT_RETRIES;
        assertEquals(attempts, tries.length, "one attempt and every retry, then no more");
        for (HttpRequest attempt : tries) {
            assertEquals(tries[0].getFirstHeader("Elements-Webhook-Id"), attempt.getFirstHeader("Elements-Webhook-Id"),
                    "the same webhook id on every attempt");
            assertEquals(tries[0].getBodyAsString(), attempt.getBodyAsString(), "the same body on every attempt");
        }
        JsonArray deliveries = event(id, eventId).getJsonArray("deliveries");
        assertEquals(attempts, deliveries.size());
        for (int retry = 1; retry < attempts; retry++) {
            long waited = java.time.Duration.between(
                    OffsetDateTime.parse(deliveries.getJsonObject(retry - 1).getString("date")),
                    OffsetDateTime.parse(deliveries.getJsonObject(retry).getString("date"))).toMillis();
            long scheduled = TestEnvironment.EVENT_RETRY_FIRST_DELAY_MS << (2 * (retry - 1));
            assertTrue(waited >= scheduled, "retry " + retry + " waited " + waited + " ms, at least " + scheduled);
            assertEquals(503, deliveries.getJsonObject(retry).getInt("statusCode"));
        }
        Thread.sleep(TestEnvironment.EVENT_RETRY_FIRST_DELAY_MS * 8);
        assertEquals(attempts, received(callbackPath).length, "a queued event is not retried on its own");

        provider.reset();
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(204));
        var redelivered = hub.put("instances/" + id + "/events/" + eventId, null, owner);
        assertEquals(200, redelivered.status(), redelivered::toString);
        await("the redelivered event is NOTIFIED", () -> "NOTIFIED".equals(event(id, eventId).getString("status")));
        assertEquals(1, received(callbackPath).length);
        assertEquals(attempts + 1, event(id, eventId).getJsonArray("deliveries").size(), "attempts are kept across redeliveries");
        assertApiError(hub.put("instances/" + id + "/events/" + eventId, null, owner), 409);
    }

    @Test
    void everyQueuedEventOfAnInstanceIsRedeliveredAtOnce() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(500));
        long id = provision("").getJsonNumber("id").longValue();
        long first = storeEvent(id, "{}");
        long second = storeEvent(id, "{}");
        await("both are QUEUED", () -> "QUEUED".equals(event(id, first).getString("status"))
                && "QUEUED".equals(event(id, second).getString("status")));

        provider.reset();
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        var reply = hub.put("instances/" + id + "/events", null, owner);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2, reply.json().getInt("redelivered"));
        await("both are NOTIFIED", () -> "NOTIFIED".equals(event(id, first).getString("status"))
                && "NOTIFIED".equals(event(id, second).getString("status")));
    }

    @Test
    void eventsOfAnInstanceWhoseEventsWereTurnedOffAreQueuedNotLost() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        long id = provision("").getJsonNumber("id").longValue();
        var off = hub.send("PATCH", "instances/" + id, "{\"configuration\": {\"event.notification.enabled\": \"false\"}}",
                "application/json", owner);
        assertEquals(200, off.status(), off::toString);
        assertFalse(off.json().getBoolean("eventsEnabled"));
        long eventId = storeEvent(id, "{}");
        await("the event is QUEUED", () -> "QUEUED".equals(event(id, eventId).getString("status")));
        assertEquals(0, received(callbackPath).length);
        assertTrue(event(id, eventId).getJsonArray("deliveries").getJsonObject(0).getString("error").contains("turned off"));
    }

    @Test
    void eventsArePagedNewestFirstWithAnOpaqueToken() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        long id = provision("").getJsonNumber("id").longValue();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(storeEvent(id, "{}"));
        }
        var first = hub.get("instances/" + id + "/events?pageSize=2", owner);
        assertEquals(200, first.status(), first::toString);
        assertEquals(List.of(ids.get(4), ids.get(3)), idsOf(first.jsonArray()));
        assertEquals("2", first.header("Elements-Returned-Count").orElseThrow());
        String token = first.header("Elements-Next-Page-Token").orElseThrow();
        var second = hub.get("instances/" + id + "/events?pageSize=2&nextPage=" + token, owner);
        assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(second.jsonArray()));
        var last = hub.get("instances/" + id + "/events?pageSize=2&nextPage=" + second.header("Elements-Next-Page-Token").orElseThrow(), owner);
        assertEquals(List.of(ids.get(0)), idsOf(last.jsonArray()));
        assertTrue(last.header("Elements-Next-Page-Token").isEmpty(), "no token after the last page");
        assertApiError(hub.get("instances/" + id + "/events?nextPage=bm90LWEtdG9rZW4", owner), 400);
        assertEquals(5, hub.get("instances/events", owner).jsonArray().size(), "the organization's events");
    }

    @Test
    void anotherOrganizationsInstancesAndEventsAreNotFound() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        long id = provision("").getJsonNumber("id").longValue();
        long eventId = storeEvent(id, "{}");
        String stranger = hub.newOrganization();
        assertApiError(hub.get("instances/" + id + "/events", stranger), 404);
        assertApiError(hub.get("instances/" + id + "/events/" + eventId, stranger), 404);
        assertApiError(hub.get("instances/events/" + eventId, stranger), 404);
        assertApiError(hub.put("instances/events/" + eventId, null, stranger), 404);
        assertApiError(hub.put("instances/" + id + "/events", null, stranger), 404);
        assertEquals(0, hub.get("instances/events", stranger).jsonArray().size());
        assertApiError(hub.get("instances/events", stranger + ", Element not-a-token"), 401);
    }

    @Test
    void eventsAreOnlyTurnedOnWithWhatTheyNeed() {
        String base = "\"username\": \"ada\", \"password\": \"p4ss\", \"event.notification.enabled\": \"true\"";
        String[][] refused = {
                {"", "event.notification.callback.url is required"},
                {", \"event.notification.callback.url\": \"http://10.1.2.3/hook\"", "not allowed"},
                {", \"event.notification.callback.url\": \"not a url\"", "event.notification.callback.url"},
                {", \"event.notification.callback.url\": \"" + callbackUrl() + "\", \"event.vendor.type\": \"pigeon\"", "event.vendor.type"},
                {", \"event.notification.callback.url\": \"" + callbackUrl() + "\", \"event.vendor.type\": \"polling\"", "does not support polling"},
        };
        for (String[] attempt : refused) {
            var reply = hub.post("instances", "{\"element\": {\"key\": \"" + elementKey + "\"}, \"configuration\": {"
                    + base + attempt[0] + "}}", owner);
            assertApiError(reply, 400);
            assertTrue(reply.json().getString("message").contains(attempt[1]), reply::toString);
        }
        assertEquals(0, instanceCount(owner), "a refused configuration stores nothing");

        var basic = hub.post("elements", """
                {"name": "Quiet", "key": "%s", "hub": "crm", "authentication": {"type": "basic"}, "configuration": [], "resources": []}
                """.formatted(unique("quiet").toLowerCase()), owner).json();
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "eventsEnabled": true, "configuration": {"event.notification.callback.url": "%s"}}
                """.formatted(basic.getString("key"), callbackUrl()), owner);
        assertApiError(reply, 400);
        assertTrue(reply.json().getString("message").contains("does not support events"), reply::toString);

        JsonObject instance = provision("");
        var entries = hub.get("instances/" + instance.getInt("id") + "/configuration", owner).jsonArray();
        long callbackEntry = entries.stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("key").equals("event.notification.callback.url"))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
        var changed = hub.send("PATCH", "instances/" + instance.getInt("id") + "/configuration/" + callbackEntry,
                "{\"propertyValue\": \"https://169.254.169.254/latest\"}", "application/json", owner);
        assertApiError(changed, 400);
        assertEquals(callbackUrl(), hub.get("instances/" + instance.getInt("id"), owner).json().getString("eventsNotificationCallbackUrl"),
                "the refused change left the callback as it was");
    }

    @Test
    void eventsOlderThanTheRetentionAreRemovedWithTheirAttempts() throws Exception {
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        long id = provision("").getJsonNumber("id").longValue();
        long expired = storeEvent(id, "{}", OffsetDateTime.now().minusDays(7).minusMinutes(5));
        long kept = storeEvent(id, "{}", OffsetDateTime.now().minusDays(6));
        await("both were delivered", () -> "NOTIFIED".equals(event(id, kept).getString("status"))
                || hub.get("instances/" + id + "/events/" + expired, owner).status() == 404);
        await("the expired event is removed", () -> hub.get("instances/" + id + "/events/" + expired, owner).status() == 404);
        assertEquals(0, TestDatabase.number("SELECT COUNT(*) FROM event_delivery_attempt WHERE event_id = " + expired),
                "its attempts went with it");
        assertEquals(200, hub.get("instances/" + id + "/events/" + kept, owner).status(), "a six-day-old event is kept");
    }

    private static List<Long> idsOf(JsonArray events) {
        return events.stream().map(JsonObject.class::cast).map(e -> e.getJsonNumber("id").longValue()).toList();
    }

    @Test
    void theCredentialHistoryMovedToHistory() {
        JsonObject instance = provision("");
        var history = hub.get("instances/" + instance.getInt("id") + "/history", owner);
        assertEquals(200, history.status(), history::toString);
        assertNotNull(history.jsonArray().getJsonObject(0).getString("type"));
        assertEquals("PROVISIONED", history.jsonArray().getJsonObject(0).getString("type"));
        assertEquals(0, hub.get("instances/" + instance.getInt("id") + "/events", owner).jsonArray().size(),
                "events are provider events now");
    }
}
