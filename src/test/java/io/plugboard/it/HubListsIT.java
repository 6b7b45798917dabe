package io.plugboard.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.model.HttpRequest;

import java.util.List;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Hub lists over HTTP against MockServer, one private element resource per paging style: each
 * answers a plain JSON array with {@code Elements-Returned-Count}, follows its pages through the
 * opaque {@code Elements-Next-Page-Token} to the last (short, empty) page, refuses a vendor next
 * URL outside the instance's {@code base.url} without calling it, refuses a tampered token with a
 * 400, and relays a vendor error in the api-v2 shape with the vendor's status and providerMessage.
 */
class HubListsIT extends OrganizationTestBase {

    private static final String NEXT = "Elements-Next-Page-Token";
    private static final String COUNT = "Elements-Returned-Count";

    private String key;
    private String api;
    private String auth;

    @BeforeEach
    void listingElement() {
        key = unique("lists").toLowerCase();
        api = "/" + key + "/v2";
        var element = hub.post("elements", """
                {"name": "Listing CRM", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
                 "resources": [
                   {"path": "/offsets", "method": "GET", "vendorPath": "/people", "vendorMethod": "GET", "root": "/results",
                    "paging": {"type": "offset", "pageParameter": "offset", "sizeParameter": "limit", "maxPageSize": 50}},
                   {"path": "/pages", "method": "GET", "vendorPath": "/contacts", "vendorMethod": "GET", "root": "/items", "itemRoot": "/data",
                    "paging": {"type": "page", "pageParameter": "page", "first": 1, "sizeParameter": "per_page", "maxPageSize": 100, "defaultPageSize": 2}},
                   {"path": "/cursors", "method": "GET", "vendorPath": "/media", "vendorMethod": "GET", "root": "/data",
                    "paging": {"type": "cursor", "pageParameter": "after", "next": "/paging/cursors/after", "sizeParameter": "limit", "maxPageSize": 25}},
                   {"path": "/urls", "method": "GET", "vendorPath": "/deals", "vendorMethod": "GET", "root": "/items",
                    "paging": {"type": "nextUrl", "next": "/meta/links/next_page", "sizeParameter": "per_page", "maxPageSize": 100}},
                   {"path": "/links", "method": "GET", "vendorPath": "/repos", "vendorMethod": "GET",
                    "paging": {"type": "link", "sizeParameter": "per_page", "maxPageSize": 100}},
                   {"path": "/people/{id}", "method": "GET", "vendorPath": "/people/{id}", "vendorMethod": "GET",
                    "parameters": [{"name": "id", "vendorName": "id", "type": "path", "vendorType": "path", "required": true}]}]}
                """.formatted(key, TestEnvironment.mockServerUrl() + api), owner);
        assertEquals(200, element.status(), element::toString);
        auth = elementAuth(provision());
    }

    private JsonObject provision() {
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "name": "%s", "configuration": {"username": "ada", "password": "p4ss"}}
                """.formatted(key, unique("listing")), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private void answer(String path, String queryName, String queryValue, String body, String... headers) {
        HttpRequest matching = request().withMethod("GET").withPath(api + path);
        if (queryName != null) {
            matching = matching.withQueryStringParameter(queryName, queryValue);
        }
        var response = response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        provider.when(matching).respond(response);
    }

    private static String records(String... ids) {
        StringBuilder out = new StringBuilder();
        for (String id : ids) {
            out.append(out.length() == 0 ? "" : ", ").append("{\"id\": \"").append(id).append("\"}");
        }
        return out.toString();
    }

    private static List<String> ids(HubClient.Reply reply) {
        JsonArray page = reply.jsonArray();
        return page.getValuesAs(JsonObject.class).stream().map(r -> r.getString("id")).toList();
    }

    private HubClient.Reply list(String pathAndQuery) {
        var reply = hub.get("hubs/crm" + pathAndQuery, auth);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"), reply::toString);
        assertEquals(String.valueOf(reply.jsonArray().size()), reply.header(COUNT).orElse(null), "returned count");
        return reply;
    }

    private HttpRequest[] sent(String path) {
        return received(api + path);
    }

    @Test
    void offsetPagingFollowsTheTokenToAShortLastPage() {
        answer("/people", "offset", "2", "{\"results\": [" + records("c") + "], \"count\": 3}");
        provider.when(request().withMethod("GET").withPath(api + "/people").withQueryStringParameter("limit", "2"))
                .respond(response().withStatusCode(200).withBody("{\"results\": [" + records("a", "b") + "], \"count\": 3}"));

        var first = list("/offsets?pageSize=2&q=ada");
        assertEquals(List.of("a", "b"), ids(first));
        String token = first.header(NEXT).orElseThrow();
        assertFalse(token.contains("offset") || token.contains("localhost"), "opaque: " + token);
        var last = list("/offsets?q=ada&nextPage=" + token);
        assertEquals(List.of("c"), ids(last));
        assertTrue(last.header(NEXT).isEmpty(), "no token on the last page");

        HttpRequest[] calls = sent("/people");
        assertEquals(2, calls.length);
        assertTrue(calls[0].getFirstQueryStringParameter("offset").isEmpty(), "the first page is the vendor's default");
        assertEquals("2", calls[1].getFirstQueryStringParameter("offset"));
        for (HttpRequest call : calls) {
            assertEquals("2", call.getFirstQueryStringParameter("limit"));
            assertEquals("ada", call.getFirstQueryStringParameter("q"), "the caller's other parameters on every page");
            assertTrue(call.getFirstHeader("Authorization").startsWith("Basic "), "the instance's credentials");
        }
    }

    @Test
    void pageNumbersUnwrapTheRecordsAndAnEmptyPageEndsTheList() {
        answer("/contacts", "page", "2", "{\"items\": [], \"meta\": {\"count\": 0}}");
        provider.when(request().withMethod("GET").withPath(api + "/contacts"))
                .respond(response().withStatusCode(200).withBody("{\"items\": [{\"data\": {\"id\": \"1\"}, \"meta\": {\"type\": \"contact\"}},"
                        + " {\"data\": {\"id\": \"2\"}, \"meta\": {\"type\": \"contact\"}}], \"meta\": {\"count\": 2}}"));

        var first = list("/pages");
        assertEquals(List.of("1", "2"), ids(first), "the records, not the vendor's wrappers");
        var empty = list("/pages?nextPage=" + first.header(NEXT).orElseThrow());
        assertEquals("[]", empty.body().strip());
        assertEquals("0", empty.header(COUNT).orElseThrow());
        assertTrue(empty.header(NEXT).isEmpty(), "no token after an empty page");
        HttpRequest[] calls = sent("/contacts");
        assertEquals("2", calls[0].getFirstQueryStringParameter("per_page"), "the element's default page size");
        assertEquals("2", calls[1].getFirstQueryStringParameter("page"));
    }

    @Test
    void aCursorInTheBodyIsSentBackAndPageSizeIsCappedAtTheVendorsMaximum() {
        answer("/media", "after", "QVFIUm", "{\"data\": [" + records("m3") + "], \"paging\": {\"cursors\": {}}}");
        provider.when(request().withMethod("GET").withPath(api + "/media"))
                .respond(response().withStatusCode(200).withBody("{\"data\": [" + records("m1", "m2")
                        + "], \"paging\": {\"cursors\": {\"after\": \"QVFIUm\"}}}"));

        var first = list("/cursors?pageSize=1000");
        assertEquals(List.of("m1", "m2"), ids(first));
        var last = list("/cursors?nextPage=" + first.header(NEXT).orElseThrow());
        assertEquals(List.of("m3"), ids(last));
        assertTrue(last.header(NEXT).isEmpty());
        HttpRequest[] calls = sent("/media");
        assertEquals("25", calls[0].getFirstQueryStringParameter("limit"), "capped at maxPageSize");
        assertEquals("QVFIUm", calls[1].getFirstQueryStringParameter("after"));
    }

    @Test
    void aNextUrlUnderBaseUrlIsFollowedAndOneElsewhereIsRefusedWithoutCallingIt() {
        String follow = TestEnvironment.mockServerUrl() + api + "/deals?page=2&per_page=1";
        answer("/deals", "page", "2", "{\"items\": [" + records("d2") + "], \"meta\": {\"links\": {}}}");
        provider.when(request().withMethod("GET").withPath(api + "/deals"))
                .respond(response().withStatusCode(200).withBody("{\"items\": [" + records("d1")
                        + "], \"meta\": {\"links\": {\"next_page\": \"" + follow + "\"}}}"));
        var first = list("/urls?pageSize=1");
        var last = list("/urls?nextPage=" + first.header(NEXT).orElseThrow());
        assertEquals(List.of("d2"), ids(last));
        assertTrue(last.header(NEXT).isEmpty());

        // Another path on the same server, and the same server under another host name.
        for (String elsewhere : List.of(TestEnvironment.mockServerUrl() + "/elsewhere/v2/deals?page=2",
                TestEnvironment.mockServerUrl().replace("localhost", "127.0.0.1") + api + "/stolen?page=2")) {
            provider.reset();
            provider.when(request().withPath("/elsewhere/v2/deals")).respond(response().withStatusCode(200).withBody("{}"));
            provider.when(request().withPath(api + "/stolen")).respond(response().withStatusCode(200).withBody("{}"));
            provider.when(request().withMethod("GET").withPath(api + "/deals"))
                    .respond(response().withStatusCode(200).withBody("{\"items\": [" + records("d1")
                            + "], \"meta\": {\"links\": {\"next_page\": \"" + elsewhere + "\"}}}"));
            var refused = hub.get("hubs/crm/urls", auth);
            assertApiError(refused, 502);
            assertTrue(refused.json().getString("message").contains("outside the instance's base.url"), refused::toString);
            assertFalse(refused.body().contains("elsewhere") || refused.body().contains("stolen"), "the URL is not echoed");
            assertEquals(0, received("/elsewhere/v2/deals").length, "never called: " + elsewhere);
            assertEquals(0, received(api + "/stolen").length, "never called: " + elsewhere);
            assertEquals(1, sent("/deals").length);
        }
    }

    @Test
    void aLinkHeaderNextIsFollowed() {
        answer("/repos", "page", "2", "[" + records("r2") + "]",
                "Link", "<" + TestEnvironment.mockServerUrl() + api + "/repos?page=1>; rel=\"first\"");
        provider.when(request().withMethod("GET").withPath(api + "/repos"))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withHeader("Link", "<" + api + "/repos?page=2&per_page=1>; rel=\"next\", <" + api + "/repos?page=9>; rel=\"last\"")
                        .withBody("[" + records("r1") + "]"));
        var first = list("/links?pageSize=1");
        assertEquals(List.of("r1"), ids(first));
        assertTrue(first.header("Link").isEmpty(), "the vendor's paging headers are the hub's business");
        var last = list("/links?nextPage=" + first.header(NEXT).orElseThrow());
        assertEquals(List.of("r2"), ids(last));
        assertTrue(last.header(NEXT).isEmpty(), "no rel=next");
        assertEquals("1", sent("/repos")[1].getFirstQueryStringParameter("per_page"), "the vendor's next URL as it wrote it");
    }

    @Test
    void aTamperedGarbledOrForeignTokenIsA400AndSendsNothing() {
        provider.when(request().withMethod("GET").withPath(api + "/people"))
                .respond(response().withStatusCode(200).withBody("{\"results\": [" + records("a", "b") + "]}"));
        String token = list("/offsets?pageSize=2").header(NEXT).orElseThrow();
        String otherInstance = elementAuth(provision());
        int before = sent("/people").length;

        char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, 10) + flipped + token.substring(11);
        for (String bad : List.of(tampered, "p1.garbled", "not-a-token")) {
            var refused = hub.get("hubs/crm/offsets?nextPage=" + bad, auth);
            assertApiError(refused, 400);
            assertTrue(refused.json().getString("message").contains("nextPage"), refused::toString);
        }
        assertApiError(hub.get("hubs/crm/pages?nextPage=" + token, auth), 400);
        assertApiError(hub.get("hubs/crm/offsets?nextPage=" + token, otherInstance), 400);
        assertApiError(hub.get("hubs/crm/offsets?pageSize=many", auth), 400);
        assertApiError(hub.get("hubs/crm/offsets?pageSize=0", auth), 400);
        assertEquals(before, sent("/people").length, "nothing sent for a refused token or page size");
    }

    @Test
    void vendorErrorsComeBackInTheApiErrorShapeWithTheVendorsStatusAndMessage() {
        provider.when(request().withMethod("GET").withPath(api + "/people"))
                .respond(response().withStatusCode(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\": [{\"message\": \"per_page is too large\"}]}"));
        var list = hub.get("hubs/crm/offsets", auth);
        assertApiError(list, 422);
        assertEquals("{\"errors\": [{\"message\": \"per_page is too large\"}]}", list.json().getString("providerMessage"));

        provider.when(request().withMethod("GET").withPath(api + "/people/7"))
                .respond(response().withStatusCode(404).withHeader("Content-Type", "text/plain").withBody("No person 7"));
        var one = hub.get("hubs/crm/people/7", auth);
        assertApiError(one, 404);
        assertEquals("No person 7", one.json().getString("providerMessage"), "a resource that is no list too");
        assertTrue(one.header("Content-Type").orElse("").startsWith("application/json"));

        provider.when(request().withMethod("GET").withPath(api + "/people/8"))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody("{\"id\": \"8\"}"));
        var found = hub.get("hubs/crm/people/8", auth);
        assertEquals(200, found.status());
        assertEquals("{\"id\": \"8\"}", found.body(), "a resource that is no list streams as before");
        assertTrue(found.header(COUNT).isEmpty());
    }
}
