package io.plugboard.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.UUID;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write is one transaction: a statement that fails half-way through provisioning, an update
 * or a deletion leaves the database exactly as it was. The fault is a constraint the test adds to
 * the real database (the hub has no test hook), placed so that it trips after the instance row
 * and its configuration rows were already sent. Before every write ran on one enlisted connection,
 * those earlier statements were committed in autocommit and these tests failed.
 */
class AtomicWritesIT extends OrganizationTestBase {

    private static final String ACTON_TOKEN = "/restapi.actonsoftware.com/token";
    private static final String FAULT_TAG = "it-fault";

    @BeforeEach
    void setUp() throws SQLException {
        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"at-" + UUID.randomUUID() + "\", \"refresh_token\": \"rt\", \"expires_in\": 3600}");
        // A tag the database refuses: it is written after the instance, its configuration and its event.
        TestDatabase.execute("ALTER TABLE instance_tag DROP CONSTRAINT IF EXISTS it_fault_tag",
                "ALTER TABLE instance_tag ADD CONSTRAINT it_fault_tag CHECK (tag <> '" + FAULT_TAG + "')");
    }

    @AfterEach
    void removeFaults() throws SQLException {
        TestDatabase.execute("ALTER TABLE instance_tag DROP CONSTRAINT IF EXISTS it_fault_tag",
                "DROP TABLE IF EXISTS it_fault_hold");
    }

    private String body(String name, String tag) {
        return """
                {"element": {"key": "acton"}, "providerData": {"code": "code-%s"},
                 "configuration": {"oauth.api.key": "client-id", "oauth.api.secret": "client-secret",
                                   "oauth.callback.url": "https://www.mycoolapp.com/auth"},
                 "tags": ["kept", "%s"], "name": "%s"}
                """.formatted(UUID.randomUUID(), tag, name);
    }

    private static long rowsNamed(String name) throws SQLException {
        return TestDatabase.number("SELECT COUNT(*) FROM instance WHERE name = '" + name + "'");
    }

    @Test
    void provisioningThatFailsHalfWayStoresNothing() throws SQLException {
        String name = "atomic-" + UUID.randomUUID();
        long configurationRows = TestDatabase.number("SELECT COUNT(*) FROM instance_configuration");
        long events = TestDatabase.number("SELECT COUNT(*) FROM instance_event");

        var reply = hub.post("instances", body(name, FAULT_TAG), owner);

        assertApiError(reply, 500);
        assertEquals(0, rowsNamed(name), "no instance row was committed");
        assertEquals(configurationRows, TestDatabase.number("SELECT COUNT(*) FROM instance_configuration"),
                "no configuration row was committed");
        assertEquals(events, TestDatabase.number("SELECT COUNT(*) FROM instance_event"), "no event was committed");
        assertEquals(0, hub.get("instances", owner).jsonArray().size());
    }

    @Test
    void everyRowOfAProvisioningIsWrittenByOneTransaction() throws SQLException {
        Assumptions.assumeTrue(TestEnvironment.onPostgres(), "xmin, the writing transaction's id, is PostgreSQL's");
        for (int i = 0; i < 3; i++) {
            long id = hub.post("instances", body("one-transaction-" + i, "first"), owner).json().getJsonNumber("id").longValue();
            // In autocommit every statement would be its own transaction, with its own id.
            long writers = TestDatabase.number("""
                    SELECT COUNT(DISTINCT x) FROM (
                      SELECT xmin::text AS x FROM instance WHERE id = %1$d
                      UNION ALL SELECT xmin::text FROM instance_configuration WHERE instance_id = %1$d
                      UNION ALL SELECT xmin::text FROM instance_tag WHERE instance_id = %1$d
                      UNION ALL SELECT xmin::text FROM instance_event WHERE instance_id = %1$d) rows
                    """.formatted(id));
            assertEquals(1, writers, "instance " + id + " was written by " + writers + " transactions");
        }
    }

    @Test
    void valuesLongerThanTheDatabaseStoresAreA400NotAFailedWrite() throws SQLException {
        String name = "oversized-" + UUID.randomUUID();
        assertApiError(hub.post("instances", body(name, "t".repeat(256)), owner), 400);
        String longValue = "v".repeat(10_001);
        assertApiError(hub.post("instances", body(name, "fine").replace("\"oauth.api.key\": \"client-id\"",
                "\"oauth.api.key\": \"client-id\", \"note\": \"" + longValue + "\""), owner), 400);
        assertEquals(0, rowsNamed(name));

        JsonObject created = hub.post("instances", body("kept-name", "first"), owner).json();
        long id = created.getJsonNumber("id").longValue();
        assertApiError(hub.send("PATCH", "instances/" + id, "{\"name\": \"" + "n".repeat(256) + "\"}", "application/json", owner), 400);
        long entryId = hub.get("instances/" + id + "/configuration", owner).jsonArray().getJsonObject(0).getJsonNumber("id").longValue();
        assertApiError(hub.send("PATCH", "instances/" + id + "/configuration/" + entryId,
                "{\"propertyValue\": \"" + longValue + "\"}", "application/json", owner), 400);
        assertEquals("kept-name", hub.get("instances/" + id, owner).json().getString("name"));
    }

    /** Two writes of one instance at once: the later commit loses its version check and is a 409, never a 500. */
    @Test
    void concurrentWritesOfOneInstanceAnswer200Or409() throws Exception {
        long id = hub.post("instances", body("raced", "first"), owner).json().getJsonNumber("id").longValue();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Callable<HubClient.Reply>> writes = new java.util.ArrayList<>();
            for (int n = 0; n < 24; n++) {
                String name = "raced-" + n;
                writes.add(n % 3 == 0
                        ? () -> hub.delete("instances/" + id + "/enabled", owner)
                        : () -> hub.send("PATCH", "instances/" + id, "{\"name\": \"" + name + "\"}", "application/json", owner));
            }
            for (var reply : pool.invokeAll(writes)) {
                HubClient.Reply answered = reply.get();
                if (answered.status() != 200) {
                    assertApiError(answered, 409);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // One of the writes that answered 200 is what is stored, whole.
        JsonObject stored = hub.get("instances/" + id, owner).json();
        assertEquals(1, TestDatabase.number("SELECT COUNT(*) FROM instance WHERE id = " + id));
        assertTrue(stored.getString("name").matches("raced(-\\d+)?"), stored::toString);
        assertEquals(2, stored.getJsonArray("tags").size(), stored::toString);
    }

    /** A write without its body is a 400 that says what is missing; a token-addressed one checks the token first. */
    @Test
    void missingBodiesAreA400ThatSaysWhatIsRequired() {
        // A JSON null is what reaches the resource as no body (an empty one is malformed JSON).
        var provision = hub.send("POST", "instances", "null", "application/json", owner);
        assertApiError(provision, 400);
        assertEquals("A JSON body with element, providerData and configuration is required.", provision.json().getString("message"));

        long id = hub.post("instances", body("bodies", "first"), owner).json().getJsonNumber("id").longValue();
        long entryId = hub.get("instances/" + id + "/configuration", owner).jsonArray().getJsonObject(0).getJsonNumber("id").longValue();
        var change = hub.send("PATCH", "instances/" + id + "/configuration/" + entryId, "null", "application/json", owner);
        assertApiError(change, 400);
        assertEquals("A JSON body {\"propertyValue\": ...} is required.", change.json().getString("message"));

        assertApiError(hub.send("PATCH", "instances/configuration/" + entryId, "null", "application/json", owner), 401);
    }

    @Test
    void updateThatFailsHalfWayChangesNothing() throws SQLException {
        JsonObject created = hub.post("instances", body("before-update", "first"), owner).json();
        long id = created.getJsonNumber("id").longValue();

        var reply = hub.send("PATCH", "instances/" + id, """
                {"name": "after-update", "tags": ["%s"],
                 "configuration": {"oauth.callback.url": "https://changed.example.com/auth"}}
                """.formatted(FAULT_TAG), "application/json", owner);

        assertApiError(reply, 500);
        JsonObject stored = hub.get("instances/" + id, owner).json();
        assertEquals("before-update", stored.getString("name"));
        assertEquals("https://www.mycoolapp.com/auth", stored.getJsonObject("configuration").getString("oauth.callback.url"));
        assertEquals(2, stored.getJsonArray("tags").size(), stored::toString);
        assertEquals(0, rowsNamed("after-update"));
    }

    @Test
    void deletionThatFailsHalfWayDeletesNothing() throws SQLException {
        JsonObject created = hub.post("instances", body("kept-whole", "first"), owner).json();
        long id = created.getJsonNumber("id").longValue();
        long configurationRows = TestDatabase.number("SELECT COUNT(*) FROM instance_configuration WHERE instance_id = " + id);
        // A row that refers to the instance: its deletion fails after the configuration rows went.
        TestDatabase.execute("CREATE TABLE it_fault_hold (instance_id BIGINT REFERENCES instance (id))",
                "INSERT INTO it_fault_hold VALUES (" + id + ")");

        assertApiError(hub.delete("instances/" + id, owner), 500);

        assertEquals(configurationRows, TestDatabase.number("SELECT COUNT(*) FROM instance_configuration WHERE instance_id = " + id));
        var stored = hub.get("instances/" + id, owner);
        assertEquals(200, stored.status());
        assertEquals("********", stored.json().getJsonObject("configuration").getString("oauth.user.token"));
    }
}
