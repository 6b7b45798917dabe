package io.plugboard.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.mockserver.integration.ClientAndServer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.plugboard.it.HubClient.BOOTSTRAP_AUTH;
import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Removing users and rotating secrets over HTTP: the old secret answers 401 on the very next call
 * (the node's memory of verified secrets is dropped by the write, not left to expire), the new one
 * works, only administrators act on other users, another organization's user is not found, the
 * last administrator stays, and no new secret ever reaches the server log.
 *
 * <p>Each test makes its own organization: the bootstrap organization's secrets, which the other
 * test classes use, are never rotated here.
 */
class OrganizationSecretsIT extends HubTestBase {

    private static final String INSTAGRAM_TOKEN = "/api.instagram.com/oauth/access_token";

    /** Every secret a test was shown, to look for in the server log at the end of the test. */
    final List<String> shown = new ArrayList<>();

    /** An organization: its id, its secret, and its first user (the administrator). */
    record Org(long id, String secret, Member admin) {
    }

    /** A user of an organization, with the header that authenticates them. */
    record Member(long id, String secret, String organizationSecret) {
        String auth() {
            return HubClient.auth(secret, organizationSecret);
        }

        Member withSecret(String newSecret) {
            return new Member(id, newSecret, organizationSecret);
        }

        Member withOrganizationSecret(String newSecret) {
            return new Member(id, secret, newSecret);
        }
    }

    private Org newOrganization() {
        var reply = hub.post("organizations", """
                {"name": "Secrets %s", "user": {"emailAddress": "admin@example.com", "firstName": "Ada"}}
                """.formatted(UUID.randomUUID()), BOOTSTRAP_AUTH);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject organization = reply.json().getJsonObject("organization");
        JsonObject user = reply.json().getJsonObject("user");
        shown.add(organization.getString("secret"));
        shown.add(user.getString("secret"));
        return new Org(organization.getJsonNumber("id").longValue(), organization.getString("secret"),
                new Member(user.getJsonNumber("id").longValue(), user.getString("secret"), organization.getString("secret")));
    }

    private Member addUser(Org org, String email) {
        var reply = hub.post("organizations/users", "{\"emailAddress\": \"" + email + "\"}", org.admin().auth());
        assertEquals(200, reply.status(), reply::toString);
        shown.add(reply.json().getString("secret"));
        return new Member(reply.json().getJsonNumber("id").longValue(), reply.json().getString("secret"), org.secret());
    }

    /** Works right now: a call every user may make. */
    private int status(Member member) {
        return hub.get("elements/keys", member.auth()).status();
    }

    private String rotate(Member actor, long userId) {
        var reply = hub.post("organizations/users/" + userId + "/secret", null, actor.auth());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(userId, reply.json().getJsonNumber("id").longValue());
        String secret = reply.json().getString("secret");
        shown.add(secret);
        return secret;
    }

    /** The answer lists the users with their administrator flag, and never a secret. */
    private JsonObject listed(Member caller, long userId) {
        return hub.get("organizations/users", caller.auth()).jsonArray().stream().map(JsonObject.class::cast)
                .filter(u -> u.getJsonNumber("id").longValue() == userId).findFirst().orElse(null);
    }

    private void assertNoSecretInTheServerLog() throws Exception {
        String log = TestEnvironment.serverLogText();
        for (String secret : shown) {
            assertFalse(log.contains(secret), "a secret shown to the caller is in the server log");
        }
    }

    @Test
    void anAdministratorRemovesAUserWhoseSecretStopsAtOnceWhileTheirInstancesKeepWorking() throws Exception {
        Org org = newOrganization();
        Member member = addUser(org, "member@example.com");
        assertEquals(200, status(member), "warm: the node now remembers the member's secrets");
        assertEquals(200, status(member));

        // An instance the member provisions stays after the member is gone.
        ClientAndServer provider = TestEnvironment.mockServer();
        provider.when(request().withMethod("POST").withPath(INSTAGRAM_TOKEN))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"removed-user-token\", \"user\": {\"id\": \"1\"}}"));
        var instance = hub.post("instances", """
                {"element": {"key": "instagram"}, "providerData": {"code": "code-%s"},
                 "configuration": {"oauth.api.key": "client-id", "oauth.api.secret": "client-secret",
                                   "oauth.callback.url": "https://www.mycoolapp.com/auth"},
                 "name": "Made by a member"}
                """.formatted(UUID.randomUUID()), member.auth());
        assertEquals(200, instance.status(), instance::toString);
        long instanceId = instance.json().getJsonNumber("id").longValue();

        var removed = hub.delete("organizations/users/" + member.id(), org.admin().auth());
        assertEquals(200, removed.status(), removed::toString);

        assertApiError(hub.get("elements/keys", member.auth()), 401);
        assertEquals(null, listed(org.admin(), member.id()));
        assertApiError(hub.delete("organizations/users/" + member.id(), org.admin().auth()), 404);
        var kept = hub.get("instances/" + instanceId, org.admin().auth());
        assertEquals(200, kept.status(), kept::toString);
        assertEquals("Made by a member", kept.json().getString("name"));
        assertEquals(200, status(org.admin()), "the administrator is unaffected");
        assertNoSecretInTheServerLog();
    }

    @Test
    void rotatingAUserSecretRefusesTheOldOneAtOnceAndTheNewOneWorks() throws Exception {
        Org org = newOrganization();
        Member member = addUser(org, "member@example.com");
        assertEquals(200, status(member));

        String fresh = rotate(org.admin(), member.id());
        assertNotEquals(member.secret(), fresh);
        assertApiError(hub.get("elements/keys", member.auth()), 401);
        assertEquals(200, status(member.withSecret(fresh)));

        // Users rotate their own secret without being administrators.
        Member rotated = member.withSecret(fresh);
        String own = rotate(rotated, member.id());
        assertApiError(hub.get("elements/keys", rotated.auth()), 401);
        assertEquals(200, status(member.withSecret(own)));
        assertEquals(200, status(org.admin()));
        assertNoSecretInTheServerLog();
    }

    @Test
    void rotatingTheOrganizationSecretRefusesTheOldPairForEveryUser() throws Exception {
        Org org = newOrganization();
        Member member = addUser(org, "member@example.com");
        assertEquals(200, status(member));
        assertEquals(200, status(org.admin()));
        Org other = newOrganization();
        assertEquals(200, status(other.admin()));

        var reply = hub.post("organizations/secret", null, org.admin().auth());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(org.id(), reply.json().getJsonNumber("id").longValue());
        String fresh = reply.json().getString("secret");
        shown.add(fresh);
        assertNotEquals(org.secret(), fresh);

        assertApiError(hub.get("elements/keys", member.auth()), 401);
        assertApiError(hub.get("elements/keys", org.admin().auth()), 401);
        assertEquals(200, status(member.withOrganizationSecret(fresh)));
        assertEquals(200, status(org.admin().withOrganizationSecret(fresh)));
        assertEquals(200, status(other.admin()), "another organization is untouched");
        assertNoSecretInTheServerLog();
    }

    @Test
    void aMemberActsOnlyOnThemselvesAndNobodyReachesAnotherOrganizationsUsers() {
        Org org = newOrganization();
        Member member = addUser(org, "member@example.com");
        Member colleague = addUser(org, "colleague@example.com");
        Org other = newOrganization();

        assertApiError(hub.delete("organizations/users/" + colleague.id(), member.auth()), 403);
        assertApiError(hub.delete("organizations/users/" + org.admin().id(), member.auth()), 403);
        assertApiError(hub.post("organizations/users/" + colleague.id() + "/secret", null, member.auth()), 403);
        assertApiError(hub.post("organizations/secret", null, member.auth()), 403);
        assertEquals(200, status(colleague), "nothing changed");
        assertEquals(200, status(org.admin()));

        // Another organization's user is not found, for administrators and members alike.
        assertApiError(hub.delete("organizations/users/" + other.admin().id(), org.admin().auth()), 404);
        assertApiError(hub.post("organizations/users/" + other.admin().id() + "/secret", null, org.admin().auth()), 404);
        assertApiError(hub.post("organizations/users/" + other.admin().id() + "/secret", null, member.auth()), 404);
        assertApiError(hub.delete("organizations/users/987654321", org.admin().auth()), 404);
        assertEquals(200, status(other.admin()), "the other organization's administrator is untouched");

        assertTrue(listed(member, org.admin().id()).getBoolean("administrator"));
        assertFalse(listed(member, member.id()).getBoolean("administrator"));
        assertFalse(listed(member, member.id()).containsKey("secret"));
        assertTrue(listed(member, member.id()).containsKey("createdDate"));
    }

    @Test
    void theLastAdministratorCannotBeRemoved() {
        Org org = newOrganization();
        Member member = addUser(org, "member@example.com");
        var refused = hub.delete("organizations/users/" + org.admin().id(), org.admin().auth());
        assertApiError(refused, 409);
        assertTrue(refused.json().getString("message").contains("last administrator"), refused::toString);
        assertEquals(200, status(org.admin()));

        // An administrator may remove a member, and the member's removal leaves the administrator.
        assertEquals(200, hub.delete("organizations/users/" + member.id(), org.admin().auth()).status());
        assertApiError(hub.delete("organizations/users/" + org.admin().id(), org.admin().auth()), 409);
    }
}
