package io.plugboard.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * A write made by another node is in force here within a second, although this node keeps
 * instances, verified secrets and common objects in memory. The test plays the other node by writing to the
 * shared PostgreSQL with plain SQL (so nothing on this node sees the write but the database's
 * notice), then polls the hub every 20 ms and prints how long the change took to show.
 *
 * <p>PostgreSQL only: the embedded H2 database is one node, whose own writes drop its caches
 * (ProxyIT covers that).
 */
class ClusterInvalidationIT extends OrganizationTestBase {

    private static final String CALLBACK = "https://www.mycoolapp.com/auth";
    private static final String INSTAGRAM = "/api.instagram.com";
    /** The goal: in force on every node within a second. */
    private static final long LIMIT_MS = 1_000;
    private static final List<String> DELAYS = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        assumeTrue(TestEnvironment.onPostgres(), "several nodes need PostgreSQL; the embedded database is one node");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM + "/v1/users/self"))
                .respond(response().withStatusCode(200).withBody("{\"base\": 1}"));
        provider.when(request().withMethod("GET").withPath(INSTAGRAM + "/v2/users/self"))
                .respond(response().withStatusCode(200).withBody("{\"base\": 2}"));
        awaitRelay("listening", "in use");
    }

    @AfterAll
    static void report() {
        if (!DELAYS.isEmpty()) {
            System.out.println("ClusterInvalidationIT: change in force after " + String.join(", ", DELAYS));
        }
    }

    private JsonObject importInstance() {
        var reply = hub.post("instances", """
                {"element": {"key": "instagram"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "%s",
                                   "oauth.user.token": "tok", "base.url": "%s%s/v1"}}
                """.formatted(CALLBACK, TestEnvironment.mockServerUrl(), INSTAGRAM), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** An instance whose target this node has in memory: two calls answered. */
    private JsonObject cachedInstance() {
        JsonObject instance = importInstance();
        for (int i = 0; i < 2; i++) {
            assertEquals(200, proxyByToken(instance).status());
            assertEquals(200, proxyById(instance).status());
        }
        return instance;
    }

    private HubClient.Reply proxyByToken(JsonObject instance) {
        return hub.get("proxy/users/self", owner + ", Element " + instance.getString("token"));
    }

    private HubClient.Reply proxyById(JsonObject instance) {
        return hub.get("instances/" + instance.getInt("id") + "/proxy/users/self", owner);
    }

    // --- instances --------------------------------------------------------------------------

    @Test
    void anInstanceDisabledElsewhereIsRefusedWithinASecond() throws SQLException {
        JsonObject instance = cachedInstance();
        long committed = sql("UPDATE instance SET disabled = TRUE WHERE id = ?", instance.getInt("id"));
        awaitWithin("disable", committed, () -> proxyByToken(instance).status() == 403);
        assertEquals(403, proxyById(instance).status());
    }

    @Test
    void aConfigurationChangedElsewhereIsUsedWithinASecond() throws SQLException {
        JsonObject instance = cachedInstance();
        assertEquals("{\"base\": 1}", proxyByToken(instance).body());
        long committed = sql("UPDATE instance_configuration SET property_value = '" + TestEnvironment.mockServerUrl() + INSTAGRAM
                + "/v2' WHERE config_key = 'base.url' AND instance_id = ?", instance.getInt("id"));
        awaitWithin("reconfigure", committed, () -> "{\"base\": 2}".equals(proxyByToken(instance).body()));
    }

    @Test
    void anInstanceDeletedElsewhereIsNotFoundWithinASecond() throws SQLException {
        JsonObject instance = cachedInstance();
        long committed = sql("DELETE FROM instance WHERE id = ?", instance.getInt("id"));
        awaitWithin("delete", committed, () -> proxyById(instance).status() == 404);
        assertEquals(401, proxyByToken(instance).status(), "the token names no instance any more");
    }

    // --- callers ----------------------------------------------------------------------------

    /** A second user of the owner's organization, authenticated once so this node remembers the pair. */
    private JsonObject rememberedUser() {
        var added = hub.post("organizations/users", """
                {"emailAddress": "second-%s@example.com"}""".formatted(UUID.randomUUID()), owner);
        assertEquals(200, added.status(), added::toString);
        JsonObject user = added.json();
        assertEquals(200, hub.get("organizations/users", userAuth(user)).status());
        assertEquals(200, hub.get("organizations/users", userAuth(user)).status());
        return user;
    }

    private String userAuth(JsonObject user) {
        String organizationSecret = owner.substring(owner.indexOf("Organization ") + "Organization ".length());
        return HubClient.auth(user.getString("secret"), organizationSecret);
    }

    @Test
    void aUserRemovedElsewhereIsRefusedWithinASecond() throws SQLException {
        JsonObject user = rememberedUser();
        long committed = sql("DELETE FROM app_user WHERE id = ?", user.getInt("id"));
        awaitWithin("remove user", committed, () -> hub.get("organizations/users", userAuth(user)).status() == 401);
        assertEquals(200, hub.get("organizations/users", owner).status(), "the other users still work");
    }

    @Test
    void aUserSecretReplacedElsewhereIsRefusedWithinASecond() throws SQLException {
        JsonObject user = rememberedUser();
        long committed = sql("UPDATE app_user SET secret_digest = md5(random()::text) WHERE id = ?", user.getInt("id"));
        awaitWithin("replace user secret", committed, () -> hub.get("organizations/users", userAuth(user)).status() == 401);
    }

    @Test
    void anOrganizationSecretReplacedElsewhereIsRefusedWithinASecond() throws SQLException {
        JsonObject user = rememberedUser();
        long committed = sql("UPDATE organization SET secret_digest = md5(random()::text)"
                + " WHERE id = (SELECT organization_id FROM app_user WHERE id = ?)", user.getInt("id"));
        awaitWithin("replace organization secret", committed, () -> hub.get("organizations/users", owner).status() == 401);
    }

    // --- common objects ---------------------------------------------------------------------

    /** A Base CRM instance of an organization that installed the contacts template, its contact read twice (so this node keeps the mapping). */
    private JsonObject contactsInstance() {
        assertEquals(200, hub.post("organizations/objects/templates/contacts", null, owner).status());
        provider.when(request().withMethod("GET").withPath("/api.getbase.com/v2/contacts/42")).respond(response()
                .withStatusCode(200).withBody("{\"data\": {\"id\": 42, \"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}}"));
        var reply = hub.post("instances", """
                {"element": {"key": "base"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "%s",
                                   "oauth.user.token": "tok"}}
                """.formatted(CALLBACK), owner);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject instance = reply.json();
        for (int i = 0; i < 2; i++) {
            assertEquals("Ada", contact(instance).json().getString("firstName"));
        }
        return instance;
    }

    private HubClient.Reply contact(JsonObject instance) {
        return hub.get("hubs/crm/contacts/42", owner + ", Element " + instance.getString("token"));
    }

    @Test
    void aTransformationChangedElsewhereIsInForceWithinASecond() throws SQLException {
        JsonObject instance = contactsInstance();
        long committed = sql("UPDATE organization_transformation SET definition = replace(definition, 'data.first_name', 'data.last_name')"
                + " WHERE element_key = 'base' AND object_name = 'contacts'"
                + " AND organization_id = (SELECT organization_id FROM instance WHERE id = ?)", instance.getInt("id"));
        awaitWithin("remap", committed, () -> "Lovelace".equals(contact(instance).json().getString("firstName", null)));
    }

    @Test
    void aTransformationDeletedElsewhereLeavesThePathToTheElementWithinASecond() throws SQLException {
        JsonObject instance = contactsInstance();
        long committed = sql("DELETE FROM organization_transformation WHERE element_key = 'base' AND object_name = 'contacts'"
                + " AND organization_id = (SELECT organization_id FROM instance WHERE id = ?)", instance.getInt("id"));
        awaitWithin("unmap", committed, () -> contact(instance).json().containsKey("data"));
    }

    // --- the relay's own outage -------------------------------------------------------------

    /**
     * The listening session is killed and a write made at once, before the relay can be back: its
     * notice is lost, yet the change shows within a second (the caches are bypassed while the relay
     * is away and dropped when it is back), and the relay reconnects by itself.
     */
    @Test
    void aChangeMadeWhileTheRelayIsDownIsStillInForceWithinASecond() throws SQLException {
        JsonObject instance = cachedInstance();
        long committed;
        try (Connection connection = TestDatabase.connect()) {
            try (PreparedStatement kill = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'plugboard-changes'");
                 ResultSet killed = kill.executeQuery()) {
                assertTrue(killed.next() && killed.getBoolean(1), "the relay's session was found and ended");
            }
            try (PreparedStatement disable = connection.prepareStatement("UPDATE instance SET disabled = TRUE WHERE id = ?")) {
                disable.setLong(1, instance.getInt("id"));
                assertEquals(1, disable.executeUpdate());
            }
            committed = System.nanoTime();
        }
        awaitWithin("disable during a relay outage", committed, () -> proxyByToken(instance).status() == 403);
        awaitRelay("listening", "in use");
        assertEquals(403, proxyById(instance).status());
    }

    // --- helpers ----------------------------------------------------------------------------

    /** Runs one statement with one id parameter in its own committed transaction; returns when it committed. */
    private static long sql(String statement, long id) throws SQLException {
        try (Connection connection = TestDatabase.connect(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.setLong(1, id);
            assertEquals(1, update.executeUpdate(), statement);
        }
        return System.nanoTime();
    }

    /** Polls every 20 ms until {@code condition} holds; fails if that takes longer than the limit. */
    private static void awaitWithin(String change, long committedAt, BooleanSupplier condition) {
        while (true) {
            if (condition.getAsBoolean()) {
                long millis = (System.nanoTime() - committedAt) / 1_000_000;
                DELAYS.add(change + " " + millis + " ms");
                System.out.println("ClusterInvalidationIT: " + change + " in force after " + millis + " ms");
                return;
            }
            long elapsed = (System.nanoTime() - committedAt) / 1_000_000;
            if (elapsed > LIMIT_MS) {
                fail(change + " made on another node was not in force after " + elapsed + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits (up to 15 s) until /health/ready shows the relay in the given state and the caches so. */
    private void awaitRelay(String state, String caches) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        Optional<JsonObject> check = Optional.empty();
        while (System.nanoTime() < deadline) {
            check = relayCheck();
            if (check.isPresent() && state.equals(check.get().getJsonObject("data").getString("state"))
                    && caches.equals(check.get().getJsonObject("data").getString("caches"))) {
                assertEquals("UP", check.get().getString("status"));
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("the change relay did not become " + state + " with caches " + caches + ": " + check);
    }

    private Optional<JsonObject> relayCheck() {
        var reply = hub.get("/health/ready", null);
        return reply.json().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("database-changes")).findFirst();
    }
}
