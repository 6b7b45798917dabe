package io.plugboard.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Provider webhooks into {@code /events/{elementKey}[/{id}]} over HTTP (issue 11): each routing
 * style, fan-out, the provider's signature, the refusals, and what is stored. Every element here is
 * a private element of the test's organization with basic authentication, so instances are
 * provisioned without any provider call; the stored events are read straight from the database.
 */
class InboundWebhooksIT extends OrganizationTestBase {

    static final String SECRET = "provider-webhook-secret";
    /** This test's application callback: deliveries of other tests' events, retried later, never land here. */
    private final String callbackPath = "/" + unique("app") + "/callback";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    // --- element metadata -------------------------------------------------------------------------

    @Test
    void metadataSaysWhetherAndHowAnElementHasEvents() {
        String key = element("""
                {"routing": ["path"], "changes": {"objectId": "/id"}}""");
        var metadata = hub.get("elements/" + key + "/metadata", owner);
        assertEquals(200, metadata.status(), metadata::toString);
        assertEquals(key, metadata.json().getString("key"));
        assertEquals("crm", metadata.json().getString("hub"));
        assertTrue(metadata.json().getJsonObject("events").getBoolean("supported"));
        assertEquals(List.of("webhook"), strings(metadata.json().getJsonObject("events").getJsonArray("methods")));

        String plain = element(null);
        var none = hub.get("elements/" + plain + "/metadata", owner).json().getJsonObject("events");
        assertFalse(none.getBoolean("supported"));
        assertEquals(List.of(), strings(none.getJsonArray("methods")));

        assertApiError(hub.get("elements/" + key + "/metadata", hub.newOrganization()), 404);
        assertApiError(hub.get("elements/no-such-element/metadata", owner), 404);
        assertApiError(hub.get("elements/" + key + "/metadata", null), 401);
    }

    // --- routing ----------------------------------------------------------------------------------

    @Test
    void pathRoutingByBase64Base64UrlAndPlainIdWithAProvidersOwnAuthorizationHeader() throws Exception {
        String key = element("""
                {"routing": ["path"], "changes": {"list": "/changes", "objectType": "/type", "objectId": "/id",
                 "eventType": "/action", "eventTypes": {"add": "CREATED"}, "date": "/at"}}""");
        long id = instance(key, "acct-1", true);
        String body = """
                {"changes": [{"type": "contact", "id": "c-1", "action": "add", "at": "2026-11-30T10:15:30Z"}]}""";
        String standard = Base64.getEncoder().encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
        for (String segment : List.of(standard, url, Long.toString(id))) {
            var reply = webhook("POST", key + "/" + segment, body, "application/json",
                    Map.of("Authorization", "Bearer the-providers-own-token"));
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(1, reply.json().getJsonArray("eventIds").size());
        }
        List<Map<String, String>> stored = events(id);
        assertEquals(3, stored.size());
        JsonArray changes = json(stored.get(0).get("changes")).asJsonArray();
        assertEquals(1, changes.size());
        JsonObject change = changes.getJsonObject(0);
        assertEquals("contact", change.getString("objectType"));
        assertEquals("c-1", change.getString("objectId"));
        assertEquals("CREATED", change.getString("eventType"));
        assertEquals(key, change.getString("elementKey"));
        assertEquals("2026-11-30T10:15:30Z", change.getString("date"));
        assertEquals(json(body), json(stored.get(0).get("raw")), "the provider's payload is kept as it came");
        assertEquals("WEBHOOK", stored.get(0).get("origin"));
    }

    @Test
    void headerRoutingFansOutToEveryListedInstance() throws Exception {
        String key = element("""
                {"routing": ["header"], "changes": {"objectTypeValue": "Account", "objectId": "/Id"}}""");
        long first = instance(key, "a", true);
        long second = instance(key, "b", true);
        long other = instance(key, "c", true);
        provider.when(request().withMethod("POST").withPath(callbackPath)).respond(response().withStatusCode(200));
        var reply = webhook("POST", key, "{\"Id\": \"001\"}", "application/json",
                Map.of("Element-Instances", first + ", " + second));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2, reply.json().getJsonArray("eventIds").size());
        assertEquals(1, events(first).size());
        assertEquals(1, events(second).size());
        assertEquals(0, events(other).size(), "an instance the header does not list hears nothing");
        JsonObject change = json(events(second).get(0).get("changes")).asJsonArray().getJsonObject(0);
        assertEquals("Account", change.getString("objectType"));
        assertEquals("001", change.getString("objectId"));
        assertEquals("UNKNOWN", change.getString("eventType"));

        // The events are the application's: readable through the events API and delivered to its callback.
        long secondEvent = reply.json().getJsonArray("eventIds").getJsonNumber(1).longValue();
        var read = hub.get("instances/" + second + "/events/" + secondEvent, owner);
        assertEquals(200, read.status(), read::toString);
        long deadline = System.currentTimeMillis() + 15_000;
        while (received(callbackPath).length < 2) {
            assertTrue(System.currentTimeMillis() < deadline, "both instances' applications were notified");
            Thread.sleep(100);
        }
        for (var callback : received(callbackPath)) {
            JsonObject message = json(callback.getBodyAsString()).asJsonObject().getJsonObject("message");
            assertEquals(json("{\"Id\": \"001\"}"), message.get("raw"));
        }
    }

    @Test
    void payloadRoutingMatchesAConfigurationValueInJsonFormAndQuery() throws Exception {
        String key = element("""
                {"methods": ["POST", "GET"], "routing": ["payload"],
                 "finder": {"pointer": "/account", "configurationKey": "provider.account.id"},
                 "changes": {"objectTypeValue": "Ticket", "objectId": "/ticket"}}""");
        long first = instance(key, "acct-42", true);
        long second = instance(key, "acct-42", true);
        long elsewhere = instance(key, "acct-7", true);

        var json = webhook("POST", key, "{\"account\": \"acct-42\", \"ticket\": \"T-1\"}", "application/json", Map.of());
        assertEquals(200, json.status(), json::toString);
        assertEquals(2, json.json().getJsonArray("eventIds").size(), "fanned out to both instances of the account");

        var form = webhook("POST", key, "account=acct-7&ticket=T-2", "application/x-www-form-urlencoded", Map.of());
        assertEquals(200, form.status(), form::toString);
        assertEquals(1, form.json().getJsonArray("eventIds").size());
        assertEquals(json("{\"account\":\"acct-7\",\"ticket\":\"T-2\"}"), json(events(elsewhere).get(0).get("raw")),
                "a form body is kept as a JSON object of strings");

        var query = webhook("GET", key + "?account=" + URLEncoder.encode("acct-7", StandardCharsets.UTF_8) + "&ticket=T-3",
                null, null, Map.of());
        assertEquals(200, query.status(), query::toString);
        assertEquals(List.of("T-1"), objectIds(first));
        assertEquals(List.of("T-1"), objectIds(second));
        assertEquals(List.of("T-2", "T-3"), objectIds(elsewhere));

        assertApiError(webhook("POST", key, "{\"account\": \"acct-unknown\"}", "application/json", Map.of()), 404);
    }

    @Test
    void aLargeWebhookIsSplitIntoNotificationsOfTwentyEachWithTheWholePayload() throws Exception {
        String key = element("""
                {"routing": ["path"], "changes": {"list": "/items", "objectTypeValue": "Item", "objectId": "/id"}}""");
        long id = instance(key, "a", true);
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\": \"i").append(i).append("\"}");
        }
        String body = "{\"items\": [" + items + "]}";
        var reply = webhook("POST", key + "/" + id, body, "application/json", Map.of());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2, reply.json().getJsonArray("eventIds").size());
        List<Map<String, String>> stored = events(id);
        assertEquals(20, json(stored.get(0).get("changes")).asJsonArray().size());
        assertEquals(5, json(stored.get(1).get("changes")).asJsonArray().size());
        assertEquals(json(body), json(stored.get(1).get("raw")), "each notification repeats the whole payload");
    }

    // --- the provider's signature -----------------------------------------------------------------

    @Test
    void aSignedWebhookIsKeptOnlyWhenItsSignatureVerifiesForEveryInstance() throws Exception {
        String key = element("""
                {"routing": ["header"], "changes": {"objectTypeValue": "Order", "objectId": "/id"},
                 "signature": {"header": "X-Provider-Signature", "algorithm": "HmacSHA256", "encoding": "hex",
                               "prefix": "sha256=", "configurationKey": "webhook.secret"}}""");
        long id = instance(key, "a", true);
        String body = "{\"id\": \"o-1\"}";
        String good = "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", SECRET, body));

        var signed = webhook("POST", key, body, "application/json",
                Map.of("Element-Instances", Long.toString(id), "X-Provider-Signature", good));
        assertEquals(200, signed.status(), signed::toString);
        assertEquals(1, events(id).size());

        String wrongKey = "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", "not-the-secret", body));
        assertApiError(webhook("POST", key, body, "application/json",
                Map.of("Element-Instances", Long.toString(id), "X-Provider-Signature", wrongKey)), 401);
        assertApiError(webhook("POST", key, "{\"id\": \"o-2\"}", "application/json",
                Map.of("Element-Instances", Long.toString(id), "X-Provider-Signature", good)), 401);
        assertApiError(webhook("POST", key, body, "application/json", Map.of("Element-Instances", Long.toString(id))), 401);

        // One instance without the secret spoils the fan-out: nothing is kept for either.
        long withoutSecret = instance(key, "b", true, false);
        assertApiError(webhook("POST", key, body, "application/json",
                Map.of("Element-Instances", id + "," + withoutSecret, "X-Provider-Signature", good)), 401);
        assertEquals(1, events(id).size(), "nothing stored by a refused webhook");
        assertEquals(0, events(withoutSecret).size());
    }

    @Test
    void aBase64SignatureWithoutPrefix() throws Exception {
        String key = element("""
                {"routing": ["path"], "changes": {"objectId": "/id"},
                 "signature": {"header": "X-Sig", "algorithm": "HmacSHA1", "encoding": "base64", "configurationKey": "webhook.secret"}}""");
        long id = instance(key, "a", true);
        String body = "{\"id\": \"x\"}";
        var reply = webhook("POST", key + "/" + id, body, "application/json",
                Map.of("X-Sig", Base64.getEncoder().encodeToString(hmac("HmacSHA1", SECRET, body))));
        assertEquals(200, reply.status(), reply::toString);
    }

    // --- refusals ---------------------------------------------------------------------------------

    @Test
    void unknownElementsAndInstancesAndInstancesWithoutEventsAre404() throws Exception {
        String key = element("""
                {"routing": ["path", "header"], "changes": {"objectId": "/id"}}""");
        String otherKey = element("""
                {"routing": ["path"], "changes": {"objectId": "/id"}}""");
        long on = instance(key, "a", true);
        long off = instance(key, "b", false);
        long disabled = instance(key, "c", true);
        assertEquals(200, hub.delete("instances/" + disabled + "/enabled", owner).status());
        long ofOtherElement = instance(otherKey, "d", true);
        String body = "{\"id\": \"1\"}";

        assertApiError(webhook("POST", "no-such-element", body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", element(null) + "/" + on, body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", key + "/" + encoded(999_999_999L), body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", key + "/bm90LWFuLWlk", body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", key + "/" + encoded(off), body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", key + "/" + encoded(disabled), body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", key + "/" + encoded(ofOtherElement), body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", key, body, "application/json", Map.of()), 404);
        assertApiError(webhook("POST", key, body, "application/json", Map.of("Element-Instances", off + "," + disabled)), 404);
        assertEquals(0, events(off).size() + events(disabled).size() + events(ofOtherElement).size());

        var mixed = webhook("POST", key, body, "application/json", Map.of("Element-Instances", on + "," + off + "," + ofOtherElement));
        assertEquals(200, mixed.status(), mixed::toString);
        assertEquals(1, mixed.json().getJsonArray("eventIds").size(), "only the instance that takes events");
    }

    @Test
    void oversizedAndMalformedBodiesAre400AMethodTheElementDoesNotUseIs405AndAProbeIs200() throws Exception {
        String key = element("""
                {"routing": ["path"], "changes": {"objectId": "/id"}}""");
        long id = instance(key, "a", true);
        String path = key + "/" + encoded(id);
        String oversized = "{\"id\": \"" + "x".repeat(524_288) + "\"}";
        assertApiError(webhook("POST", path, oversized, "application/json", Map.of()), 400);
        assertApiError(webhook("POST", path, "{\"id\": ", "application/json", Map.of()), 400);
        assertApiError(webhook("POST", path, "{} {}", "application/json", Map.of()), 400);
        assertApiError(webhook("POST", path, "id=%zz", "application/x-www-form-urlencoded", Map.of()), 400);
        assertApiError(webhook("POST", path, "<xml/>", "application/xml", Map.of()), 400);
        var get = webhook("GET", path + "?id=1", null, null, Map.of());
        assertApiError(get, 405);
        assertEquals("POST", get.header("Allow").orElse(null));
        assertEquals(200, webhook("HEAD", path, null, null, Map.of()).status(), "a provider's probe of the URL");
        assertEquals(200, webhook("HEAD", key, null, null, Map.of()).status());
        assertEquals(404, webhook("HEAD", unique("nohooks").toLowerCase(), null, null, Map.of()).status());
        assertEquals(0, events(id).size());
        assertEquals(200, webhook("POST", path, "{\"id\": \"" + "x".repeat(1000) + "\"}", "application/json", Map.of()).status());
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** A private basic-authentication element of the test's organization, with the given webhook data (or no events). */
    String element(String webhook) {
        String key = unique("hooks").toLowerCase();
        String events = webhook == null ? "" : """
                , "events": {"supported": true, "methods": ["webhook"], "webhook": %s}""".formatted(webhook);
        var reply = hub.post("elements", """
                {"name": "Webhook CRM", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "provider.account.id", "name": "Account", "type": "TEXTFIELD_128", "required": false, "hidden": false},
                   {"key": "webhook.secret", "name": "Webhook secret", "type": "PASSWORD", "required": false, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
                 "resources": []%s}
                """.formatted(key, TestEnvironment.mockServerUrl() + "/" + key, events), owner);
        assertEquals(200, reply.status(), reply::toString);
        return key;
    }

    long instance(String key, String account, boolean events) {
        return instance(key, account, events, true);
    }

    long instance(String key, String account, boolean events, boolean withSecret) {
        String eventKeys = events ? """
                , "event.notification.enabled": "true", "event.notification.callback.url": "%s%s"
                """.formatted(TestEnvironment.mockServerUrl(), callbackPath) : "";
        String secret = withSecret ? ", \"webhook.secret\": \"" + SECRET + "\"" : "";
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "name": "%s",
                 "configuration": {"username": "ada", "password": "p4ss", "provider.account.id": "%s"%s%s}}
                """.formatted(key, unique("instance"), account, secret, eventKeys), owner);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(events, reply.json().getBoolean("eventsEnabled"));
        return reply.json().getJsonNumber("id").longValue();
    }

    /** A webhook as a provider sends it: no hub credentials, its own headers. */
    HubClient.Reply webhook(String method, String path, String body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/api-v2/events/" + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return new HubClient.Reply(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** The instance's stored provider events, oldest first: origin, changes, raw. */
    static List<Map<String, String>> events(long instanceId) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery("SELECT origin, changes, raw FROM provider_event"
                     + " WHERE instance_id = " + instanceId + " ORDER BY id")) {
            while (found.next()) {
                rows.add(Map.of("origin", found.getString(1), "changes", found.getString(2), "raw", found.getString(3)));
            }
        }
        return rows;
    }

    static List<String> objectIds(long instanceId) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Map<String, String> event : events(instanceId)) {
            json(event.get("changes")).asJsonArray().forEach(c -> ids.add(c.asJsonObject().getString("objectId")));
        }
        return ids;
    }

    static jakarta.json.JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    static String encoded(long id) {
        return Base64.getEncoder().encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(String algorithm, String key, String body) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    }
}
