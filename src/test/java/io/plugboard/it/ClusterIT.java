package io.plugboard.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.plugboard.it.HubClient.BOOTSTRAP_AUTH;
import static io.plugboard.it.HubTestBase.received;
import static io.plugboard.it.HubTestBase.withElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The production topology: two Plugboard nodes (separate Payara Micro processes, the same WAR,
 * {@code --nocluster}) on one PostgreSQL, used the way a round-robin load balancer would. What one
 * node writes is in force on the other within a second, a refresh stays single across nodes, a
 * console session works on either, and a node killed with SIGKILL under load leaves nothing
 * partial and nothing lost. Runs on the PostgreSQL execution only: the embedded H2 database serves
 * one node.
 *
 * <p>Node B also serves the raw passthrough through the JAX-RS resources instead of the servlet
 * fast path (ProxyFastPath), so the same calls to A and B show that both answer alike.
 */
@ExtendWith(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** How soon a write on one node must be in force on the other (the p99 goal). */
    private static final long PROPAGATION_LIMIT_MS = 1000;
    private static final String INSTAGRAM_API = "/api.instagram.com/v1";
    private static final String ACTON_API = "/restapi.actonsoftware.com/api/1";
    private static final String ACTON_TOKEN = "/restapi.actonsoftware.com/token";

    static HubNode nodeA;
    static HubNode nodeB;

    HubClient a;
    HubClient b;
    ClientAndServer provider;
    String owner;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Assumptions.assumeTrue(TestEnvironment.onPostgres(), "several nodes share a PostgreSQL database");
        nodeA = HubNode.start("node-a", List.of());
        // B serves the raw passthrough through the JAX-RS resources, A through the servlet fast
        // path (the default): theFastPathAndJaxRsAnswerAlike compares them.
        nodeB = HubNode.start("node-b", List.of("-Dplugboard.proxy.fast-path=false"));
        nodeA.awaitReady(Duration.ofMinutes(4));
        nodeB.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @BeforeEach
    void setUp() {
        a = nodeA.client();
        b = nodeB.client();
        provider = TestEnvironment.mockServer();
        provider.reset();
        owner = a.newOrganization();
    }

    private JsonObject importInstance(HubClient node, String element, String configuration) {
        var reply = node.post("instances", """
                {"element": {"key": "%s"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret",
                                   "oauth.callback.url": "https://www.mycoolapp.com/auth"%s}}
                """.formatted(element, configuration), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private String elementAuth(JsonObject instance) {
        return withElement(owner, instance);
    }

    /** Milliseconds until {@code check} holds, polling every 20 ms; fails past twice the limit. */
    private static long millisUntil(String what, Supplier<Boolean> check) throws InterruptedException {
        long start = System.nanoTime();
        while (!check.get()) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsed < 2 * PROPAGATION_LIMIT_MS, what + ": still not seen after " + elapsed + " ms");
            Thread.sleep(20);
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("ClusterIT propagation: %s after %d ms%n", what, elapsed);
        return elapsed;
    }

    private static boolean status(HubClient.Reply reply, IntPredicate expected) {
        return expected.test(reply.status());
    }

    @Test
    @Order(1)
    void anInstanceProvisionedOnAIsServedByB() {
        JsonObject instance = importInstance(a, "instagram", ", \"oauth.user.token\": \"cluster-token\"");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/users/self"))
                .respond(response().withStatusCode(200).withBody("{\"data\": {}}"));

        var reply = b.get("proxy/users/self", elementAuth(instance));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("Bearer cluster-token", received(INSTAGRAM_API + "/users/self")[0].getFirstHeader("Authorization"));
        assertEquals(200, b.get("instances/" + instance.getInt("id"), owner).status());
    }

    @Test
    @Order(2)
    void reconfiguringDisablingAndDeletingOnAIsInForceOnBWithinASecond() throws Exception {
        JsonObject instance = importInstance(a, "instagram", ", \"oauth.user.token\": \"first-token\"");
        long id = instance.getInt("id");
        String path = INSTAGRAM_API + "/users/self";
        provider.when(request().withMethod("GET").withPath(path)).respond(response().withStatusCode(200).withBody("{}"));
        // B keeps the instance in its cache from here on.
        assertEquals(200, b.get("proxy/users/self", elementAuth(instance)).status());
        assertEquals(200, b.get("proxy/users/self", elementAuth(instance)).status());

        long entryId = a.get("instances/" + id + "/configuration", owner).jsonArray().stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("key").equals("oauth.user.token")).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
        assertEquals(200, a.send("PATCH", "instances/" + id + "/configuration/" + entryId,
                "{\"propertyValue\": \"second-token\"}", "application/json", owner).status());
        long reconfigured = millisUntil("a changed credential", () -> {
            b.get("proxy/users/self", elementAuth(instance));
            HttpRequest[] sent = received(path);
            return "Bearer second-token".equals(sent[sent.length - 1].getFirstHeader("Authorization"));
        });

        assertEquals(200, a.delete("instances/" + id + "/enabled", owner).status());
        long disabled = millisUntil("disabling", () -> status(b.get("proxy/users/self", elementAuth(instance)), s -> s == 403));
        // Once B refuses, it sends the provider nothing more for the disabled instance.
        int sentWhileDisabled = received(path).length;
        for (int n = 0; n < 3; n++) {
            assertEquals(403, b.get("proxy/users/self", elementAuth(instance)).status());
        }
        assertEquals(sentWhileDisabled, received(path).length, "no provider call for a disabled instance");
        assertEquals(200, a.put("instances/" + id + "/enabled", null, owner).status());
        long enabled = millisUntil("enabling", () -> status(b.get("proxy/users/self", elementAuth(instance)), s -> s == 200));

        assertEquals(200, a.delete("instances/" + id, owner).status());
        long deleted = millisUntil("deletion", () -> status(b.get("instances/" + id + "/proxy/users/self", owner), s -> s == 404));
        assertEquals(401, b.get("proxy/users/self", elementAuth(instance)).status());

        for (long delay : new long[]{reconfigured, disabled, enabled, deleted}) {
            assertTrue(delay <= PROPAGATION_LIMIT_MS, "a write took " + delay + " ms to reach the other node");
        }
    }

    @Test
    @Order(3)
    void removingAUserAndRotatingSecretsOnAIsInForceOnBWithinASecond() throws Exception {
        JsonObject created = a.post("organizations", """
                {"name": "Secrets %s", "user": {"emailAddress": "admin@example.com"}}
                """.formatted(UUID.randomUUID()), BOOTSTRAP_AUTH).json();
        String organizationSecret = created.getJsonObject("organization").getString("secret");
        String admin = HubClient.auth(created.getJsonObject("user").getString("secret"), organizationSecret);
        JsonObject member = a.post("organizations/users", "{\"emailAddress\": \"member@example.com\"}", admin).json();
        String memberAuth = HubClient.auth(member.getString("secret"), organizationSecret);
        JsonObject other = a.post("organizations/users", "{\"emailAddress\": \"other@example.com\"}", admin).json();
        String otherAuth = HubClient.auth(other.getString("secret"), organizationSecret);
        // B remembers all three callers from here on.
        for (String caller : List.of(admin, memberAuth, otherAuth)) {
            assertEquals(200, b.get("elements/keys", caller).status());
        }

        assertEquals(200, a.delete("organizations/users/" + member.getJsonNumber("id"), admin).status());
        long removed = millisUntil("a removed user", () -> status(b.get("elements/keys", memberAuth), s -> s == 401));

        var rotated = a.post("organizations/users/" + other.getJsonNumber("id") + "/secret", null, admin);
        assertEquals(200, rotated.status(), rotated::toString);
        long userSecret = millisUntil("a rotated user secret", () -> status(b.get("elements/keys", otherAuth), s -> s == 401));
        assertEquals(200, b.get("elements/keys", HubClient.auth(rotated.json().getString("secret"), organizationSecret)).status());

        var organization = a.post("organizations/secret", null, admin);
        assertEquals(200, organization.status(), organization::toString);
        long organizationRotated = millisUntil("a rotated organization secret", () -> status(b.get("elements/keys", admin), s -> s == 401));
        assertEquals(200, b.get("elements/keys", HubClient.auth(created.getJsonObject("user").getString("secret"),
                organization.json().getString("secret"))).status());

        for (long delay : new long[]{removed, userSecret, organizationRotated}) {
            assertTrue(delay <= PROPAGATION_LIMIT_MS, "a revocation took " + delay + " ms to reach the other node");
        }
    }

    @Test
    @Order(4)
    void fortyCallsOverBothNodesOnAnExpiredTokenMakeOneRefresh() throws Exception {
        JsonObject instance = importInstance(a, "acton", ", \"oauth.user.token\": \"expired\", \"oauth.user.refresh_token\": \"once\"");
        provider.when(request().withPath(ACTON_API + "/list").withHeader("Authorization", "Bearer expired"))
                .respond(response().withStatusCode(401));
        provider.when(request().withPath(ACTON_API + "/list").withHeader("Authorization", "Bearer renewed"))
                .respond(response().withStatusCode(200).withBody("{}"));
        provider.when(request().withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"renewed\", \"refresh_token\": \"twice\", \"expires_in\": 3600}")
                        .withDelay(new Delay(TimeUnit.MILLISECONDS, 800)));
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int n = 0; n < 40; n++) {
                HubClient node = n % 2 == 0 ? a : b;   // round robin
                calls.add(() -> node.get("proxy/list", elementAuth(instance)).status());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, received(ACTON_TOKEN).length, "one refresh served forty calls on two nodes");
    }

    @Test
    @Order(5)
    void aConsoleSessionSignedInOnAWorksOnB() throws Exception {
        JsonObject created = a.post("organizations", """
                {"name": "Console %s", "user": {"emailAddress": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace"}}
                """.formatted(UUID.randomUUID()), BOOTSTRAP_AUTH).json();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String login = nodeA.url() + "console/login.xhtml";
        HttpResponse<String> form = http.send(java.net.http.HttpRequest.newBuilder(URI.create(login)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"").matcher(form.body());
        assertTrue(state.find(), form::body);
        String body = String.join("&", "login=login",
                "login%3AorganizationSecret=" + URLEncoder.encode(created.getJsonObject("organization").getString("secret"), StandardCharsets.UTF_8),
                "login%3AuserSecret=" + URLEncoder.encode(created.getJsonObject("user").getString("secret"), StandardCharsets.UTF_8),
                "login%3AsignIn=Sign+in",
                "jakarta.faces.ViewState=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8));
        HttpResponse<String> signedIn = http.send(java.net.http.HttpRequest.newBuilder(URI.create(login))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("PLUGBOARD_CONSOLE_SESSION=")).map(c -> c.substring(0, c.indexOf(';')))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no session cookie: " + signedIn.headers()));

        HttpResponse<String> dashboardOnB = http.send(java.net.http.HttpRequest.newBuilder(
                URI.create(nodeB.url() + "console/dashboard.xhtml")).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, dashboardOnB.statusCode(), () -> dashboardOnB.headers().toString());
        assertTrue(dashboardOnB.body().contains("Ada Lovelace"), "B shows A's signed-in user");
        assertFalse(dashboardOnB.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID")));
    }

    /**
     * A hub list's page token is sealed with a key every node derives from the shared encryption
     * key, so the next page may be asked of any node: B reads the token A issued.
     */
    @Test
    @Order(5)
    void aListPageTokenIssuedByAIsReadByB() {
        JsonObject instance = importInstance(a, "instagram", ", \"oauth.user.token\": \"list-token\"");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/users/self/media/recent")
                        .withQueryStringParameter("max_id", "m2"))
                .respond(response().withStatusCode(200).withBody("{\"data\": [{\"id\": \"m3\"}], \"pagination\": {}}"));
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/users/self/media/recent"))
                .respond(response().withStatusCode(200).withBody("{\"data\": [{\"id\": \"m1\"}, {\"id\": \"m2\"}],"
                        + " \"pagination\": {\"next_max_id\": \"m2\"}}"));

        var first = a.get("hubs/social/users/self/media?pageSize=2", elementAuth(instance));
        assertEquals(200, first.status(), first::toString);
        String token = first.header("Elements-Next-Page-Token").orElseThrow();
        var next = b.get("hubs/social/users/self/media?nextPage=" + token, elementAuth(instance));

        assertEquals(200, next.status(), next::toString);
        assertEquals("m3", next.jsonArray().getJsonObject(0).getString("id"));
        assertTrue(next.header("Elements-Next-Page-Token").isEmpty());
        HttpRequest[] calls = received(INSTAGRAM_API + "/users/self/media/recent");
        assertEquals("m2", calls[calls.length - 1].getFirstQueryStringParameter("max_id"));
        assertEquals("2", calls[calls.length - 1].getFirstQueryStringParameter("count"), "the page size A was asked for");
    }

    /**
     * The servlet fast path (A) and the JAX-RS resources (B) answer every kind of passthrough call
     * alike: status, body (the request id aside) and headers (the per-request ones aside), for a
     * relayed success, a relayed provider error, a body sent on, each refusal and an unknown id.
     */
    @Test
    @Order(5)
    void theFastPathAndJaxRsAnswerAlike() {
        JsonObject instance = importInstance(a, "instagram", ", \"oauth.user.token\": \"alike-token\"");
        String auth = elementAuth(instance);
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/users/self"))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withHeader("X-Vendor-Trace", "t-1").withBody("{\"data\": {\"id\": \"1\", \"name\": \"Zoë\"}}"));
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/media/missing"))
                .respond(response().withStatusCode(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"meta\": {\"code\": 404}}"));
        provider.when(request().withMethod("POST").withPath(INSTAGRAM_API + "/media/1/comments"))
                .respond(response().withStatusCode(201).withHeader("Content-Type", "application/json").withBody("{\"ok\": true}"));
        String stranger = "User nobody, Organization nothing";
        long id = instance.getJsonNumber("id").longValue();
        List<String[]> calls = List.of(
                new String[] {"GET", "proxy/users/self?count=2&q=a%20b", auth, null},
                new String[] {"GET", "proxy/media/missing", auth, null},
                new String[] {"POST", "proxy/media/1/comments", auth, "{\"text\": \"hi\"}"},
                new String[] {"GET", "instances/" + id + "/proxy/users/self", owner, null},
                new String[] {"GET", "proxy/users/self", null, null},
                new String[] {"GET", "proxy/users/self", stranger, null},
                new String[] {"GET", "proxy/users/self", owner, null},
                new String[] {"GET", "proxy/users/self", owner + ", Element no-such-token", null},
                new String[] {"DELETE", "instances/" + (id + 1_000_000) + "/proxy/users/self", owner, null},
                new String[] {"GET", "instances/99999999999999999999999/proxy/users/self", owner, null},
                new String[] {"GET", "proxy/%2e%2e/%2e%2e/secret", auth, null});
        for (String[] call : calls) {
            var onA = a.send(call[0], call[1], call[3], call[3] == null ? null : "application/json", call[2]);
            var onB = b.send(call[0], call[1], call[3], call[3] == null ? null : "application/json", call[2]);
            String what = call[0] + " " + call[1] + (call[2] == null ? " without Authorization" : "");
            assertEquals(onB.status(), onA.status(), what);
            assertEquals(withoutRequestId(onB.body()), withoutRequestId(onA.body()), what);
            assertEquals(comparableHeaders(onB), comparableHeaders(onA), what);
        }
        assertEquals(2, received(INSTAGRAM_API + "/media/1/comments").length, "each node sent the body on");
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\"\\s*:\\s*\"[0-9a-f]+\"", "\"requestId\":\"…\"");
    }

    /** Headers by lower-case name, without those that differ on every request or between nodes. */
    private static java.util.Map<String, List<String>> comparableHeaders(HubClient.Reply reply) {
        Set<String> perRequest = Set.of("elements-request-id", "date", "x-plugboard-upstream-latency",
                "x-plugboard-proxy-latency");
        java.util.Map<String, List<String>> headers = new java.util.TreeMap<>();
        reply.response().headers().map().forEach((name, values) -> {
            if (!perRequest.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), values);
            }
        });
        return headers;
    }

    /**
     * A node that dies while its callbacks are in flight leaves its events to the others: once its
     * claims' lease runs out another node delivers each one, with the same eventId and webhook id.
     * Node C, started for this test only, accepts the webhooks (and so takes their deliveries at
     * once, nudged by its own commits); the callback holds every request long enough to kill C
     * mid-delivery.
     */
    @Test
    @Order(6)
    void eventsOfANodeKilledMidDeliveryAreDeliveredByAnotherWithTheSameIds() throws Exception {
        HubNode nodeC = HubNode.start("node-c", List.of("-Dplugboard.events.dispatch.lease-seconds=3"));
        try {
            nodeC.awaitReady(Duration.ofMinutes(4));
            HubClient c = nodeC.client();
            String key = "cluster-events-" + UUID.randomUUID().toString().substring(0, 8);
            String callbackPath = "/cluster-callback/" + key;
            var element = a.post("elements", """
                    {"name": "Cluster events", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                     "configuration": [], "resources": [],
                     "events": {"supported": true, "methods": ["webhook"],
                                "webhook": {"routing": ["path"], "changes": {"objectId": "/id"}}}}
                    """.formatted(key), owner);
            assertEquals(200, element.status(), element::toString);
            var instance = a.post("instances", """
                    {"element": {"key": "%s"}, "configuration": {"event.notification.enabled": "true",
                     "event.notification.callback.url": "%s"}}
                    """.formatted(key, TestEnvironment.mockServerUrl() + callbackPath), owner);
            assertEquals(200, instance.status(), instance::toString);
            String pathId = java.util.Base64.getEncoder().encodeToString(
                    String.valueOf(instance.json().getInt("id")).getBytes(StandardCharsets.UTF_8));
            provider.when(request().withPath(callbackPath))
                    .respond(response().withStatusCode(200).withDelay(new Delay(TimeUnit.SECONDS, 8)));

            Set<Long> accepted = new java.util.TreeSet<>();
            for (int n = 0; n < 10; n++) {
                var ack = c.post("/elements/api-v2/events/" + key + "/" + pathId, "{\"id\": " + n + "}", null);
                assertEquals(200, ack.status(), ack::toString);
                ack.json().getJsonArray("eventIds").forEach(id -> accepted.add(((jakarta.json.JsonNumber) id).longValue()));
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (received(callbackPath).length == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(received(callbackPath).length > 0, "node C started delivering");
            nodeC.kill();
            provider.clear(request().withPath(callbackPath), org.mockserver.model.ClearType.EXPECTATIONS);
            provider.when(request().withPath(callbackPath)).respond(response().withStatusCode(200));

            deadline = System.currentTimeMillis() + 30_000;
            while (!allNotified(accepted) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(allNotified(accepted), "every accepted event was delivered after node C died");
            java.util.Map<Long, Set<String>> webhookIds = new java.util.HashMap<>();
            for (HttpRequest delivery : received(callbackPath)) {
                long eventId = jakarta.json.Json.createReader(new java.io.StringReader(delivery.getBodyAsString())).readObject()
                        .getJsonObject("message").getJsonNumber("eventId").longValue();
                webhookIds.computeIfAbsent(eventId, id -> new java.util.HashSet<>()).add(delivery.getFirstHeader("Elements-Webhook-Id"));
            }
            assertEquals(accepted, new java.util.TreeSet<>(webhookIds.keySet()), "every event reached the callback, and nothing else");
            webhookIds.forEach((eventId, ids) -> assertEquals(1, ids.size(), "event " + eventId + " kept its webhook id"));
            System.out.printf("ClusterIT events: %d accepted on C, %d callback requests after C was killed mid-delivery%n",
                    accepted.size(), received(callbackPath).length);
        } finally {
            nodeC.close();
        }
    }

    private boolean allNotified(Set<Long> eventIds) {
        return eventIds.stream().allMatch(id -> "NOTIFIED".equals(b.get("instances/events/" + id, owner).json().getString("status")));
    }

    /**
     * Two nodes look for due polls every second; each due window is read exactly once. The test
     * makes the poller due again and again (as its interval passing would) and counts the
     * provider's list calls: a poll claimed by both nodes would show as two.
     */
    @Test
    @Order(7)
    void twoNodesPollEachDueWindowOnce() throws Exception {
        String contacts = "/api.getbase.com/v2/contacts";
        provider.when(request().withMethod("GET").withPath(contacts))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody("{\"items\": []}"));
        JsonObject instance = importInstance(a, "base", ", \"oauth.user.token\": \"poll-token\","
                + " \"event.notification.enabled\": \"true\", \"event.vendor.type\": \"polling\", \"event.objects\": \"contacts\","
                + " \"event.notification.callback.url\": \"" + TestEnvironment.mockServerUrl() + "/cluster-polls\"");
        long id = instance.getInt("id");
        for (int window = 1; window <= 4; window++) {
            if (window > 1) {
                TestDatabase.execute("UPDATE event_poller SET next_poll_at = now() - interval '1 second' WHERE instance_id = " + id);
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (received(contacts).length < window && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(window, received(contacts).length, "window " + window + " was read");
            Thread.sleep(2500);   // both nodes pass at least twice more
            assertEquals(window, received(contacts).length, "window " + window + " was read once, by one node");
        }
    }

    /** Last: node A does not come back. */
    @Test
    @Order(100)
    void killingANodeUnderProvisioningLoadLosesNothingAndLeavesNothingPartial() throws Exception {
        provider.when(request().withMethod("POST").withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"crash-access\", \"refresh_token\": \"crash-refresh\", \"expires_in\": 3600}"));
        Set<Long> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        var reply = a.post("instances", """
                                {"element": {"key": "acton"}, "providerData": {"code": "crash-%s"}, "name": "crash-%1$s",
                                 "tags": ["crash", "load"],
                                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret",
                                                   "oauth.callback.url": "https://www.mycoolapp.com/auth"}}
                                """.formatted(UUID.randomUUID()), owner);
                        if (reply.status() == 200) {
                            answered.add(reply.json().getJsonNumber("id").longValue());
                        }
                    } catch (RuntimeException connectionCut) {
                        return;   // the node is gone
                    }
                }
            });
        }
        Thread.sleep(3000);
        nodeA.kill();
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(90, TimeUnit.SECONDS));
        System.out.printf("ClusterIT crash: node A answered 200 for %d provisionings before SIGKILL%n", answered.size());
        assertFalse(answered.isEmpty(), "the load reached node A");

        for (long id : answered) {
            var reply = b.get("instances/" + id, owner);
            assertEquals(200, reply.status(), () -> "instance " + id + " answered 200 by A is lost: " + reply);
            assertEquals("********", reply.json().getJsonObject("configuration").getString("oauth.user.token"));
            assertEquals(2, reply.json().getJsonArray("tags").size());
        }
        assertEquals(0, TestDatabase.partialInstances(), "no instance without its configuration or provisioning event");
        assertEquals(0, TestDatabase.number("""
                SELECT COUNT(*) FROM instance i WHERE i.name LIKE 'crash-%'
                AND (SELECT COUNT(*) FROM instance_tag t WHERE t.instance_id = i.id) <> 2"""), "no crash instance without its tags");
    }
}
