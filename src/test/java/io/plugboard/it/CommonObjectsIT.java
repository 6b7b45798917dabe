package io.plugboard.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.model.HttpRequest;

import java.io.StringReader;
import java.util.List;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Common objects over HTTP: the shipped {@code contacts} template installed, then one application
 * call answering the same JSON from two CRM providers (MockServer playing both), read (one and a
 * paged list) and written; mappings per instance winning over the organization's; lists; the refusals of the
 * write API; and another organization's ids answering 404.
 */
class CommonObjectsIT extends OrganizationTestBase {

    /** HubSpot instances imported with a token that does not expire are verified on the schedule: let them pass. */
    @BeforeEach
    void hubSpotAnswersItsVerification() {
        provider.when(request().withMethod("GET").withPath("/api.hubapi.com/account-info/v3/details"))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody("{\"portalId\": 1}"));
    }


    private static final String BASE_API = "/api.getbase.com/v2";
    private static final String HUBSPOT_API = "/api.hubapi.com/crm/v3/objects";

    /** The application's view of the contact, whichever provider holds it. */
    private static final JsonValue ADA = json("""
            {"id": "42", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "phone": "+44 20 7946 0000",
             "title": "Analyst", "address": {"city": "London"},
             "createdDate": "2024-05-01T10:00:00Z", "updatedDate": "2024-05-02T08:30:00Z"}""");

    private static final String BASE_ADA = """
            {"data": {"id": 42, "creator_id": 7, "owner_id": 7, "is_organization": false, "first_name": "Ada",
                      "last_name": "Lovelace", "email": "ada@example.com", "phone": "+44 20 7946 0000", "title": "Analyst",
                      "address": {"line1": "12 St James's Square", "city": "London", "postal_code": "SW1Y 4JH"},
                      "tags": [], "custom_fields": {}, "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-02T08:30:00Z"},
             "meta": {"type": "contact"}}""";

    private static final String HUBSPOT_ADA = """
            {"id": "42", "properties": {"firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.com",
                                        "phone": "+44 20 7946 0000", "jobtitle": "Analyst", "city": "London",
                                        "createdate": "2024-05-01T10:00:00.000Z", "hs_object_id": "42"},
             "createdAt": "2024-05-01T10:00:00.000Z", "updatedAt": "2024-05-02T08:30:00.000Z", "archived": false}""";

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private JsonObject importInstance(String element) {
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "externalAuthentication": "initial", "name": "%s",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret",
                                   "oauth.callback.url": "https://www.mycoolapp.com/auth", "oauth.user.token": "token-%s"}}
                """.formatted(element, unique(element), element), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private void stub(String method, String path, int status, String body) {
        provider.when(request().withMethod(method).withPath(path))
                .respond(response().withStatusCode(status).withHeader("Content-Type", "application/json").withBody(body));
    }

    private HubClient.Reply call(String method, String path, String body, JsonObject instance) {
        return hub.send(method, path, body, body == null ? null : "application/json", elementAuth(instance));
    }

    private static JsonValue sent(HttpRequest request) {
        return json(request.getBodyAsString());
    }

    /** What the hub sent to {@code path} with {@code method} since MockServer was last reset, oldest first. */
    private HttpRequest[] received(String method, String path) {
        return provider.retrieveRecordedRequests(request().withMethod(method).withPath(path));
    }

    // --- the shipped contacts template over two providers --------------------------------------------

    @Test
    void oneCallAnswersTheSameJsonFromTwoProvidersReadAndWritten() {
        var installed = hub.post("organizations/objects/templates/contacts", null, owner);
        assertEquals(200, installed.status(), installed::toString);
        assertEquals(List.of("base", "hubspotcrm"), List.copyOf(installed.json().getJsonObject("transformations").keySet()));
        JsonObject base = importInstance("base");
        JsonObject hubspot = importInstance("hubspotcrm");

        // read
        stub("GET", BASE_API + "/contacts/42", 200, BASE_ADA);
        stub("GET", HUBSPOT_API + "/contacts/42", 200, HUBSPOT_ADA);
        for (JsonObject instance : List.of(base, hubspot)) {
            var read = call("GET", "hubs/crm/contacts/42", null, instance);
            assertEquals(200, read.status(), read::toString);
            assertEquals(ADA, read.json(), instance.getJsonObject("element").getString("key"));
            assertTrue(read.header("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(read.header("X-Plugboard-Upstream-Latency").isPresent(), "the proxy's latency headers");
        }
        assertEquals("Bearer token-base", received(BASE_API + "/contacts/42")[0].getFirstHeader("Authorization"));
        HttpRequest hubspotRead = received(HUBSPOT_API + "/contacts/42")[0];
        assertEquals("Bearer token-hubspotcrm", hubspotRead.getFirstHeader("Authorization"));
        assertTrue(hubspotRead.getFirstQueryStringParameter("properties").contains("jobtitle"),
                "the element's resource asks for the mapped properties by default");

        // list: one page, paged and shaped as every hub list is (pageSize, nextPage, Elements-Next-Page-Token)
        stub("GET", BASE_API + "/contacts", 200, "{\"items\": [" + BASE_ADA + "], \"meta\": {\"count\": 1, \"links\": {}}}");
        stub("GET", HUBSPOT_API + "/contacts", 200, "{\"results\": [" + HUBSPOT_ADA + "], \"paging\": {\"next\": {\"after\": \"43\"}}}");
        for (JsonObject instance : List.of(base, hubspot)) {
            var list = call("GET", "hubs/crm/contacts?pageSize=1", null, instance);
            assertEquals(200, list.status(), list::toString);
            assertEquals(json("[" + ADA + "]"), list.jsonArray());
            assertEquals("1", list.header("Elements-Returned-Count").orElse(null));
        }
        assertEquals("1", received("GET", BASE_API + "/contacts")[0].getFirstQueryStringParameter("per_page"));
        assertEquals("1", received("GET", HUBSPOT_API + "/contacts")[0].getFirstQueryStringParameter("limit"));
        String next = call("GET", "hubs/crm/contacts?pageSize=1", null, hubspot).header("Elements-Next-Page-Token").orElseThrow();
        provider.clear(request().withPath(HUBSPOT_API + "/contacts"));
        stub("GET", HUBSPOT_API + "/contacts", 200, "{\"results\": []}");
        var last = call("GET", "hubs/crm/contacts?pageSize=1&nextPage=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8),
                null, hubspot);
        assertEquals(json("[]"), last.jsonArray(), last::toString);
        assertTrue(last.header("Elements-Next-Page-Token").isEmpty(), "the last page has no token");
        assertEquals("43", received("GET", HUBSPOT_API + "/contacts")[0].getFirstQueryStringParameter("after"),
                "the token's cursor went to the provider");

        // create
        String newContact = """
                {"firstName": "Grace", "lastName": "Hopper", "email": "grace@example.com", "title": "Rear Admiral",
                 "address": {"city": "Arlington"}, "id": "ignored", "createdDate": "2020-01-01T00:00:00Z"}""";
        stub("POST", BASE_API + "/contacts", 200, BASE_ADA.replace("Ada", "Grace"));
        stub("POST", HUBSPOT_API + "/contacts", 201, HUBSPOT_ADA.replace("Ada", "Grace"));
        JsonValue grace = json(ADA.toString().replace("Ada", "Grace"));
        for (JsonObject instance : List.of(base, hubspot)) {
            var created = call("POST", "hubs/crm/contacts", newContact, instance);
            assertEquals(grace, created.json(), created::toString);
        }
        assertEquals(json("""
                {"data": {"first_name": "Grace", "last_name": "Hopper", "email": "grace@example.com", "title": "Rear Admiral",
                          "address": {"city": "Arlington"}}}"""), sent(received("POST", BASE_API + "/contacts")[0]),
                "the provider's own shape; id and dates are not sent back");
        assertEquals(json("""
                {"properties": {"firstname": "Grace", "lastname": "Hopper", "email": "grace@example.com",
                                "jobtitle": "Rear Admiral", "city": "Arlington"}}"""), sent(received("POST", HUBSPOT_API + "/contacts")[0]));

        // update: PATCH on both (the one provider's PUT changes only what it is sent)
        provider.reset();
        stub("PUT", BASE_API + "/contacts/42", 200, BASE_ADA.replace("Analyst", "CTO"));
        stub("PATCH", HUBSPOT_API + "/contacts/42", 200, HUBSPOT_ADA.replace("Analyst", "CTO"));
        JsonValue promoted = json(ADA.toString().replace("Analyst", "CTO"));
        for (JsonObject instance : List.of(base, hubspot)) {
            var updated = call("PATCH", "hubs/crm/contacts/42", "{\"title\": \"CTO\"}", instance);
            assertEquals(promoted, updated.json(), updated::toString);
        }
        assertEquals(json("{\"data\": {\"title\": \"CTO\"}}"), sent(received(BASE_API + "/contacts/42")[0]));
        assertEquals("PUT", received(BASE_API + "/contacts/42")[0].getMethod().getValue());
        assertEquals(json("{\"properties\": {\"jobtitle\": \"CTO\"}}"), sent(received(HUBSPOT_API + "/contacts/42")[0]));

        // delete
        provider.when(request().withMethod("DELETE")).respond(response().withStatusCode(204));
        for (JsonObject instance : List.of(base, hubspot)) {
            var deleted = call("DELETE", "hubs/crm/contacts/42", null, instance);
            assertEquals(204, deleted.status(), deleted::toString);
            assertEquals("", deleted.body());
        }
        assertEquals(2, provider.retrieveRecordedRequests(request().withMethod("DELETE")).length);

        // what the instances can use, and where each provider keeps the fields
        for (JsonObject instance : List.of(base, hubspot)) {
            var objects = hub.get("hubs/crm/objects", elementAuth(instance));
            assertEquals(json("[\"contacts\"]"), objects.jsonArray());
        }
        JsonObject metadata = hub.get("hubs/crm/objects/contacts/metadata", elementAuth(hubspot)).json();
        assertEquals("organization", metadata.getString("level"));
        assertEquals(json("{\"path\": \"title\", \"type\": \"string\", \"vendorPath\": \"properties.jobtitle\"}"),
                metadata.getJsonArray("fields").get(5));
        assertApiError(hub.get("hubs/crm/objects/deals/metadata", elementAuth(hubspot)), 404);
    }

    @Test
    void anErrorOfTheProviderKeepsItsStatusAndMessage() {
        assertEquals(200, hub.post("organizations/objects/templates/contacts", null, owner).status());
        JsonObject hubspot = importInstance("hubspotcrm");
        stub("POST", HUBSPOT_API + "/contacts", 409, "{\"status\": \"error\", \"message\": \"Contact already exists\"}");
        var refused = call("POST", "hubs/crm/contacts", "{\"email\": \"ada@example.com\"}", hubspot);
        assertApiError(refused, 409);
        assertTrue(refused.json().getString("providerMessage").contains("Contact already exists"), refused::toString);

        var badValue = call("POST", "hubs/crm/contacts", "{\"firstName\": {\"given\": \"Ada\"}}", hubspot);
        assertApiError(badValue, 400);
        assertTrue(badValue.json().getString("message").startsWith("firstName:"), badValue::toString);
        assertApiError(call("POST", "hubs/crm/contacts", "firstName=Ada", hubspot), 400);
        assertEquals(1, received("POST", HUBSPOT_API + "/contacts").length, "nothing sent for a bad body");
    }

    @Test
    void anInstallationThatFailsHalfWayStoresNothing() throws java.sql.SQLException {
        String probe = unique("probe");
        assertEquals(200, hub.post("organizations/objects/" + probe + "/definitions",
                "{\"fields\": [{\"path\": \"id\", \"type\": \"string\"}]}", owner).status());
        long organization = TestDatabase.number("SELECT organization_id FROM object_definition WHERE object_name = '" + probe + "'");
        assertEquals(200, hub.delete("organizations/objects/" + probe + "/definitions", owner).status());
        // The database refuses this organization's second mapping, after the definition and the first were sent.
        TestDatabase.execute("ALTER TABLE organization_transformation ADD CONSTRAINT it_fault_mapping"
                + " CHECK (organization_id <> " + organization + " OR element_key <> 'hubspotcrm')");
        try {
            assertEquals(500, hub.post("organizations/objects/templates/contacts", null, owner).status());
        } finally {
            TestDatabase.execute("ALTER TABLE organization_transformation DROP CONSTRAINT IF EXISTS it_fault_mapping");
        }
        assertEquals(0, TestDatabase.number("SELECT COUNT(*) FROM object_definition WHERE organization_id = " + organization));
        assertEquals(0, TestDatabase.number("SELECT COUNT(*) FROM organization_transformation WHERE organization_id = " + organization));
        assertEquals(200, hub.post("organizations/objects/templates/contacts", null, owner).status(), "and it can be done again");
    }

    // --- a private element: lists, instance mappings, refusals -----------------------------------------

    private String peopleElement() {
        String key = unique("people").toLowerCase();
        var element = hub.post("elements", """
                {"name": "People CRM", "key": "%s", "hub": "people", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
                 "resources": [
                   {"path": "/persons", "method": "GET", "vendorPath": "/v1/persons", "vendorMethod": "GET"},
                   {"path": "/persons/{id}", "method": "GET", "vendorPath": "/v1/persons/{id}", "vendorMethod": "GET",
                    "parameters": [{"name": "id", "vendorName": "id", "type": "path", "vendorType": "path"}]},
                   {"path": "/wrapped", "method": "GET", "vendorPath": "/v1/wrapped", "vendorMethod": "GET"}]}
                """.formatted(key, TestEnvironment.mockServerUrl() + "/" + key), owner);
        assertEquals(200, element.status(), element::toString);
        return key;
    }

    private JsonObject provision(String elementKey) {
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "name": "%s", "configuration": {"username": "ada", "password": "p4ss"}}
                """.formatted(elementKey, unique("people")), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static final String PERSON_MAPPING = """
            {"vendorName": "persons", "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}],
             "fields": [{"path": "id", "vendorPath": "id", "vendorType": "number"},
                        {"path": "email", "vendorPath": "%s"},
                        {"path": "since", "vendorPath": "add_time", "vendorType": "date",
                         "configuration": [{"type": "date", "properties": {"pattern": "epochMillis"}}]}]}""";

    @Test
    void listsAreMappedItemByItemAndAnInstancesOwnMappingWins() {
        String key = peopleElement();
        JsonObject first = provision(key);
        JsonObject second = provision(key);
        assertEquals(200, hub.post("organizations/objects/person/definitions", """
                {"fields": [{"path": "id", "type": "string"}, {"path": "email", "type": "string"}, {"path": "since", "type": "date"}]}
                """, owner).status());
        var mapped = hub.post("organizations/elements/" + key + "/transformations/person", PERSON_MAPPING.formatted("emails[0].value"), owner);
        assertEquals(200, mapped.status(), mapped::toString);
        assertEquals("organization", mapped.json().getString("level"));

        stub("GET", "/" + key + "/v1/persons", 200, """
                [{"id": 1, "emails": [{"value": "a@example.com", "primary": true}, {"value": "a@home.example"}],
                  "add_time": 1714557600000, "owner": "x"},
                 {"id": 2, "emails": [], "add_time": 1714557600000}]""");
        var list = call("GET", "hubs/people/person?page=2", null, first);
        assertEquals(200, list.status(), list::toString);
        assertEquals(json("""
                [{"id": "1", "email": "a@example.com", "since": "2024-05-01T10:00:00Z"},
                 {"id": "2", "since": "2024-05-01T10:00:00Z"}]"""), list.jsonArray());
        assertEquals("2", list.header("Elements-Returned-Count").orElse(null));
        assertEquals("2", received("/" + key + "/v1/persons")[0].getFirstQueryStringParameter("page"), "the query goes on as it is");

        // the first instance maps email elsewhere; the second keeps the organization's mapping
        var own = hub.post("instances/" + first.getJsonNumber("id") + "/transformations/person",
                PERSON_MAPPING.formatted("emails[1].value"), owner);
        assertEquals(200, own.status(), own::toString);
        assertEquals("instance", own.json().getString("level"));
        assertEquals("a@home.example", call("GET", "hubs/people/person", null, first).jsonArray().getJsonObject(0).getString("email"));
        assertEquals("a@example.com", call("GET", "hubs/people/person", null, second).jsonArray().getJsonObject(0).getString("email"));
        assertEquals("instance", hub.get("hubs/people/objects/person/metadata", elementAuth(first)).json().getString("level"));
        JsonObject owned = hub.get("instances/" + first.getJsonNumber("id") + "/transformations", owner).json();
        assertEquals(List.of("person"), List.copyOf(owned.keySet()), "only the instance's own");
        assertEquals(first.getJsonNumber("id"), owned.getJsonObject("person").getJsonNumber("instanceId"));

        assertEquals(200, hub.delete("instances/" + first.getJsonNumber("id") + "/transformations/person", owner).status());
        assertEquals("a@example.com", call("GET", "hubs/people/person", null, first).jsonArray().getJsonObject(0).getString("email"),
                "the organization's mapping is in force again");

        // a list the provider wraps is not read as one object
        assertEquals(200, hub.post("organizations/objects/wrapped/definitions",
                "{\"fields\": [{\"path\": \"id\", \"type\": \"string\"}]}", owner).status());
        assertEquals(200, hub.post("organizations/elements/" + key + "/transformations/wrapped",
                "{\"vendorName\": \"wrapped\", \"fields\": [{\"path\": \"id\", \"vendorPath\": \"id\"}]}", owner).status());
        stub("GET", "/" + key + "/v1/wrapped", 200, "{\"data\": [{\"id\": 1}], \"additional_data\": {}}");
        assertApiError(call("GET", "hubs/people/wrapped", null, first), 502);

        // paths that are no common object still reach the element's resources
        stub("GET", "/" + key + "/v1/persons/7", 200, "{\"id\": 7, \"emails\": []}");
        assertEquals(json("{\"id\": \"7\"}"), call("GET", "hubs/people/person/7", null, first).json());
        assertEquals(json("{\"id\": 7, \"emails\": []}"), call("GET", "hubs/people/persons/7", null, first).json());
        assertApiError(call("GET", "hubs/people/person/7/notes", null, first), 404);
    }

    @Test
    void writesAreCheckedWholeAndRefusedWithReasons() {
        String key = peopleElement();
        String transformation = "organizations/elements/" + key + "/transformations/person";
        assertApiError(hub.post(transformation, PERSON_MAPPING.formatted("email"), owner), 404);   // no such object yet
        String definition = "{\"fields\": [{\"path\": \"id\", \"type\": \"string\"}, {\"path\": \"email\", \"type\": \"string\"},"
                + " {\"path\": \"since\", \"type\": \"date\"}]}";
        assertEquals(200, hub.post("organizations/objects/person/definitions", definition, owner).status());
        assertApiError(hub.post("organizations/objects/person/definitions", definition, owner), 409);
        assertApiError(hub.post("organizations/objects/objects/definitions", definition, owner), 400);
        assertApiError(hub.post("organizations/objects/x/definitions", "{\"fields\": [{\"path\": \"a\", \"type\": \"text\"}]}", owner), 400);
        assertApiError(hub.post("organizations/objects/x/definitions", "{}", owner), 400);

        var script = hub.post(transformation, """
                {"vendorName": "persons", "isLegacy": false, "script": {"body": "transformedObject.foo = 'bar'; done(transformedObject);"},
                 "fields": [{"path": "id", "vendorPath": "id"}]}""", owner);
        assertApiError(script, 400);
        assertTrue(script.json().getString("message").contains("runs no code"), script::toString);
        var wrongResource = hub.post(transformation, "{\"vendorName\": \"deals\", \"fields\": [{\"path\": \"id\", \"vendorPath\": \"id\"}]}", owner);
        assertApiError(wrongResource, 400);
        assertTrue(wrongResource.json().getString("message").contains("no resource /deals"), wrongResource::toString);
        assertApiError(hub.post(transformation, "{\"vendorName\": \"persons\", \"fields\": [{\"path\": \"id\", \"vendorPath\": \"a[*].size()\"}]}", owner), 400);
        assertApiError(hub.post(transformation, "{\"vendorName\": \"persons\", \"level\": \"instance\", \"fields\": [{\"path\": \"id\", \"vendorPath\": \"id\"}]}", owner), 400);
        assertApiError(hub.get(transformation, owner), 404);   // nothing refused was stored

        assertEquals(200, hub.post(transformation, PERSON_MAPPING.formatted("email"), owner).status());
        assertApiError(hub.post(transformation, PERSON_MAPPING.formatted("email"), owner), 409);
        long elementId = hub.get("elements/" + key, owner).json().getJsonNumber("id").longValue();
        assertEquals(List.of("person"), List.copyOf(hub.get("organizations/elements/" + elementId + "/transformations", owner)
                .json().keySet()), "the element by its id, as by its key");
        assertEquals(200, hub.put(transformation, PERSON_MAPPING.formatted("mail"), owner).status());
        assertEquals("mail", hub.get(transformation, owner).json().getJsonArray("fields").getJsonObject(1).getString("vendorPath"));
        var stillMapped = hub.delete("organizations/objects/person/definitions", owner);
        assertApiError(stillMapped, 409);
        assertTrue(stillMapped.json().getString("message").contains("element " + key), stillMapped::toString);
        assertEquals(200, hub.delete(transformation, owner).status());
        assertEquals(200, hub.delete("organizations/objects/person/definitions", owner).status());
        assertApiError(hub.get("organizations/objects/person/definitions", owner), 404);

        assertEquals(200, hub.post("organizations/objects/templates/contacts", null, owner).status());
        assertApiError(hub.post("organizations/objects/templates/contacts", null, owner), 409);
        assertApiError(hub.post("organizations/objects/templates/nothing", null, owner), 404);
        assertTrue(hub.get("organizations/objects/definitions?systemOnly=true", owner).json().containsKey("contacts"));
        assertEquals(List.of("contacts"), List.copyOf(hub.get("organizations/objects/definitions", owner).json().keySet()));
    }

    @Test
    void anotherOrganizationsIdsAnswer404() {
        String key = peopleElement();
        JsonObject instance = provision(key);
        assertEquals(200, hub.post("organizations/objects/person/definitions",
                "{\"fields\": [{\"path\": \"id\", \"type\": \"string\"}, {\"path\": \"email\", \"type\": \"string\"},"
                        + " {\"path\": \"since\", \"type\": \"date\"}]}", owner).status());
        assertEquals(200, hub.post("instances/" + instance.getJsonNumber("id") + "/transformations/person",
                PERSON_MAPPING.formatted("email"), owner).status());
        long elementId = hub.get("elements/" + key, owner).json().getJsonNumber("id").longValue();

        String stranger = hub.newOrganization();
        assertApiError(hub.get("instances/" + instance.getJsonNumber("id") + "/transformations", stranger), 404);
        assertApiError(hub.get("instances/" + instance.getJsonNumber("id") + "/transformations/person", stranger), 404);
        assertApiError(hub.post("instances/" + instance.getJsonNumber("id") + "/transformations/person",
                PERSON_MAPPING.formatted("email"), stranger), 404);
        assertApiError(hub.delete("instances/" + instance.getJsonNumber("id") + "/transformations/person", stranger), 404);
        assertApiError(hub.get("organizations/elements/" + elementId + "/transformations", stranger), 404);
        assertApiError(hub.get("organizations/objects/person/definitions", stranger), 404);
        assertFalse(hub.get("organizations/objects/definitions", stranger).json().containsKey("person"));
        assertEquals(200, hub.get("instances/" + instance.getJsonNumber("id") + "/transformations/person", owner).status(),
                "still there for its owner");
    }
}
