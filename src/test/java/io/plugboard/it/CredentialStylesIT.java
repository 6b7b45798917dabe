package io.plugboard.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.mockserver.matchers.Times;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The authentication styles that need no consent screen, over HTTP with MockServer as the
 * provider, each on a private element made in the test as docs/elements.md describes it: the
 * OAuth 2.0 client credentials grant (minted, verified, stored, minted again before expiry by the
 * scheduler, the new token on the next proxied call), Basic with a fixed or an empty password, API
 * keys in a custom header or the query, the verification call at provisioning (wrong credentials
 * are a 400 with the provider's message, a failing provider a 502 or 504, and either way nothing
 * is stored), and an element's fixed {@code provider.headers} on API calls but not on token calls.
 */
class CredentialStylesIT extends OrganizationTestBase {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    // --- elements --------------------------------------------------------------------------------

    /** Creates a private element and answers its key; {@code entries} are further configuration entries (JSON). */
    private String element(String prefix, String type, String baseUrl, String entries) {
        String key = unique(prefix).toLowerCase();
        var reply = hub.post("elements", """
                {"name": "Styles %s", "key": "%s", "hub": "crm", "authentication": {"type": "%s"},
                 "configuration": [
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"},
                   {"key": "verification.path", "name": "Check", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "/me"}
                   %s],
                 "resources": [{"path": "/contacts/{id}", "method": "GET", "vendorPath": "/people/{id}", "vendorMethod": "GET",
                                "parameters": [{"name": "id", "vendorName": "id", "type": "path", "vendorType": "path", "required": true}]}]}
                """.formatted(type, key, type, baseUrl.replace("{key}", key), entries), owner);
        assertEquals(200, reply.status(), reply::toString);
        return key;
    }

    private static String entry(String key, String type, boolean required, boolean hidden, String defaultValue) {
        return ", {\"key\": \"%s\", \"name\": \"%s\", \"type\": \"%s\", \"required\": %s, \"hidden\": %s%s}".formatted(
                key, key, type, required, hidden, defaultValue == null ? "" : ", \"defaultValue\": \"" + defaultValue + "\"");
    }

    /** A client-credentials element whose token URL and base URL hang off a per-account URL. */
    private String clientCredentialsElement(String extraEntries) {
        return element("cc", "oauth2", "{account.url}/rest", entry("oauth.grant.type", "TEXTFIELD_32", false, true, "client_credentials")
                + entry("oauth.api.key", "TEXTFIELD_128", true, false, null)
                + entry("oauth.api.secret", "PASSWORD", true, false, null)
                + entry("account.url", "TEXTFIELD_1000", true, false, null)
                + entry("oauth.token.url", "TEXTFIELD_1000", false, true, "{account.url}/identity/oauth/token")
                + extraEntries);
    }

    private JsonObject provisionClientCredentials(String key, String clientSecret, String extraConfiguration) {
        var reply = provisionClientCredentialsReply(key, clientSecret, extraConfiguration);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private HubClient.Reply provisionClientCredentialsReply(String key, String clientSecret, String extraConfiguration) {
        return hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"oauth.api.key": "client-%s", "oauth.api.secret": "%s",
                 "account.url": "%s"%s}}
                """.formatted(key, key, clientSecret, TestEnvironment.mockServerUrl() + "/" + key, extraConfiguration), owner);
    }

    private void tokens(String key, String... accessTokensThenLifetimes) {
        for (int i = 0; i < accessTokensThenLifetimes.length; i += 2) {
            boolean last = i + 2 >= accessTokensThenLifetimes.length;
            var when = request().withMethod("POST").withPath("/" + key + "/identity/oauth/token");
            (last ? provider.when(when) : provider.when(when, Times.once())).respond(response().withStatusCode(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\": \"%s\", \"token_type\": \"bearer\", \"expires_in\": %s, \"scope\": \"rest\"}"
                            .formatted(accessTokensThenLifetimes[i], accessTokensThenLifetimes[i + 1])));
        }
    }

    private void answers(String path, int status, String body) {
        provider.when(request().withMethod("GET").withPath(path))
                .respond(response().withStatusCode(status).withHeader("Content-Type", "application/json").withBody(body));
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A hub call with extra headers of the caller's own. */
    private HubClient.Reply get(String path, String authorization, Map<String, String> headers) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        var request = java.net.http.HttpRequest.newBuilder(URI.create(root + "api-v2/" + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", authorization).GET();
        headers.forEach(request::header);
        try {
            return new HubClient.Reply(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- OAuth 2.0 client credentials -------------------------------------------------------------

    @Test
    void clientCredentialsAreMintedVerifiedStoredAndMintedAgainBeforeTheyExpire() throws Exception {
        String key = clientCredentialsElement("");
        String first = unique("cc-first");
        String second = unique("cc-second");
        // The first token lives 4 s, so the scheduler (every second) mints anew 2 s before it ends.
        tokens(key, first, "4", second, "3600");
        answers("/" + key + "/rest/me", 200, "{\"id\": 1}");
        answers("/" + key + "/rest/leads", 200, "[]");

        JsonObject instance = provisionClientCredentials(key, "s3cret&more", "");

        HttpRequest mint = received("/" + key + "/identity/oauth/token")[0];
        assertEquals("POST", mint.getMethod().getValue());
        assertEquals("application/x-www-form-urlencoded", mint.getFirstHeader("Content-Type"));
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "client-" + key, "client_secret", "s3cret&more"),
                WireFormats.form(mint.getBodyAsString()));
        HttpRequest verification = received("/" + key + "/rest/me")[0];
        assertEquals("Bearer " + first, verification.getFirstHeader("Authorization"), "verified with the minted token");

        long deadline = System.currentTimeMillis() + 20_000;
        while (!hub.get("instances/" + instance.getInt("id") + "/history", owner).body().contains("REFRESHED")
                && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertTrue(hub.get("instances/" + instance.getInt("id") + "/history", owner).body().contains("REFRESHED"),
                "minted again by the scheduler");
        HttpRequest[] mints = received("/" + key + "/identity/oauth/token");
        assertEquals(2, mints.length, "one new token, not one per pass");
        assertEquals(WireFormats.form(mint.getBodyAsString()), WireFormats.form(mints[1].getBodyAsString()));

        assertEquals(200, hub.get("proxy/leads", elementAuth(instance)).status());
        assertEquals(200, hub.get("instances/" + instance.getInt("id") + "/proxy/leads", owner).status());
        for (HttpRequest call : received("/" + key + "/rest/leads")) {
            assertEquals("Bearer " + second, call.getFirstHeader("Authorization"));
        }
        assertTrue(hub.get("instances/" + instance.getInt("id"), owner).json().getBoolean("valid"));
    }

    @Test
    void aRemintTheProviderRefusesMakesTheInstanceInvalid() throws Exception {
        String key = clientCredentialsElement("");
        tokens(key, unique("cc"), "4");
        answers("/" + key + "/rest/me", 200, "{}");
        JsonObject instance = provisionClientCredentials(key, "secret", "");
        provider.clear(request().withPath("/" + key + "/identity/oauth/token"));
        provider.when(request().withMethod("POST").withPath("/" + key + "/identity/oauth/token"))
                .respond(response().withStatusCode(401).withBody("{\"error\": \"invalid_client\"}"));

        long deadline = System.currentTimeMillis() + 20_000;
        while (hub.get("instances/" + instance.getInt("id"), owner).json().getBoolean("valid")
                && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertFalse(hub.get("instances/" + instance.getInt("id"), owner).json().getBoolean("valid"));
        assertTrue(hub.get("instances/" + instance.getInt("id") + "/history", owner).body().contains("INVALIDATED"));
    }

    @Test
    void refusedClientCredentialsAreA400WithTheProvidersMessageAndStoreNothing() {
        String key = clientCredentialsElement("");
        provider.when(request().withMethod("POST").withPath("/" + key + "/identity/oauth/token"))
                .respond(response().withStatusCode(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_client\", \"error_description\": \"Bad client credentials\"}"));
        long before = instanceCount(owner);

        var reply = provisionClientCredentialsReply(key, "wrong", "");

        assertApiError(reply, 400);
        assertEquals("{\"error\": \"invalid_client\", \"error_description\": \"Bad client credentials\"}",
                reply.json().getString("providerMessage"));
        assertEquals(before, instanceCount(owner));
        assertEquals(0, received("/" + key + "/rest/me").length, "no verification without a token");
    }

    @Test
    void aMalformedOrMissingTokenEndpointIsAProviderFailureAndStoresNothing() {
        String key = clientCredentialsElement("");
        provider.when(request().withMethod("POST").withPath("/" + key + "/identity/oauth/token"))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>"));
        long before = instanceCount(owner);

        assertApiError(provisionClientCredentialsReply(key, "secret", ""), 502);
        var down = hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"oauth.api.key": "c", "oauth.api.secret": "s", "account.url": "http://127.0.0.1:9"}}
                """.formatted(key), owner);
        assertApiError(down, 502);
        assertEquals(before, instanceCount(owner));
    }

    // --- Basic and API keys -------------------------------------------------------------------------

    @Test
    void basicWithAFixedOrAnEmptyPasswordIsVerifiedAndUsed() {
        String fixed = element("basic-x", "basic", TestEnvironment.mockServerUrl() + "/{key}/api",
                entry("username", "TEXTFIELD_128", true, false, null) + entry("password", "PASSWORD", false, true, "X"));
        String empty = element("basic-e", "basic", TestEnvironment.mockServerUrl() + "/{key}/api",
                entry("username", "TEXTFIELD_128", true, false, null) + entry("password", "PASSWORD", false, true, ""));
        for (String[] element : new String[][] {{fixed, "X"}, {empty, ""}}) {
            String key = element[0];
            String apiKey = unique("apikey");
            answers("/" + key + "/api/me", 200, "{}");
            answers("/" + key + "/api/tickets", 200, "[]");
            var reply = hub.post("instances", """
                    {"element": {"key": "%s"}, "configuration": {"username": "%s"}}""".formatted(key, apiKey), owner);
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(basic(apiKey + ":" + element[1]), received("/" + key + "/api/me")[0].getFirstHeader("Authorization"));

            assertEquals(200, hub.get("proxy/tickets", elementAuth(reply.json())).status());
            assertEquals(basic(apiKey + ":" + element[1]), received("/" + key + "/api/tickets")[0].getFirstHeader("Authorization"));
        }
    }

    @Test
    void anApiKeyInACustomHeaderOrInTheQuery() {
        String inHeader = element("key-h", "apiKey", TestEnvironment.mockServerUrl() + "/{key}/api",
                entry("api.key", "PASSWORD", true, false, null) + entry("api.key.header", "TEXTFIELD_128", false, true, "X-Auth-Token"));
        String inQuery = element("key-q", "apiKey", TestEnvironment.mockServerUrl() + "/{key}/api",
                entry("api.key", "PASSWORD", true, false, null) + entry("api.key.query.parameter", "TEXTFIELD_128", false, true, "api_key"));
        String headerKey = unique("hk");
        String queryKey = unique("qk");
        for (String key : new String[] {inHeader, inQuery}) {
            answers("/" + key + "/api/me", 200, "{}");
            answers("/" + key + "/api/people/5", 200, "{\"id\": 5}");
        }

        var header = hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"api.key": "%s"}}""".formatted(inHeader, headerKey), owner);
        assertEquals(200, header.status(), header::toString);
        HttpRequest check = received("/" + inHeader + "/api/me")[0];
        assertEquals(headerKey, check.getFirstHeader("X-Auth-Token"));
        assertFalse(check.containsHeader("Authorization"));
        assertEquals(200, hub.get("hubs/crm/contacts/5", elementAuth(header.json())).status());
        assertEquals(headerKey, received("/" + inHeader + "/api/people/5")[0].getFirstHeader("X-Auth-Token"));

        var query = hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"api.key": "%s"}}""".formatted(inQuery, queryKey), owner);
        assertEquals(200, query.status(), query::toString);
        assertEquals(queryKey, received("/" + inQuery + "/api/me")[0].getFirstQueryStringParameter("api_key"));
        assertEquals(200, hub.get("hubs/crm/contacts/5", elementAuth(query.json())).status());
        assertEquals(queryKey, received("/" + inQuery + "/api/people/5")[0].getFirstQueryStringParameter("api_key"));
    }

    @Test
    void wrongCredentialsAreA400WithTheProvidersMessageAndStoreNothing() {
        String key = element("basic-w", "basic", TestEnvironment.mockServerUrl() + "/{key}/api",
                entry("username", "TEXTFIELD_128", true, false, null) + entry("password", "PASSWORD", true, false, null));
        answers("/" + key + "/api/me", 401, "{\"code\": \"invalid_credentials\", \"message\": \"Authentication failed\"}");
        long before = instanceCount(owner);

        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"username": "ada", "password": "wrong"}}""".formatted(key), owner);

        assertApiError(reply, 400);
        assertEquals("The provider rejected the credentials (HTTP 401).", reply.json().getString("message"));
        assertEquals("{\"code\": \"invalid_credentials\", \"message\": \"Authentication failed\"}",
                reply.json().getString("providerMessage"));
        assertEquals(before, instanceCount(owner));
    }

    @Test
    void aProviderThatIsDownOrSilentAtVerificationStoresNothing() {
        String down = element("basic-d", "basic", "http://127.0.0.1:9/api",
                entry("username", "TEXTFIELD_128", true, false, null) + entry("password", "PASSWORD", true, false, null));
        String slow = element("basic-s", "basic", TestEnvironment.mockServerUrl() + "/{key}/api",
                entry("username", "TEXTFIELD_128", true, false, null) + entry("password", "PASSWORD", true, false, null));
        provider.when(request().withMethod("GET").withPath("/" + slow + "/api/me"))
                .respond(response().withStatusCode(200).withDelay(Delay.milliseconds(TestEnvironment.PROVIDER_TIMEOUT_MS + 1500)));
        long before = instanceCount(owner);

        var unreachable = hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"username": "ada", "password": "p"}}""".formatted(down), owner);
        assertApiError(unreachable, 502);
        var silent = hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"username": "ada", "password": "p"}}""".formatted(slow), owner);
        assertApiError(silent, 504);
        assertEquals(before, instanceCount(owner));
    }

    // --- provider.headers --------------------------------------------------------------------------

    @Test
    void fixedProviderHeadersGoOnApiCallsButNotOnTokenCalls() {
        String key = clientCredentialsElement(entry("tenant.id", "TEXTFIELD_128", true, false, null)
                + entry("provider.headers", "TEXTAREA", false, true, "Api-Version: 2022-06-28\\nX-Tenant: {tenant.id}"));
        tokens(key, unique("cc"), "3600");
        answers("/" + key + "/rest/me", 200, "{}");
        answers("/" + key + "/rest/deals", 200, "[]");
        answers("/" + key + "/rest/people/7", 200, "{\"id\": 7}");

        JsonObject instance = provisionClientCredentials(key, "secret", ", \"tenant.id\": \"t-42\"");
        assertEquals(200, get("proxy/deals", elementAuth(instance), Map.of("Api-Version", "1999-01-01")).status());
        assertEquals(200, hub.get("hubs/crm/contacts/7", elementAuth(instance)).status());

        for (String path : new String[] {"/rest/me", "/rest/deals", "/rest/people/7"}) {
            HttpRequest call = received("/" + key + path)[0];
            assertEquals(java.util.List.of("2022-06-28"), call.getHeader("Api-Version"), path + ": the element's value, alone");
            assertEquals("t-42", call.getFirstHeader("X-Tenant"), path);
        }
        HttpRequest mint = received("/" + key + "/identity/oauth/token")[0];
        assertFalse(mint.containsHeader("Api-Version"), "token endpoints are not the API");
        assertFalse(mint.containsHeader("X-Tenant"));
    }

    @Test
    void aMalformedProviderHeadersValueIsRefusedWhenTheElementIsMade() {
        var reply = hub.post("elements", """
                {"name": "Broken", "key": "%s", "hub": "crm", "authentication": {"type": "apiKey"},
                 "configuration": [{"key": "provider.headers", "name": "h", "type": "TEXTAREA", "required": false, "hidden": true,
                                    "defaultValue": "Api-Version 2022-06-28"}],
                 "resources": []}
                """.formatted(unique("broken").toLowerCase()), owner);
        assertApiError(reply, 400);
        assertTrue(reply.json().getString("message").contains("provider.headers")
                && reply.json().getString("message").contains("line 1 is not of the form 'Name: value'"), reply::toString);
    }
}
