package io.plugboard.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import static io.plugboard.it.HubClient.BOOTSTRAP_AUTH;
import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform over HTTP: error shape and request ids everywhere, authentication, organizations
 * and users, and the element catalog with private elements isolated per organization.
 */
class PlatformAndElementsIT extends HubTestBase {

    // --- errors and headers -------------------------------------------------------------

    @Test
    void everyResponseCarriesARequestId() {
        var first = hub.get("elements/keys", BOOTSTRAP_AUTH);
        var second = hub.get("elements/keys", BOOTSTRAP_AUTH);
        assertEquals(200, first.status());
        assertTrue(first.header("Elements-Request-Id").isPresent());
        assertNotEquals(first.header("Elements-Request-Id"), second.header("Elements-Request-Id"));
    }

    @Test
    void unknownPathsAnswerJsonInsideAndOutsideTheApi() {
        assertApiError(hub.get("no-such-thing", BOOTSTRAP_AUTH), 404);
        assertApiError(hub.get("/elements/not-the-api", null), 404);
        assertApiError(hub.get("elements/no-such-element", BOOTSTRAP_AUTH), 404);
    }

    @Test
    void wrongMethodAndMediaTypeAnswerJson() {
        assertApiError(hub.send("PATCH", "elements/keys", "{}", "application/json", BOOTSTRAP_AUTH), 405);
        assertApiError(hub.send("POST", "organizations/users", "emailAddress=x", "application/x-www-form-urlencoded", BOOTSTRAP_AUTH), 415);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertApiError(hub.post("organizations/users", "{\"emailAddress\": ", BOOTSTRAP_AUTH), 400);
        assertApiError(hub.post("elements", "[1, 2", BOOTSTRAP_AUTH), 400);
        assertApiError(hub.post("organizations/users", "", BOOTSTRAP_AUTH), 400);
    }

    // --- authentication -------------------------------------------------------------------

    @Test
    void missingOrWrongCredentialsAre401() {
        assertApiError(hub.get("elements", null), 401);
        assertApiError(hub.get("elements", "Bearer abc"), 401);
        assertApiError(hub.get("elements", "User " + TestEnvironment.USER_SECRET), 401);
        assertApiError(hub.get("elements", HubClient.auth(TestEnvironment.USER_SECRET, "wrong")), 401);
        assertApiError(hub.get("elements", HubClient.auth("wrong", TestEnvironment.ORGANIZATION_SECRET)), 401);
        assertApiError(hub.get("elements", BOOTSTRAP_AUTH + ", Color red"), 401);
    }

    @Test
    void credentialsParseLeniently() {
        String reordered = "  Organization   " + TestEnvironment.ORGANIZATION_SECRET + " ,User " + TestEnvironment.USER_SECRET;
        assertEquals(200, hub.get("elements/keys", reordered).status());
        assertEquals(200, hub.get("elements/keys", "user " + TestEnvironment.USER_SECRET
                + ", organization " + TestEnvironment.ORGANIZATION_SECRET).status());
    }

    @Test
    void aUserSecretOnlyWorksWithItsOwnOrganization() {
        String first = hub.newOrganization();
        String second = hub.newOrganization();
        String firstUser = first.substring("User ".length(), first.indexOf(','));
        String secondOrganization = second.substring(second.indexOf("Organization ") + "Organization ".length());
        assertApiError(hub.get("elements", HubClient.auth(firstUser, secondOrganization)), 401);
    }

    // --- organizations and users ----------------------------------------------------------

    @Test
    void bootstrapAdministratorCreatesOrganizationsWithSecretsShownOnce() {
        var reply = hub.post("organizations", """
                {"name": "Acme", "user": {"emailAddress": "Ops@Acme.test", "firstName": "Grace", "lastName": "Hopper"}}
                """, BOOTSTRAP_AUTH);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject organization = reply.json().getJsonObject("organization");
        JsonObject user = reply.json().getJsonObject("user");
        assertEquals("Acme", organization.getString("name"));
        assertTrue(organization.getString("secret").length() >= 40);
        assertEquals("ops@acme.test", user.getString("emailAddress"));
        assertEquals("Grace", user.getString("firstName"));
        String auth = HubClient.auth(user.getString("secret"), organization.getString("secret"));

        var users = hub.get("organizations/users", auth);
        assertEquals(200, users.status());
        assertEquals("1", users.header("Elements-Returned-Count").orElse(null));
        JsonObject listed = users.jsonArray().getJsonObject(0);
        assertEquals(user.getInt("id"), listed.getInt("id"));
        assertFalse(listed.containsKey("secret"), "a listed user never shows a secret");
    }

    @Test
    void onlyTheBootstrapAdministratorCreatesOrganizations() {
        String someone = hub.newOrganization();
        assertApiError(hub.post("organizations", """
                {"name": "Rogue", "user": {"emailAddress": "r@example.com"}}
                """, someone), 403);
    }

    @Test
    void organizationRequestsAreValidated() {
        var reply = hub.post("organizations", """
                {"name": "", "user": {"emailAddress": "not-an-email"}}
                """, BOOTSTRAP_AUTH);
        assertApiError(reply, 400);
        String message = reply.json().getString("message");
        assertTrue(message.contains("name") && message.contains("emailAddress"), message);
        assertApiError(hub.post("organizations", "{\"name\": \"No user\"}", BOOTSTRAP_AUTH), 400);
    }

    @Test
    void usersAreAddedToTheCallersOrganizationOnly() {
        String owner = hub.newOrganization();
        var added = hub.post("organizations/users", """
                {"emailAddress": "second@example.com", "firstName": "Second", "lastName": "User"}
                """, owner);
        assertEquals(200, added.status(), added::toString);
        String secondUser = added.json().getString("secret");
        String organizationSecret = owner.substring(owner.indexOf("Organization ") + "Organization ".length());
        assertEquals(200, hub.get("elements/keys", HubClient.auth(secondUser, organizationSecret)).status());
        assertEquals("2", hub.get("organizations/users", owner).header("Elements-Total-Count").orElse(null));
        // The bootstrap organization does not see them.
        assertTrue(hub.get("organizations/users", BOOTSTRAP_AUTH).jsonArray().stream()
                .map(JsonObject.class::cast)
                .noneMatch(u -> u.getString("emailAddress").equals("second@example.com")));
        assertApiError(hub.post("organizations/users", "{\"emailAddress\": \"SECOND@example.com\"}", owner), 409);
    }

    // --- the element catalog --------------------------------------------------------------

    @Test
    void catalogListsTheFiveSeedElements() {
        var keys = hub.get("elements/keys", BOOTSTRAP_AUTH);
        assertEquals(200, keys.status());
        List<String> listed = keys.jsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertTrue(listed.containsAll(List.of("etsy", "instagram", "base", "magento", "acton", "hubspotcrm")), listed::toString);
        var all = hub.get("elements", BOOTSTRAP_AUTH);
        assertEquals(String.valueOf(all.jsonArray().size()), all.header("Elements-Total-Count").orElse(null));
    }

    @Test
    void theListIsNarrowedByHubAndByName() {
        var crm = hub.get("elements?hub=CRM", BOOTSTRAP_AUTH);
        assertEquals(200, crm.status());
        List<String> crmKeys = crm.jsonArray().stream().map(e -> e.asJsonObject().getString("key")).toList();
        assertTrue(crmKeys.containsAll(List.of("base", "hubspotcrm")), crmKeys::toString);
        assertTrue(crm.jsonArray().stream().allMatch(e -> "crm".equals(e.asJsonObject().getString("hub"))), crm::toString);
        assertEquals(String.valueOf(crmKeys.size()), crm.header("Elements-Returned-Count").orElse(null));

        var named = hub.get("elements?name=spot", BOOTSTRAP_AUTH);
        assertEquals(List.of("hubspotcrm"), named.jsonArray().stream().map(e -> e.asJsonObject().getString("key")).toList());
        assertEquals(0, hub.get("elements?hub=crm&name=etsy", BOOTSTRAP_AUTH).jsonArray().size(), "both must hold");
        assertEquals(hub.get("elements", BOOTSTRAP_AUTH).jsonArray().size(),
                hub.get("elements?hub=&name=", BOOTSTRAP_AUTH).jsonArray().size(), "blank filters list everything");
    }

    @Test
    void elementsAreFoundByKeyAliasOrId() {
        JsonObject magento = hub.get("elements/magento", BOOTSTRAP_AUTH).json();
        assertEquals(356, magento.getInt("id"));
        assertEquals("oauth1", magento.getJsonObject("authentication").getString("type"));
        assertEquals("magento", hub.get("elements/356", BOOTSTRAP_AUTH).json().getString("key"));
        assertEquals("base", hub.get("elements/basecrm", BOOTSTRAP_AUTH).json().getString("key"));
        var configuration = hub.get("elements/etsy/configuration", BOOTSTRAP_AUTH);
        assertEquals(200, configuration.status());
        JsonObject shopId = configuration.jsonArray().stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("key").equals("shop.id")).findFirst().orElseThrow();
        assertTrue(shopId.getBoolean("required"));
        assertFalse(configuration.body().contains("isSecret"), "only the element JSON fields go out");
        assertEquals(200, hub.get("elements/acton/resources", BOOTSTRAP_AUTH).status());
    }

    @Test
    void operatorDirectoryReplacesShippedElements() {
        // TestEnvironment points every shipped element at MockServer through PLUGBOARD_ELEMENTS_DIR.
        String tokenUrl = hub.get("elements/instagram/configuration", BOOTSTRAP_AUTH).jsonArray().stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("key").equals("oauth.token.url"))
                .findFirst().orElseThrow().getString("defaultValue");
        assertEquals(TestEnvironment.mockServerUrl() + "/api.instagram.com/oauth/access_token", tokenUrl);
    }

    private static String privateElement(String key) {
        return """
                {"name": "In-house CRM", "key": "%s", "hub": "crm", "authentication": {"type": "oauth2"},
                 "configuration": [
                   {"key": "oauth.authorization.url", "name": "Authorize", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "https://crm.example.com/authorize"},
                   {"key": "oauth.token.url", "name": "Token", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "https://crm.example.com/token"},
                   {"key": "signing.secret", "name": "Signing secret", "type": "PASSWORD", "required": false, "hidden": true, "defaultValue": "s3cr3t-default"}
                 ],
                 "resources": []}
                """.formatted(key);
    }

    @Test
    void privateElementsBelongToTheirOrganization() {
        String owner = hub.newOrganization();
        String stranger = hub.newOrganization();
        String key = "inhouse-" + UUID.randomUUID().toString().substring(0, 8);

        var created = hub.post("elements", privateElement(key), owner);
        assertEquals(200, created.status(), created::toString);
        JsonObject element = created.json();
        long id = element.getJsonNumber("id").longValue();
        assertTrue(id >= 100_000, "private ids never collide with catalog ids");
        assertTrue(created.body().contains("********") && !created.body().contains("s3cr3t-default"), "secret defaults are masked");

        assertEquals(key, hub.get("elements/" + key, owner).json().getString("key"));
        assertEquals(key, hub.get("elements/" + id, owner).json().getString("key"));
        assertTrue(hub.get("elements/keys", owner).body().contains(key));

        // Another organization cannot see, change or delete it: 404, and nothing leaks.
        assertApiError(hub.get("elements/" + key, stranger), 404);
        assertApiError(hub.get("elements/" + id, stranger), 404);
        assertFalse(hub.get("elements/keys", stranger).body().contains(key));
        assertApiError(hub.put("elements/" + key, privateElement(key), stranger), 404);
        assertApiError(hub.delete("elements/" + id, stranger), 404);

        // PUT of what GET returned keeps the masked secret; active can be toggled.
        String roundTrip = hub.get("elements/" + key, owner).body().replace("In-house CRM", "In-house CRM v2");
        var replaced = hub.put("elements/" + key, roundTrip, owner);
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals("In-house CRM v2", replaced.json().getString("name"));
        assertEquals(id, replaced.json().getJsonNumber("id").longValue());
        assertEquals(200, hub.delete("elements/" + key + "/active", owner).status());
        assertFalse(hub.get("elements/" + key, owner).json().getBoolean("active"));

        // OAuth URL of the private element: reachable with the owner's credentials only.
        String query = "elements/" + key + "/oauth/url?apiKey=k&callbackUrl=https%3A%2F%2Fapp.example.com%2Fcb";
        assertTrue(hub.get(query, owner).json().getString("oauthUrl").startsWith("https://crm.example.com/authorize?"));
        assertApiError(hub.get(query, null), 404);

        assertEquals(200, hub.delete("elements/" + key, owner).status());
        assertApiError(hub.get("elements/" + key, owner), 404);
    }

    @Test
    void privateElementsAreValidatedAndKeysAreUnique() {
        String owner = hub.newOrganization();
        var invalid = hub.post("elements", """
                {"name": "Broken", "key": "Not A Key", "hub": "crm", "configuration": [], "resources": []}
                """, owner);
        assertApiError(invalid, 400);
        String message = invalid.json().getString("message");
        assertTrue(message.contains("key") && message.contains("authentication.type"), message);
        assertApiError(hub.post("elements", privateElement("etsy"), owner), 409);
        assertApiError(hub.post("elements", privateElement("basecrm"), owner), 409);
        String key = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, hub.post("elements", privateElement(key), owner).status());
        assertApiError(hub.post("elements", privateElement(key), owner), 409);
    }

    @Test
    void catalogElementsAreReadOnlyThroughTheApi() {
        String owner = hub.newOrganization();
        String etsy = hub.get("elements/etsy", owner).body();
        assertApiError(hub.put("elements/etsy", etsy, owner), 403);
        assertApiError(hub.delete("elements/etsy", owner), 403);
        assertApiError(hub.put("elements/etsy/active", null, owner), 403);
    }
}
