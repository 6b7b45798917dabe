package io.plugboard.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small client for the hub's HTTP API in tests: raw requests in, status, headers and parsed JSON
 * out, so assertions read like the wire format the seed guides document.
 */
public final class HubClient {

    public static final String BOOTSTRAP_AUTH =
            "User " + TestEnvironment.USER_SECRET + ", Organization " + TestEnvironment.ORGANIZATION_SECRET;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI root;

    /** @param deploymentUrl the Arquillian deployment URL, e.g. http://localhost:8080/elements/ */
    public HubClient(URL deploymentUrl) {
        String base = deploymentUrl.toString();
        this.root = URI.create(base.endsWith("/") ? base : base + "/");
    }

    /** The server root (without the context path), for calls outside the application. */
    public URI serverRoot() {
        return root.resolve("/");
    }

    public Reply get(String path, String authorization) {
        return send("GET", path, null, null, authorization);
    }

    public Reply post(String path, String json, String authorization) {
        return send("POST", path, json, "application/json", authorization);
    }

    public Reply put(String path, String json, String authorization) {
        return send("PUT", path, json, json == null ? null : "application/json", authorization);
    }

    public Reply delete(String path, String authorization) {
        return send("DELETE", path, null, null, authorization);
    }

    /** {@code path} is relative to {@code /elements/api-v2/} unless it starts with "/". */
    public Reply send(String method, String path, String body, String contentType, String authorization) {
        URI uri = path.startsWith("/") ? root.resolve(path) : root.resolve("api-v2/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return new Reply(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException("Hub call failed: " + method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer of the hub. */
    public record Reply(HttpResponse<String> response) {
        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray jsonArray() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body()))) {
                return reader.read();
            } catch (RuntimeException e) {
                throw new AssertionError("Not JSON (HTTP " + status() + "): " + body(), e);
            }
        }

        public String string(String field) {
            JsonValue value = json().get(field);
            return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : json().getString(field);
        }

        @Override
        public String toString() {
            return "HTTP " + status() + " " + body();
        }
    }

    /** A fresh organization created by the bootstrap administrator: its first user's Authorization header. */
    public String newOrganization() {
        Reply reply = post("organizations", """
                {"name": "Org %s", "user": {"emailAddress": "owner@example.com", "firstName": "Ada", "lastName": "Lovelace"}}
                """.formatted(java.util.UUID.randomUUID()), BOOTSTRAP_AUTH);
        org.junit.jupiter.api.Assertions.assertEquals(200, reply.status(), reply::toString);
        JsonObject json = reply.json();
        return auth(json.getJsonObject("user").getString("secret"), json.getJsonObject("organization").getString("secret"));
    }

    /**
     * The api-v2 error contract: the status, a message, the request id in body and header alike,
     * and nothing of a stack trace.
     */
    public static void assertApiError(Reply reply, int status) {
        org.junit.jupiter.api.Assertions.assertEquals(status, reply.status(), reply::toString);
        JsonObject error = reply.json();
        org.junit.jupiter.api.Assertions.assertNotNull(error.getString("message", null), "message");
        String requestId = error.getString("requestId", null);
        org.junit.jupiter.api.Assertions.assertNotNull(requestId, "requestId");
        org.junit.jupiter.api.Assertions.assertEquals(requestId, reply.header("Elements-Request-Id").orElse(null),
                "body and header carry the same request id");
        org.junit.jupiter.api.Assertions.assertFalse(reply.body().contains("Exception"), "no stack trace: " + reply.body());
    }

    /** Builds the api-v2 Authorization header. */
    public static String auth(String userSecret, String organizationSecret) {
        return "User " + userSecret + ", Organization " + organizationSecret;
    }
}
