package io.plugboard.it;

import io.plugboard.oauth.control.OAuth1Credentials;
import io.plugboard.oauth.control.OAuth1Signer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.mockserver.matchers.Times;
import org.mockserver.model.ClearType;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.plugboard.it.HubClient.BOOTSTRAP_AUTH;
import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Step 3 of the five seed guides and the instance lifecycle over HTTP, with MockServer as every
 * provider: the exact token requests (OAuth 1.0a signatures recomputed), provider failures that
 * must store nothing, another organization's ids, refresh with rotation and single flight, and
 * credentials that must never appear in plaintext in the database or the log.
 */
class InstancesIT extends OrganizationTestBase {

    private static final String CALLBACK = "https://www.mycoolapp.com/auth";
    private static final String INSTAGRAM_TOKEN = "/api.instagram.com/oauth/access_token";
    private static final String BASE_TOKEN = "/api.getbase.com/oauth2/token";
    private static final String ACTON_TOKEN = "/restapi.actonsoftware.com/token";
    private static final String ETSY_REQUEST_TOKEN = "/openapi.etsy.com/v2/oauth/request_token";
    private static final String ETSY_ACCESS_TOKEN = "/openapi.etsy.com/v2/oauth/access_token";

    // --- helpers ---------------------------------------------------------------------------

    private String oauth2Body(String element, String code, String extraConfiguration) {
        return """
                {"element": {"key": "%s"}, "providerData": {"code": "%s"},
                 "configuration": {"oauth.api.key": "client-id", "oauth.api.secret": "client-secret",
                                   "oauth.callback.url": "%s"%s},
                 "tags": ["seed", "%s"], "name": "My %s"}
                """.formatted(element, code, CALLBACK, extraConfiguration, element, element);
    }

    private JsonObject provisionInstagram(String accessToken) {
        tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"" + accessToken + "\", \"user\": {\"id\": \"1574083\"}}");
        var reply = hub.post("instances", oauth2Body("instagram", unique("code"), ""), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** An Act-On instance whose refresh token rotates; the access token lives {@code expiresIn} seconds. */
    private JsonObject provisionActOn(String refreshToken, int expiresIn) {
        tokenEndpoint(ACTON_TOKEN, """
                {"access_token": "%s", "refresh_token": "%s", "expires_in": %d, "token_type": "bearer"}
                """.formatted(unique("access"), refreshToken, expiresIn));
        var reply = hub.post("instances", oauth2Body("acton", unique("code"), ""), owner);
        assertEquals(200, reply.status(), reply::toString);
        provider.clear(request().withPath(ACTON_TOKEN), ClearType.ALL);
        return reply.json();
    }

    // --- Step 3 of each seed guide ------------------------------------------------------------

    @Test
    void instagramCodeIsExchangedWithTheClientCredentialsInTheForm() {
        String code = unique("code");
        tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"566745376.519b1fd.6b5c06dd1683bf72698\", \"user\": {\"id\": \"1\"}}");

        var reply = hub.post("instances", oauth2Body("instagram", code, ""), owner);

        assertEquals(200, reply.status(), reply::toString);
        JsonObject instance = reply.json();
        HttpRequest[] calls = received(INSTAGRAM_TOKEN);
        assertEquals(1, calls.length);
        Map<String, String> sent = WireFormats.form(calls[0].getBodyAsString());
        assertEquals(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "client_id", "client-id", "client_secret", "client-secret"), sent);
        assertEquals("application/x-www-form-urlencoded", calls[0].getFirstHeader("Content-Type"));

        assertEquals("My instagram", instance.getString("name"));
        assertTrue(instance.getString("token").length() >= 27, "at least 160 random bits");
        assertEquals("instagram", instance.getJsonObject("element").getString("key"));
        assertEquals(74, instance.getInt("elementId"));
        assertTrue(instance.getBoolean("valid"));
        assertFalse(instance.getBoolean("disabled"));
        assertEquals(List.of("seed", "instagram"), instance.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        JsonObject configuration = instance.getJsonObject("configuration");
        assertEquals("********", configuration.getString("oauth.api.secret"));
        assertEquals("********", configuration.getString("oauth.user.token"));
        assertEquals("client-id", configuration.getString("oauth.api.key"));
        assertEquals(TestEnvironment.mockServerUrl() + "/api.instagram.com/v1", configuration.getString("base.url"));
        assertFalse(reply.body().contains("566745376.519b1fd"), "the provider token never goes out");
        assertFalse(reply.body().contains("client-secret"));
        assertEquals("owner@example.com", instance.getJsonObject("user").getString("emailAddress"));
        for (String field : List.of("provisionInteractions", "maxCacheSize", "cacheTimeToLive", "eventsEnabled",
                "traceLoggingEnabled", "cachingEnabled", "externalAuthentication", "createdDate")) {
            assertTrue(instance.containsKey(field), field);
        }
    }

    @Test
    void baseAuthenticatesTheClientWithHttpBasicAndTheAliasWorks() {
        tokenEndpoint(BASE_TOKEN, "{\"access_token\": \"f9a67e985bee7c6352c739d1ddcdb0f9\", \"refresh_token\": \"r1\", \"expires_in\": 3600}");
        var reply = hub.post("elements/basecrm/instances", oauth2Body("ignored", "the-code", ""), owner);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("base", reply.json().getJsonObject("element").getString("key"));
        HttpRequest call = received(BASE_TOKEN)[0];
        assertEquals("Basic " + Base64.getEncoder().encodeToString("client-id:client-secret".getBytes(StandardCharsets.UTF_8)),
                call.getFirstHeader("Authorization"));
        Map<String, String> sent = WireFormats.form(call.getBodyAsString());
        assertFalse(sent.containsKey("client_secret"), "HTTP Basic replaces the form credentials");
        assertEquals("authorization_code", sent.get("grant_type"));
        assertEquals("the-code", sent.get("code"));
    }

    @Test
    void actOnInstanceStoresItsRefreshToken() {
        JsonObject instance = provisionActOn("act-on-refresh-1", 3600);
        assertEquals("acton", instance.getJsonObject("element").getString("key"));
        assertEquals("********", instance.getJsonObject("configuration").getString("oauth.user.refresh_token"));
        assertEquals("PRODUCTION", instance.getJsonObject("configuration").getString("oauth.scope"));
    }

    @Test
    void etsyVerifierIsExchangedWithASignedRequestAndTheStepOneSecret() {
        provider.when(request().withMethod("POST").withPath(ETSY_REQUEST_TOKEN))
                .respond(response().withStatusCode(200).withBody("oauth_token=etsy-request-token&oauth_token_secret=etsy-request-secret"));
        provider.when(request().withMethod("POST").withPath(ETSY_ACCESS_TOKEN))
                .respond(response().withStatusCode(200).withBody("oauth_token=etsy-access-token&oauth_token_secret=etsy-access-secret"));
        assertEquals(200, hub.get("elements/etsy/oauth/token?apiKey=keystring&apiSecret=shared-secret&callbackUrl="
                + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8), null).status());

        var reply = hub.post("instances", """
                {"element": {"key": "etsy"},
                 "providerData": {"secret": "etsy-request-secret", "oauth_token": "etsy-request-token", "oauth_verifier": "v3rifier"},
                 "configuration": {"shop.id": "myshop", "oauth.api.key": "keystring", "oauth.api.secret": "shared-secret",
                                   "oauth.callback.url": "%s"},
                 "tags": ["etsy"], "name": "Etsy shop"}
                """.formatted(CALLBACK), owner);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("********", reply.json().getJsonObject("configuration").getString("oauth.user.token.secret"));
        HttpRequest call = received(ETSY_ACCESS_TOKEN)[0];
        Map<String, String> oauth = WireFormats.oauthHeader(call.getFirstHeader("Authorization"));
        assertEquals("etsy-request-token", oauth.get("oauth_token"));
        assertEquals("v3rifier", oauth.get("oauth_verifier"));
        OAuth1Signer signer = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(oauth.get("oauth_timestamp"))),
                ZoneOffset.UTC), () -> oauth.get("oauth_nonce"));
        Map<String, String> expected = signer.oauthParameters("POST", URI.create(TestEnvironment.mockServerUrl() + ETSY_ACCESS_TOKEN),
                Map.of(), new OAuth1Credentials("keystring", "shared-secret", "etsy-request-token", "etsy-request-secret"),
                Map.of("oauth_verifier", "v3rifier"));
        assertEquals(expected.get("oauth_signature"), oauth.get("oauth_signature"));
    }

    @Test
    void magentoFinishesWithTheSecretTheHubKeptFromStepOne() {
        String store = TestEnvironment.mockServerUrl() + "/" + unique("store");
        String storePath = URI.create(store).getPath();
        provider.when(request().withMethod("POST").withPath(storePath + "/oauth/initiate"))
                .respond(response().withStatusCode(200).withBody("oauth_token=mage-request&oauth_token_secret=mage-request-secret"));
        provider.when(request().withMethod("POST").withPath(storePath + "/oauth/token"))
                .respond(response().withStatusCode(200).withBody("oauth_token=mage-access&oauth_token_secret=mage-access-secret"));
        String common = "apiKey=MAGENTO_KEY&apiSecret=MAGENTO_SECRET&callbackUrl=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                + "&siteAddress=" + URLEncoder.encode(store, StandardCharsets.UTF_8);
        assertEquals(200, hub.get("elements/magento/oauth/token?" + common, null).status());
        String oauthUrl = hub.get("elements/magento/oauth/url?" + common + "&requestToken=mage-request", null).json().getString("oauthUrl");
        assertTrue(oauthUrl.contains(URLEncoder.encode("&secret=mage-request-secret", StandardCharsets.UTF_8)),
                "the callback hands the request-token secret back: " + oauthUrl);

        var reply = hub.post("instances", """
                {"element": {"key": "magento"}, "providerData": {"oauth_token": "mage-request", "oauth_verifier": "br6qctk"},
                 "configuration": {"oauth.api.key": "MAGENTO_KEY", "oauth.api.secret": "MAGENTO_SECRET",
                                   "oauth.callback.url": "%s", "store.url": "%s"},
                 "name": "Store"}
                """.formatted(CALLBACK, store), owner);

        assertEquals(200, reply.status(), reply::toString);
        JsonObject configuration = reply.json().getJsonObject("configuration");
        assertEquals("{store.url}/api/rest", configuration.getString("base.url"), "templates are kept, resolved at use");
        assertEquals(store, configuration.getString("store.url"));
        Map<String, String> oauth = WireFormats.oauthHeader(received(storePath + "/oauth/token")[0].getFirstHeader("Authorization"));
        assertEquals("mage-request", oauth.get("oauth_token"));
        assertEquals("br6qctk", oauth.get("oauth_verifier"));
    }

    // --- what must fail, and store nothing ------------------------------------------------------

    @Test
    void everyMissingRequiredEntryIsNamedInOneError() {
        var reply = hub.post("instances", """
                {"element": {"key": "etsy"}, "providerData": {"oauth_token": "t", "oauth_verifier": "v", "secret": "s"},
                 "configuration": {"oauth.api.secret": "s"}}
                """, owner);
        assertApiError(reply, 400);
        String message = reply.json().getString("message");
        for (String key : List.of("shop.id", "oauth.api.key", "oauth.callback.url")) {
            assertTrue(message.contains(key), key + " in " + message);
        }
        assertApiError(hub.post("instances", oauth2Body("no-such-element", "c", ""), owner), 404);
        assertApiError(hub.post("instances", "{\"providerData\": {}}", owner), 400);
        assertApiError(hub.post("instances", oauth2Body("instagram", "", ""), owner), 400);
        assertEquals(0, received(INSTAGRAM_TOKEN).length, "bad input never reaches the provider");
        assertEquals(0, instanceCount(owner));
    }

    @Test
    void providerFailuresStoreNothing() {
        provider.when(request().withPath(INSTAGRAM_TOKEN), org.mockserver.matchers.Times.once())
                .respond(response().withStatusCode(500).withBody("upstream exploded"));
        var serverError = hub.post("instances", oauth2Body("instagram", "c1", ""), owner);
        assertApiError(serverError, 502);
        assertEquals("upstream exploded", serverError.json().getString("providerMessage"));

        provider.when(request().withPath(INSTAGRAM_TOKEN), org.mockserver.matchers.Times.once())
                .respond(response().withStatusCode(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"code already used\"}"));
        var invalidGrant = hub.post("instances", oauth2Body("instagram", "c2", ""), owner);
        assertApiError(invalidGrant, 502);
        assertTrue(invalidGrant.json().getString("providerMessage").contains("invalid_grant"));

        provider.when(request().withPath(INSTAGRAM_TOKEN), org.mockserver.matchers.Times.once())
                .respond(response().withStatusCode(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>"));
        assertApiError(hub.post("instances", oauth2Body("instagram", "c3", ""), owner), 502);

        provider.when(request().withPath(INSTAGRAM_TOKEN), org.mockserver.matchers.Times.once())
                .respond(response().withStatusCode(200).withBody("{\"access_token\": \"late\"}")
                        .withDelay(new Delay(TimeUnit.MILLISECONDS, TestEnvironment.PROVIDER_TIMEOUT_MS + 2000L)));
        assertApiError(hub.post("instances", oauth2Body("instagram", "c4", ""), owner), 504);

        provider.when(request().withPath(INSTAGRAM_TOKEN), org.mockserver.matchers.Times.once())
                .respond(response().withStatusCode(200).withBody("{\"access_token\": \"\"}"));
        assertApiError(hub.post("instances", oauth2Body("instagram", "c5", ""), owner), 502);

        assertEquals(0, instanceCount(owner), "no failed exchange left an instance behind");
    }

    @Test
    void externalAuthenticationImportsTokensWithoutAnExchange() {
        var reply = hub.post("instances", """
                {"element": {"key": "acton"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "%s",
                                   "oauth.user.token": "imported-access", "oauth.user.refresh_token": "imported-refresh"}}
                """.formatted(CALLBACK), owner);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("initial", reply.json().getString("externalAuthentication"));
        assertEquals(0, received(ACTON_TOKEN).length);
        assertApiError(hub.post("instances", """
                {"element": {"key": "acton"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "%s"}}
                """.formatted(CALLBACK), owner), 400);
    }

    // --- lifecycle ------------------------------------------------------------------------------

    @Test
    void listFiltersByTagsAndPages() {
        String tag = unique("tag");
        for (int n = 0; n < 3; n++) {
            tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"t" + n + "\"}");
            String body = oauth2Body("instagram", "code" + n, "").replace("\"seed\"", "\"" + tag + "\"");
            assertEquals(200, hub.post("instances", body, owner).status());
        }
        provisionActOn("r", 3600);

        var tagged = hub.get("instances?tags[]=" + tag, owner);
        assertEquals(3, tagged.jsonArray().size());
        assertEquals("3", tagged.header("Elements-Total-Count").orElse(null));
        assertEquals(0, hub.get("instances?tags[]=" + tag + "&tags[]=acton", owner).jsonArray().size(), "every tag must match");
        assertEquals(1, hub.get("instances?tags[]=seed&tags[]=acton", owner).jsonArray().size());

        var first = hub.get("instances?pageSize=2", owner);
        assertEquals("2", first.header("Elements-Returned-Count").orElse(null));
        assertEquals("4", first.header("Elements-Total-Count").orElse(null));
        String next = first.header("Elements-Next-Page-Token").orElseThrow();
        var second = hub.get("instances?pageSize=2&nextPage=" + next, owner);
        assertEquals(2, second.jsonArray().size());
        assertTrue(second.header("Elements-Next-Page-Token").isEmpty());
        assertNotEquals(first.jsonArray().getJsonObject(0).getInt("id"), second.jsonArray().getJsonObject(0).getInt("id"));
        assertApiError(hub.get("instances?nextPage=garbage!", owner), 400);
        assertApiError(hub.get("instances?pageSize=0", owner), 400);

        var brief = hub.get("instances?hydrate=false", owner).jsonArray().getJsonObject(0);
        assertFalse(brief.containsKey("configuration") && !brief.isNull("configuration"), "hydrate=false leaves out configuration");
        assertEquals(3, hub.get("elements/instagram/instances", owner).jsonArray().size());
        assertEquals(1, hub.get("elements/acton/instances", owner).jsonArray().size());
    }

    @Test
    void patchReplacesTagsAndIgnoresFieldsTheCallerCannotSet() {
        JsonObject instance = provisionInstagram("tok");
        long id = instance.getInt("id");
        String token = instance.getString("token");
        var patched = hub.send("PATCH", "instances/" + id, """
                {"tags": ["one", "two"], "name": "Renamed", "id": 999999, "token": "forged", "valid": false,
                 "user": {"id": 1}, "disabled": true}
                """, "application/json", owner);
        assertEquals(200, patched.status(), patched::toString);
        JsonObject after = patched.json();
        assertEquals(id, after.getInt("id"));
        assertEquals(token, after.getString("token"));
        assertTrue(after.getBoolean("valid"));
        assertFalse(after.getBoolean("disabled"));
        assertEquals("Renamed", after.getString("name"));
        assertEquals(2, after.getJsonArray("tags").size());
        assertEquals(0, hub.send("PATCH", "instances/" + id, "{\"tags\": []}", "application/json", owner)
                .json().getJsonArray("tags").size());
    }

    @Test
    void configurationEntriesAreListedAndPatchedWithSecretsMasked() {
        JsonObject instance = provisionInstagram("tok");
        long id = instance.getInt("id");
        var configuration = hub.get("instances/" + id + "/configuration", owner);
        assertEquals(200, configuration.status());
        JsonObject secret = configuration.jsonArray().stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("key").equals("oauth.api.secret")).findFirst().orElseThrow();
        assertEquals("********", secret.getString("propertyValue"));
        long entryId = secret.getJsonNumber("id").longValue();
        assertEquals("oauth.api.secret", hub.get("instances/" + id + "/configuration/" + entryId, owner).json().getString("key"));

        var changed = hub.send("PATCH", "instances/" + id + "/configuration/" + entryId,
                "{\"propertyValue\": \"rotated-client-secret\"}", "application/json", owner);
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("********", changed.json().getString("propertyValue"));
        assertApiError(hub.get("instances/" + id + "/configuration/999999999", owner), 404);

        // The twin takes the instance from the Element token.
        assertEquals(configuration.jsonArray().size(), hub.get("instances/configuration", withElement(owner, instance)).jsonArray().size());
        assertApiError(hub.get("instances/configuration", owner), 401);
        assertApiError(hub.get("instances/configuration", owner + ", Element not-a-token"), 401);
    }

    @Test
    void disabledInstancesRefuseInstanceCallsUntilEnabled() {
        JsonObject instance = provisionActOn("r", 3600);
        long id = instance.getInt("id");
        assertTrue(hub.delete("instances/" + id + "/enabled", owner).json().getBoolean("disabled"));
        assertApiError(hub.post("instances/" + id + "/refresh", null, owner), 403);
        assertApiError(hub.post("instances/refresh", null, withElement(owner, instance)), 403);
        assertFalse(hub.put("instances/enabled", null, withElement(owner, instance)).json().getBoolean("disabled"));
        assertEquals(0, received(ACTON_TOKEN).length);
    }

    @Test
    void deletedInstancesAreGoneByIdAndByToken() {
        JsonObject instance = provisionInstagram("tok");
        long id = instance.getInt("id");
        assertEquals(200, hub.delete("instances/" + id, owner).status());
        assertApiError(hub.get("instances/" + id, owner), 404);
        assertApiError(hub.get("instances/configuration", withElement(owner, instance)), 401);
        assertApiError(hub.delete("instances/" + id, owner), 404);
    }

    @Test
    void anotherOrganizationsInstanceIsNotFoundOnEveryCall() {
        JsonObject instance = provisionActOn("r", 3600);
        long id = instance.getInt("id");
        String stranger = hub.newOrganization();
        List<HubClient.Reply> replies = List.of(
                hub.get("instances/" + id, stranger),
                hub.put("instances/" + id, "{\"name\": \"mine now\"}", stranger),
                hub.send("PATCH", "instances/" + id, "{\"tags\": [\"x\"]}", "application/json", stranger),
                hub.put("instances/" + id + "?reAuthenticate=true", "{\"providerData\": {\"code\": \"c\"}}", stranger),
                hub.delete("instances/" + id, stranger),
                hub.put("instances/" + id + "/enabled", null, stranger),
                hub.delete("instances/" + id + "/enabled", stranger),
                hub.get("instances/" + id + "/configuration", stranger),
                hub.get("instances/" + id + "/configuration/1", stranger),
                hub.send("PATCH", "instances/" + id + "/configuration/1", "{\"propertyValue\": \"x\"}", "application/json", stranger),
                hub.post("instances/" + id + "/refresh", null, stranger),
                hub.get("instances/" + id + "/history", stranger));
        for (HubClient.Reply reply : replies) {
            assertApiError(reply, 404);
            assertFalse(reply.body().contains(instance.getString("name")), "nothing about it leaks");
        }
        // Its token, presented with the other organization's secrets, is refused.
        for (HubClient.Reply reply : List.of(
                hub.get("instances/configuration", withElement(stranger, instance)),
                hub.post("instances/refresh", null, withElement(stranger, instance)),
                hub.put("instances/enabled", null, withElement(stranger, instance)))) {
            assertApiError(reply, 401);
        }
        assertEquals(0, hub.get("instances", stranger).jsonArray().size());
        assertEquals(0, received(ACTON_TOKEN).length);
        assertTrue(hub.get("instances/" + id, owner).json().getBoolean("valid"), "the owner's instance is untouched");
        assertFalse(hub.get("instances/" + id, owner).json().getBoolean("disabled"));
    }

    @Test
    void reAuthenticationKeepsIdAndToken() {
        JsonObject instance = provisionInstagram("first");
        long id = instance.getInt("id");
        tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"second\"}");
        var reply = hub.put("instances/" + id + "?reAuthenticate=true", "{\"providerData\": {\"code\": \"new-code\"}}", owner);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(id, reply.json().getInt("id"));
        assertEquals(instance.getString("token"), reply.json().getString("token"));
        assertEquals("new-code", WireFormats.form(received(INSTAGRAM_TOKEN)[1].getBodyAsString()).get("code"));
        assertApiError(hub.put("instances/" + id + "?reAuthenticate=true", "{}", owner), 400);
    }

    // --- refresh -------------------------------------------------------------------------------

    @Test
    void refreshRotatesTheRefreshTokenAndKeepsItWhenOmitted() {
        JsonObject instance = provisionActOn("single-use-1", 3600);
        long id = instance.getInt("id");

        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"a2\", \"refresh_token\": \"single-use-2\", \"expires_in\": 3600}");
        assertEquals(200, hub.post("instances/" + id + "/refresh", null, owner).status());
        provider.clear(request().withPath(ACTON_TOKEN), ClearType.EXPECTATIONS);
        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"a3\", \"expires_in\": 3600}");
        assertEquals(200, hub.post("instances/refresh", null, withElement(owner, instance)).status());
        provider.clear(request().withPath(ACTON_TOKEN), ClearType.EXPECTATIONS);
        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"a4\", \"expires_in\": 3600}");
        assertEquals(200, hub.post("instances/" + id + "/refresh", null, owner).status());

        HttpRequest[] calls = received(ACTON_TOKEN);
        assertEquals(3, calls.length);
        assertEquals("refresh_token", WireFormats.form(calls[0].getBodyAsString()).get("grant_type"));
        assertEquals("single-use-1", WireFormats.form(calls[0].getBodyAsString()).get("refresh_token"));
        assertEquals("single-use-2", WireFormats.form(calls[1].getBodyAsString()).get("refresh_token"), "the rotated token is used next");
        assertEquals("single-use-2", WireFormats.form(calls[2].getBodyAsString()).get("refresh_token"), "kept when the answer omitted it");
        var events = hub.get("instances/" + id + "/history", owner).jsonArray();
        assertTrue(events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("REFRESHED")).count() >= 3);
    }

    @Test
    void invalidGrantMarksTheInstanceInvalidUntilReAuthenticated() {
        JsonObject instance = provisionActOn("revoked", 3600);
        long id = instance.getInt("id");
        provider.when(request().withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\"}"));
        var reply = hub.post("instances/" + id + "/refresh", null, owner);
        assertApiError(reply, 502);
        assertFalse(hub.get("instances/" + id, owner).json().getBoolean("valid"));
        assertTrue(hub.get("instances/" + id + "/history", owner).body().contains("INVALIDATED"));

        provider.clear(request().withPath(ACTON_TOKEN), ClearType.EXPECTATIONS);
        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"again\", \"refresh_token\": \"fresh\", \"expires_in\": 3600}");
        var reauthenticated = hub.put("instances/" + id + "?reAuthenticate=true", "{\"providerData\": {\"code\": \"c\"}}", owner);
        assertTrue(reauthenticated.json().getBoolean("valid"), reauthenticated::toString);
    }

    @Test
    void twentyConcurrentRefreshesMakeExactlyOneTokenRequest() throws Exception {
        JsonObject instance = provisionActOn("only-once", 3600);
        long id = instance.getInt("id");
        provider.when(request().withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"new\", \"refresh_token\": \"only-once-2\", \"expires_in\": 3600}")
                        .withDelay(new Delay(TimeUnit.MILLISECONDS, 800)));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                calls.add(() -> hub.post("instances/" + id + "/refresh", null, owner).status());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, received(ACTON_TOKEN).length, "one provider call served all twenty");
    }

    @Test
    void theSchedulerRefreshesBeforeExpiry() throws Exception {
        JsonObject instance = provisionActOn("scheduled-1", 4);
        tokenEndpoint(ACTON_TOKEN, "{\"access_token\": \"renewed\", \"refresh_token\": \"scheduled-2\", \"expires_in\": 3600}");
        long deadline = System.currentTimeMillis() + 15_000;
        while (received(ACTON_TOKEN).length == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        HttpRequest[] calls = received(ACTON_TOKEN);
        assertEquals(1, calls.length, "refreshed once, unasked, before the 4-second token expired");
        assertEquals("scheduled-1", WireFormats.form(calls[0].getBodyAsString()).get("refresh_token"));
        long id = instance.getInt("id");
        long waitForCommit = System.currentTimeMillis() + 5_000;
        while (!hub.get("instances/" + id + "/history", owner).body().contains("REFRESHED") && System.currentTimeMillis() < waitForCommit) {
            Thread.sleep(100);
        }
        assertTrue(hub.get("instances/" + id + "/history", owner).body().contains("REFRESHED"));
        assertTrue(hub.get("instances/" + id, owner).json().getBoolean("valid"));
    }

    @Test
    void neverExpiringCredentialsAreVerifiedOnScheduleAndARejectionInvalidates() throws Exception {
        String key = unique("basic").toLowerCase();
        String path = "/" + key + "/api";
        var element = hub.post("elements", """
                {"name": "Basic CRM", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"},
                   {"key": "verification.path", "name": "Check", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "/me"}],
                 "resources": []}
                """.formatted(key, TestEnvironment.mockServerUrl() + path), owner);
        assertEquals(200, element.status(), element::toString);
        // Accepted at provisioning (its one verification call), revoked afterwards.
        provider.when(request().withMethod("GET").withPath(path + "/me"), Times.once()).respond(response().withStatusCode(200));
        provider.when(request().withMethod("GET").withPath(path + "/me")).respond(response().withStatusCode(401));

        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "configuration": {"username": "ada", "password": "p4ss"}}
                """.formatted(key), owner);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, received(path + "/me").length, "one verification call at provisioning, no exchange");
        long id = reply.json().getInt("id");
        long deadline = System.currentTimeMillis() + 15_000;
        while (hub.get("instances/" + id, owner).json().getBoolean("valid") && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertFalse(hub.get("instances/" + id, owner).json().getBoolean("valid"), "the rejected credentials made it invalid");
        HttpRequest check = received(path + "/me")[1];
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ada:p4ss".getBytes(StandardCharsets.UTF_8)),
                check.getFirstHeader("Authorization"));
        assertTrue(hub.get("instances/" + id + "/history", owner).body().contains("INVALIDATED"));
    }

    @Test
    void keyRotationIsTheFirstAdministratorsAction() {
        provisionInstagram("tok");
        assertApiError(hub.post("platform/encryption/rotation", null, owner), 403);
        var rotation = hub.post("platform/encryption/rotation", null, BOOTSTRAP_AUTH);
        assertEquals(200, rotation.status(), rotation::toString);
        assertEquals(0, rotation.json().getInt("remaining"));
        assertEquals(16, rotation.json().getString("currentKeyId").length());
    }

    // --- credentials at rest ---------------------------------------------------------------------

    @Test
    void noCredentialIsStoredOrLoggedInPlaintext() throws Exception {
        String accessToken = unique("PLAINTEXT-ACCESS");
        String refreshToken = unique("PLAINTEXT-REFRESH");
        String clientSecret = unique("PLAINTEXT-CLIENT-SECRET");
        tokenEndpoint(ACTON_TOKEN, """
                {"access_token": "%s", "refresh_token": "%s", "expires_in": 3600}""".formatted(accessToken, refreshToken));
        var reply = hub.post("instances", oauth2Body("acton", "c", "").replace("client-secret", clientSecret), owner);
        assertEquals(200, reply.status(), reply::toString);
        String instanceToken = reply.json().getString("token");
        assertEquals(200, hub.post("instances/" + reply.json().getInt("id") + "/refresh", null, owner).status());

        List<String> secrets = List.of(accessToken, refreshToken, clientSecret, instanceToken);
        String stored = TestDatabase.everythingStored();
        for (String secret : secrets) {
            assertFalse(stored.contains(secret), "plaintext credential in the database");
        }
        String log = TestEnvironment.serverLogText();
        assertTrue(log.contains("Element catalog"), "reading the right log");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "plaintext credential in the log");
        }
    }
}
