package io.plugboard.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The OAuth 2.0 authorization-code styles of issue 13 over HTTP, each on a private element the
 * test creates (so the shipped catalog holds no test files), with MockServer as the provider: a
 * JSON token body with Basic client authentication and a token that never expires, a token
 * response root with comma-separated scopes, a value kept from the token response and used in
 * {@code base.url} for a proxied call, a value kept from the callback (through
 * {@code POST /instances} and through the hosted connect), the post-connect lookup that succeeds
 * or fails (and then stores nothing), and a rotating refresh token.
 */
class AuthorizationCodeStylesIT extends OrganizationTestBase {

    private static final String CALLBACK = "https://app.example.com/oauth/callback";
    private static final String RETURN_URL = "https://app.example.com/connected";

    // --- the private element ---------------------------------------------------------------------

    /** Creates an oauth2 element whose endpoints live under MockServer's {@code /<key>}, with {@code extra} entries. */
    private String element(String extraEntries) {
        return element(newKey(), extraEntries);
    }

    private static String newKey() {
        return unique("code").toLowerCase();
    }

    private String element(String key, String extraEntries) {
        String root = TestEnvironment.mockServerUrl() + "/" + key;
        var reply = hub.post("elements", """
                {"name": "Code Styles %s", "key": "%s", "hub": "styles", "authentication": {"type": "oauth2"},
                 "configuration": [
                   {"key": "oauth.api.key", "name": "Client ID", "type": "TEXTFIELD_1000", "required": true, "hidden": false},
                   {"key": "oauth.api.secret", "name": "Client Secret", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "oauth.callback.url", "name": "Callback", "type": "TEXTFIELD_1000", "required": false, "hidden": false},
                   {"key": "oauth.authorization.url", "name": "Authorize", "type": "TEXTFIELD_1000", "required": false, "hidden": true,
                    "defaultValue": "%s/authorize"},
                   {"key": "oauth.token.url", "name": "Token", "type": "TEXTFIELD_1000", "required": false, "hidden": true,
                    "defaultValue": "%s/token"}%s],
                 "resources": [{"path": "/things", "method": "GET", "vendorPath": "/things", "vendorMethod": "GET"}]}
                """.formatted(key, key, root, root, extraEntries.isEmpty() ? "" : ",\n" + extraEntries), owner);
        assertEquals(200, reply.status(), reply::toString);
        return key;
    }

    private static String hidden(String key, String defaultValue) {
        return "{\"key\": \"" + key + "\", \"name\": \"" + key + "\", \"type\": \"TEXTFIELD_1000\", \"required\": false,"
                + " \"hidden\": true, \"defaultValue\": " + (defaultValue == null ? "null" : Json.createValue(defaultValue).toString()) + "}";
    }

    private static String root(String key) {
        return TestEnvironment.mockServerUrl() + "/" + key;
    }

    private HubClient.Reply provision(String key, String providerData) {
        return hub.post("instances", """
                {"element": {"key": "%s"}, "name": "%s", "providerData": %s,
                 "configuration": {"oauth.api.key": "client id", "oauth.api.secret": "s3cret&", "oauth.callback.url": "%s"}}
                """.formatted(key, unique("styles"), providerData, CALLBACK), owner);
    }

    private static JsonObject configuration(HubClient.Reply instance) {
        return instance.json().getJsonObject("configuration");
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void answer(String path, int status, String body) {
        TestEnvironment.mockServer().when(request().withPath(path), Times.once())
                .respond(response().withStatusCode(status).withHeader("Content-Type", "application/json").withBody(body));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // --- the styles ------------------------------------------------------------------------------

    @Test
    void aJsonTokenBodyWithBasicClientAuthenticationAndATokenThatNeverExpires() throws Exception {
        String key = element(String.join(",\n",
                hidden("oauth.token.body.format", "json"),
                hidden("oauth.basic.header", "true"),
                hidden("oauth.token.parameters", "owner=user"),
                hidden("verification.path", "/me"),
                hidden("base.url", root("verified-later"))));
        tokenEndpoint("/" + key + "/token", "{\"access_token\": \"secret-forever\", \"token_type\": \"bearer\", \"bot_id\": \"b1\"}");

        var created = provision(key, "{\"code\": \"the-code\"}");

        assertEquals(200, created.status(), created::toString);
        HttpRequest[] sent = received("/" + key + "/token");
        assertEquals(1, sent.length);
        assertEquals("application/json", sent[0].getFirstHeader("Content-Type"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("client+id:s3cret%26".getBytes(StandardCharsets.UTF_8)),
                sent[0].getFirstHeader("Authorization"));
        assertEquals(json("{\"grant_type\": \"authorization_code\", \"code\": \"the-code\", \"redirect_uri\": \"" + CALLBACK
                + "\", \"owner\": \"user\"}"), json(sent[0].getBodyAsString()), "no client credentials in the body");
        long id = created.json().getJsonNumber("id").longValue();
        assertEquals(1, TestDatabase.number("SELECT COUNT(*) FROM instance WHERE id = " + id
                + " AND token_expires_at IS NULL AND refresh_due_at IS NULL AND verification_due_at IS NOT NULL"),
                "no expires_in and no refresh token: verified, never refreshed");
        var refresh = hub.post("instances/" + id + "/refresh", null, owner);
        assertTrue(refresh.status() >= 400, refresh::toString);
        assertEquals(1, received("/" + key + "/token").length, "nothing to refresh with");
    }

    @Test
    void aTokenUnderAResponseRootWithCommaSeparatedScopes() {
        String key = element(String.join(",\n",
                hidden("oauth.scope", "channels:read chat:write"),
                hidden("oauth.scope.separator", ","),
                hidden("oauth.authorization.parameters", "user_scope=search:read&team={team}"),
                hidden("team", null),
                hidden("oauth.token.response.root", "/authed_user"),
                hidden("oauth.token.response.keep", "/team/id=styles.team.id"),
                hidden("styles.team.id", null),
                hidden("base.url", root("{styles.team.id}"))));

        var url = hub.get("elements/" + key + "/oauth/url?apiKey=cid&callbackUrl=" + enc(CALLBACK) + "&siteAddress=T-site", owner);

        assertEquals(200, url.status(), url::toString);
        assertEquals(root(key) + "/authorize?response_type=code&client_id=cid&redirect_uri=" + enc(CALLBACK)
                + "&scope=channels%3Aread%2Cchat%3Awrite&state=" + key + "&user_scope=search%3Aread&team=T-site",
                url.json().getString("oauthUrl"));

        tokenEndpoint("/" + key + "/token", """
                {"ok": true, "access_token": "xoxb-bot-token", "team": {"id": "team-9"},
                 "authed_user": {"id": "U1", "access_token": "xoxp-user-token", "token_type": "user"}}""");
        var created = provision(key, "{\"code\": \"c\"}");
        assertEquals(200, created.status(), created::toString);
        assertEquals("team-9", configuration(created).getString("styles.team.id"));

        stub("/team-9/things", "[{\"id\": 1}]");
        var things = hub.get("hubs/styles/things", elementAuth(created.json()));
        assertEquals(200, things.status(), things::toString);
        assertEquals("Bearer xoxp-user-token", received("/team-9/things")[0].getFirstHeader("Authorization"),
                "the user token under the root, not the bot token beside it");
    }

    @Test
    void aValueKeptFromTheTokenResponseIsTheProxysBaseUrl() {
        String key = element(String.join(",\n",
                hidden("oauth.token.response.keep", "/instance_url=styles.instance.url"),
                hidden("styles.instance.url", null),
                hidden("base.url", "{styles.instance.url}/services/data/v60.0")));
        String instanceUrl = root(key) + "-eu7";
        tokenEndpoint("/" + key + "/token", "{\"access_token\": \"at-1\", \"instance_url\": \"" + instanceUrl + "\"}");

        var created = provision(key, "{\"code\": \"c\"}");

        assertEquals(200, created.status(), created::toString);
        assertEquals(instanceUrl, configuration(created).getString("styles.instance.url"));
        stub("/" + key + "-eu7/services/data/v60.0/things", "[]");
        var things = hub.get("hubs/styles/things", elementAuth(created.json()));
        assertEquals(200, things.status(), things::toString);
        assertEquals("Bearer at-1", received("/" + key + "-eu7/services/data/v60.0/things")[0].getFirstHeader("Authorization"));
    }

    @Test
    void aTokenResponseWithoutAKeptValueStoresNothing() {
        String key = element(String.join(",\n",
                hidden("oauth.token.response.keep", "/instance_url=styles.instance.url"),
                hidden("styles.instance.url", null)));
        tokenEndpoint("/" + key + "/token", "{\"access_token\": \"at-1\"}");
        var refused = provision(key, "{\"code\": \"c\"}");
        assertApiError(refused, 502);
        assertTrue(refused.json().getString("message").contains("/instance_url"), refused::toString);
        assertEquals(0, instanceCount(owner));
    }

    @Test
    void aValueKeptFromTheCallbackThroughPostInstances() {
        String key = element(String.join(",\n",
                hidden("oauth.callback.keep", "realmId=styles.realm.id"),
                hidden("oauth.callback.keep.pattern", "realm-[0-9a-f]+"),
                hidden("styles.realm.id", null),
                hidden("oauth.token.parameters", "realm={styles.realm.id}"),
                hidden("base.url", root("{styles.realm.id}") + "/v3")));
        tokenEndpoint("/" + key + "/token", "{\"access_token\": \"at-1\", \"expires_in\": 3600, \"refresh_token\": \"r-1\"}");

        var missing = provision(key, "{\"code\": \"c\"}");
        assertApiError(missing, 400);
        assertTrue(missing.json().getString("message").contains("providerData.realmId"), missing::toString);
        assertEquals(0, received("/" + key + "/token").length, "refused before the exchange");
        var forged = provision(key, "{\"code\": \"c\", \"realmId\": \"../../elsewhere\"}");
        assertApiError(forged, 400);
        assertTrue(forged.json().getString("message").contains("oauth.callback.keep.pattern"), forged::toString);
        assertEquals(0, received("/" + key + "/token").length, "a value the provider would not send is never used");

        String realm = unique("realm");
        var created = provision(key, "{\"code\": \"c\", \"realmId\": \"" + realm + "\", \"state\": \"" + key + "\"}");
        assertEquals(200, created.status(), created::toString);
        assertEquals(realm, configuration(created).getString("styles.realm.id"));
        assertTrue(received("/" + key + "/token")[0].getBodyAsString().contains("realm=" + realm), "usable by the exchange itself");
        stub("/" + realm + "/v3/things", "[]");
        assertEquals(200, hub.get("hubs/styles/things", elementAuth(created.json())).status());
        assertEquals(1, received("/" + realm + "/v3/things").length);
    }

    @Test
    void aValueKeptFromTheHostedConnectsCallback() throws Exception {
        String key = element(String.join(",\n",
                hidden("oauth.callback.keep", "realmId=styles.realm.id"),
                hidden("oauth.callback.keep.pattern", "realm-[0-9a-f]+"),
                hidden("styles.realm.id", null),
                hidden("oauth.authorization.parameters", "prompt=consent")));
        assertEquals(200, hub.put("organizations/returnUrls", "[\"" + RETURN_URL + "\"]", owner).status());
        tokenEndpoint("/" + key + "/token", "{\"access_token\": \"at-1\"}");
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        URI connect = URI.create(base + "api-v2/elements/" + key + "/oauth/connect?returnUrl=" + enc(RETURN_URL)
                + "&" + enc("config[oauth.api.key]") + "=cid&" + enc("config[oauth.api.secret]") + "=cs");
        HttpResponse<String> start = browser.send(java.net.http.HttpRequest.newBuilder(connect).header("Authorization", owner)
                .header("Accept", "text/html").timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, start.statusCode(), start::body);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertTrue(authorize.startsWith(root(key) + "/authorize?"), authorize);
        assertTrue(authorize.contains("&prompt=consent"), authorize);
        Map<String, String> query = WireFormats.form(URI.create(authorize).getRawQuery());
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String realm = unique("realm");

        URI back = URI.create(base + "api-v2/elements/" + key + "/oauth/callback?code=c&state=" + enc(query.get("state"))
                + "&realmId=" + enc(realm));
        HttpResponse<String> callback = browser.send(java.net.http.HttpRequest.newBuilder(back).header("Cookie", cookie)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(303, callback.statusCode(), callback::body);
        String location = callback.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.indexOf("instanceId=") + "instanceId=".length()));
        assertEquals(realm, configuration(hub.get("instances/" + id, owner)).getString("styles.realm.id"));
    }

    @Test
    void aPostConnectLookupFillsTheBaseUrl() {
        String key = element(String.join(",\n",
                hidden("oauth.lookup.url", root("{styles.account}") + "/oauth2/metadata"),
                hidden("styles.account", "acct"),
                hidden("oauth.lookup.token.prefix", "OAuth "),
                hidden("oauth.lookup.keep", "/dc=styles.dc,/0~1id=styles.odd"),
                hidden("styles.dc", null),
                hidden("styles.odd", null),
                hidden("base.url", root("{styles.dc}") + "/3.0")));
        tokenEndpoint("/" + key + "/token", "{\"access_token\": \"at-lookup\"}");
        String dc = unique("dc");
        answer("/acct/oauth2/metadata", 200, "{\"dc\": \"" + dc + "\", \"0/id\": 7}");

        var created = provision(key, "{\"code\": \"c\"}");

        assertEquals(200, created.status(), created::toString);
        assertEquals(dc, configuration(created).getString("styles.dc"));
        assertEquals("7", configuration(created).getString("styles.odd"));
        HttpRequest lookup = received("/acct/oauth2/metadata")[0];
        assertEquals("GET", lookup.getMethod().getValue());
        assertEquals("OAuth at-lookup", lookup.getFirstHeader("Authorization"));
        stub("/" + dc + "/3.0/things", "[]");
        assertEquals(200, hub.get("hubs/styles/things", elementAuth(created.json())).status());
        assertEquals(1, received("/" + dc + "/3.0/things").length);
    }

    @Test
    void aFailingPostConnectLookupFailsProvisioningWithTheProvidersMessageAndStoresNothing() throws Exception {
        String key = newKey();
        element(key, String.join(",\n",
                hidden("oauth.lookup.url", root(key) + "-api/accessible-resources"),
                hidden("oauth.lookup.keep", "/0/id=styles.cloud.id"),
                hidden("styles.cloud.id", null)));
        String accessToken = unique("at-lost");
        tokenEndpoint("/" + key + "/token", "{\"access_token\": \"" + accessToken + "\", \"refresh_token\": \"r\", \"expires_in\": 3600}");
        answer("/" + key + "-api/accessible-resources", 403, "{\"message\": \"The app is not installed on any site\"}");

        var refused = provision(key, "{\"code\": \"c\"}");

        assertApiError(refused, 502);
        assertEquals("{\"message\": \"The app is not installed on any site\"}", refused.json().getString("providerMessage"));
        assertEquals(0, instanceCount(owner), "nothing stored");
        assertFalse(TestDatabase.everythingStored().contains(accessToken));

        answer("/" + key + "-api/accessible-resources", 200, "[]");
        var empty = provision(key, "{\"code\": \"c\"}");
        assertApiError(empty, 502);
        assertTrue(empty.json().getString("message").contains("/0/id"), empty::toString);
        assertEquals(0, instanceCount(owner));
    }

    @Test
    void aRotatingRefreshTokenIsReplacedAndKeptValuesUpdated() {
        String key = element(String.join(",\n",
                hidden("oauth.token.body.format", "json"),
                hidden("oauth.token.parameters", "expires_in=1800"),
                hidden("oauth.token.response.keep", "/api_domain=styles.api.domain"),
                hidden("styles.api.domain", null),
                hidden("base.url", "{styles.api.domain}/api/v1")));
        String token = "/" + key + "/token";
        answer(token, 200, "{\"access_token\": \"at-1\", \"refresh_token\": \"r-1\", \"expires_in\": 3600, \"api_domain\": \""
                + root(key) + "-a\"}");
        answer(token, 200, "{\"access_token\": \"at-2\", \"refresh_token\": \"r-2\", \"expires_in\": 3600, \"api_domain\": \""
                + root(key) + "-b\"}");
        answer(token, 200, "{\"access_token\": \"at-3\", \"refresh_token\": \"r-3\", \"expires_in\": 3600}");

        var created = provision(key, "{\"code\": \"c\"}");
        assertEquals(200, created.status(), created::toString);
        String id = created.json().getJsonNumber("id").toString();

        assertEquals(200, hub.post("instances/" + id + "/refresh", null, owner).status());
        assertEquals(root(key) + "-b", configuration(hub.get("instances/" + id, owner)).getString("styles.api.domain"),
                "a kept value that came back is updated");
        assertEquals(200, hub.post("instances/" + id + "/refresh", null, owner).status());
        assertEquals(root(key) + "-b", configuration(hub.get("instances/" + id, owner)).getString("styles.api.domain"),
                "one that did not stays");

        HttpRequest[] sent = received(token);
        assertEquals(3, sent.length);
        assertEquals(json("{\"grant_type\": \"refresh_token\", \"refresh_token\": \"r-1\", \"expires_in\": \"1800\","
                + " \"client_id\": \"client id\", \"client_secret\": \"s3cret&\"}"), json(sent[1].getBodyAsString()));
        assertEquals("r-2", json(sent[2].getBodyAsString()).getString("refresh_token"), "the rotated token is the one sent next");
        stub("/" + key + "-b/api/v1/things", "[]");
        assertEquals(200, hub.get("hubs/styles/things", elementAuth(created.json())).status());
        assertEquals("Bearer at-3", received("/" + key + "-b/api/v1/things")[0].getFirstHeader("Authorization"));
    }

    private static void stub(String path, String json) {
        TestEnvironment.mockServer().when(request().withMethod("GET").withPath(path))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody(json));
    }
}
