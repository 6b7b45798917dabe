package io.plugboard.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;

/**
 * An over-HTTP test class whose tests are independent of each other: each starts with a clean
 * MockServer (no stub, nothing recorded) and acts as the first user of an organization of its
 * own, so it sees neither another test's instances nor its provider traffic.
 */
abstract class OrganizationTestBase extends HubTestBase {

    /** The Authorization header of the test's own organization's first user. */
    String owner;

    @BeforeEach
    void freshOrganization() {
        provider.reset();
        owner = hub.newOrganization();
    }

    /** The owner's header with the instance's Element token. */
    String elementAuth(JsonObject instance) {
        return withElement(owner, instance);
    }
}
