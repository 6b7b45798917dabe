package io.plugboard.it;

import io.plugboard.platform.boundary.OpenApiDocuments;
import io.plugboard.platform.boundary.OpenApiDocuments.OperationDetails;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mockserver.model.HttpRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.plugboard.it.HubClient.BOOTSTRAP_AUTH;
import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The API documentation over HTTP: the server's {@code /openapi} is a valid OpenAPI document on
 * its very first call after the hub starts (it once failed with a 500 there, then served a partial
 * document), each element's {@code /docs} is one too and describes calls that work, and the API
 * page with its Swagger UI scripts is served by the WAR.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiDocumentationIT extends OrganizationTestBase {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Each test class gets a server of its own, so this is the first /openapi call since it started. */
    @Test
    @Order(1)
    void openApiIsAValidDocumentOnItsFirstCall() {
        HttpResponse<String> first = get(hub.serverRoot().resolve("/openapi"), "application/json");
        assertEquals(200, first.statusCode(), first::body);
        OpenAPI api = OpenApiDocuments.valid(first.body());

        assertTrue(api.getOpenapi().startsWith("3.0."), api.getOpenapi());
        assertEquals("Plugboard api-v2", api.getInfo().getTitle());
        assertNotNull(api.getInfo().getVersion());
        assertNotNull(api.getInfo().getDescription());
        assertEquals("/elements/api-v2", api.getServers().get(0).getUrl());
        for (String name : List.of("UserOrganization", "UserOrganizationElement")) {
            SecurityScheme scheme = api.getComponents().getSecuritySchemes().get(name);
            assertNotNull(scheme, name);
            assertEquals(SecurityScheme.Type.APIKEY, scheme.getType());
            assertEquals(SecurityScheme.In.HEADER, scheme.getIn());
            assertEquals("Authorization", scheme.getName());
        }
        for (String schema : List.of("ApiError", "Element", "Instance", "Event", "EventDelivery", "EventPoller")) {
            assertNotNull(api.getComponents().getSchemas().get(schema), schema);
        }
        var operations = OpenApiDocuments.operations(api);
        assertTrue(operations.containsKey("GET /elements/{keyOrId}/docs"), operations.keySet()::toString);
        assertTrue(operations.containsKey("GET /hubs/{hub}/{path}"), operations.keySet()::toString);

        // What the server serves is what META-INF/openapi.yaml says, nothing lost or added on the way.
        try (var written = getClass().getResourceAsStream("/META-INF/openapi.yaml")) {
            assertNotNull(written, "META-INF/openapi.yaml");
            assertEquals(OpenApiDocuments.valid(new String(written.readAllBytes(), StandardCharsets.UTF_8)), api);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // The server is relative: resolved against the document's URL it is this hub's api-v2.
        URI server = hub.serverRoot().resolve("/openapi").resolve(api.getServers().get(0).getUrl() + "/elements/keys");
        assertEquals(200, http(server, BOOTSTRAP_AUTH).statusCode());

        // The same document as YAML, which is what the server answers by default.
        HttpResponse<String> yaml = get(hub.serverRoot().resolve("/openapi"), null);
        assertEquals(200, yaml.statusCode());
        assertEquals(operations.keySet(), OpenApiDocuments.operations(OpenApiDocuments.valid(yaml.body())).keySet());
    }

    @Test
    void eachShippedElementHasAValidDocument() {
        List<String> keys = hub.get("elements", owner).jsonArray().stream().map(e -> e.asJsonObject().getString("key")).toList();
        assertTrue(keys.containsAll(List.of("etsy", "instagram", "base", "magento", "acton", "hubspotcrm")), keys::toString);
        for (String key : keys) {
            var reply = hub.get("elements/" + key + "/docs", owner);
            assertEquals(200, reply.status(), reply::toString);
            OpenAPI api = OpenApiDocuments.valid(reply.body());
            assertEquals("/elements/api-v2", api.getServers().get(0).getUrl(), key);
            assertEquals(hub.get("elements/" + key + "/resources", owner).jsonArray().size(),
                    OpenApiDocuments.operations(api).size(), key);
        }
        OpenAPI base = OpenApiDocuments.valid(hub.get("elements/basecrm/docs", owner).body());
        assertTrue(OpenApiDocuments.operations(base).containsKey("GET /hubs/crm/contacts/{id}"));
    }

    @Test
    void unknownAndOtherOrganizationsElementsAreNotFound() {
        assertApiError(hub.get("elements/no-such-element/docs", owner), 404);
        assertApiError(hub.get("elements/base/docs", null), 401);

        String key = unique("documented").toLowerCase();
        assertEquals(200, hub.post("elements", privateElement(key), owner).status());
        assertEquals(200, hub.get("elements/" + key + "/docs", owner).status());
        String stranger = hub.newOrganization();
        var hidden = hub.get("elements/" + key + "/docs", stranger);
        assertApiError(hidden, 404);
        assertTrue(hidden.json().getString("message").contains(key), hidden::toString);
    }

    /** A client that follows the element's document reaches the provider call the element defines. */
    @Test
    void theElementDocumentDescribesCallsThatWork() {
        String key = unique("documented").toLowerCase();
        assertEquals(200, hub.post("elements", privateElement(key), owner).status());
        var instance = hub.post("instances", """
                {"element": {"key": "%s"}, "name": "Documented", "configuration": {"username": "ada", "password": "p4ss"}}
                """.formatted(key), owner);
        assertEquals(200, instance.status(), instance::toString);
        provider.when(request().withMethod("GET").withPath("/" + key + "/people/42"))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody("{\"id\": 42}"));

        OpenAPI api = OpenApiDocuments.valid(hub.get("elements/" + key + "/docs", owner).body());
        OperationDetails read = OpenApiDocuments.operations(api).get("GET /hubs/crm/contacts/{contactId}");
        assertNotNull(read, OpenApiDocuments.operations(api).keySet()::toString);
        assertEquals("Read a contact.", read.operation().getSummary());
        assertEquals(List.of("contactId"), read.parameterNames("path"));
        assertEquals(List.of("fields"), read.parameterNames("query"));

        String path = api.getServers().get(0).getUrl() + read.path().replace("{contactId}", "42") + "?fields=name";
        HttpResponse<String> answer = http(hub.serverRoot().resolve(path), withElement(owner, instance.json()));
        assertEquals(200, answer.statusCode(), answer::body);
        assertEquals("{\"id\": 42}", answer.body());
        HttpRequest[] sent = received("/" + key + "/people/42");
        assertEquals(1, sent.length);
        assertEquals("name", sent[0].getFirstQueryStringParameter("select"));
    }

    @Test
    void theApiPageAndItsScriptsAreServedByTheWar() {
        var page = hub.get("/elements/api-docs/", null);
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"), page::toString);
        List<String> assets = new ArrayList<>();
        Matcher reference = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        while (reference.find()) {
            assets.add(reference.group(1));
        }
        assertTrue(assets.stream().anyMatch(a -> a.matches("\\.\\./webjars/swagger-ui/[0-9.]+/swagger-ui-bundle\\.js")), assets::toString);
        assertTrue(assets.contains("initializer.js"), assets::toString);
        assertTrue(assets.stream().noneMatch(a -> a.startsWith("http")), "nothing from another site: " + assets);
        for (String asset : assets) {
            URI uri = URI.create(hub.serverRoot().resolve("/elements/api-docs/").toString()).resolve(asset);
            HttpResponse<String> served = get(uri, null);
            assertEquals(200, served.statusCode(), uri::toString);
            if (asset.endsWith(".js")) {
                assertTrue(served.headers().firstValue("Content-Type").orElse("").contains("javascript"), uri::toString);
            }
        }
        String initializer = get(hub.serverRoot().resolve("/elements/api-docs/initializer.js"), null).body();
        assertTrue(initializer.contains("url: '/openapi'"), initializer);

        // Linked from the console: its sign-in page here, and every signed-in page's navigation (layout.xhtml).
        var login = hub.get("/elements/console/login.xhtml", null);
        assertEquals(200, login.status());
        assertTrue(login.body().contains("href=\"../api-docs/\""), login::body);
    }

    /** A private basic-authentication element whose provider is MockServer, with one documented resource. */
    private static String privateElement(String key) {
        return """
                {"name": "Documented CRM", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
                 "resources": [{"path": "/contacts/{contactId}", "method": "GET", "vendorPath": "/people/{id}", "vendorMethod": "GET",
                                "description": "Read a contact.",
                                "parameters": [{"name": "contactId", "vendorName": "id", "type": "path", "vendorType": "path", "dataType": "integer", "required": true},
                                               {"name": "fields", "vendorName": "select", "type": "query", "vendorType": "query", "required": false}]}]}
                """.formatted(key, TestEnvironment.mockServerUrl() + "/" + key);
    }

    private HttpResponse<String> get(URI uri, String accept) {
        var request = java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    private HttpResponse<String> http(URI uri, String authorization) {
        return send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).method("GET", BodyPublishers.noBody()).build());
    }

    private HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
