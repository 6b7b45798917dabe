package io.plugboard.it;

import io.plugboard.oauth.control.OAuth1Credentials;
import io.plugboard.oauth.control.OAuth1Signer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockserver.matchers.Times;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Calling providers through the hub: raw passthrough with header hygiene and credentials per
 * authentication type, refresh on 401 (single flight), retries, the rate limit, time-outs, and
 * every egress vector refused with nothing sent.
 */
class ProxyIT extends OrganizationTestBase {

    private static final String CALLBACK = "https://www.mycoolapp.com/auth";
    private static final String INSTAGRAM_API = "/api.instagram.com/v1";
    private static final String ACTON_API = "/restapi.actonsoftware.com/api/1";
    private static final String ACTON_TOKEN = "/restapi.actonsoftware.com/token";

    private JsonObject importInstance(String element, String configuration) {
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "%s"%s}}
                """.formatted(element, CALLBACK, configuration), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    // --- passthrough ---------------------------------------------------------------------------

    @Test
    void getIsForwardedWithTheBearerTokenAndSafeHeadersOnly() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"ig-access-token\"");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/users/self"))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withHeader("Set-Cookie", "provider=1").withHeader("X-Provider", "yes")
                        .withBody("{\"data\": {\"username\": \"ada\"}}"));

        var reply = hub.send("GET", "proxy/users/self?count=2&max_id=a%20b", null, null, elementAuth(instance));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("{\"data\": {\"username\": \"ada\"}}", reply.body());
        assertEquals("yes", reply.header("X-Provider").orElse(null));
        assertTrue(reply.header("Set-Cookie").isEmpty(), "provider cookies are not relayed");
        assertTrue(reply.header("X-Plugboard-Upstream-Latency").isPresent());
        assertTrue(reply.header("X-Plugboard-Proxy-Latency").isPresent());
        assertTrue(reply.header("Elements-Request-Id").isPresent());
        HttpRequest sent = received(INSTAGRAM_API + "/users/self")[0];
        assertEquals("Bearer ig-access-token", sent.getFirstHeader("Authorization"), "the caller's credentials never reach the provider");
        assertEquals("2", sent.getFirstQueryStringParameter("count"));
        assertEquals("a b", sent.getFirstQueryStringParameter("max_id"));
        assertFalse(sent.containsHeader("Elements-Request-Id"));
    }

    @Test
    void postBodiesAndContentTypeArePassedThroughById() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        provider.when(request().withMethod("POST").withPath(INSTAGRAM_API + "/media/1/comments"))
                .respond(response().withStatusCode(201).withHeader("Content-Type", "application/json").withBody("{\"id\": 9}"));
        var reply = hub.send("POST", "instances/" + instance.getInt("id") + "/proxy/media/1/comments",
                "{\"text\": \"nice\"}", "application/json", owner);
        assertEquals(201, reply.status(), reply::toString);
        HttpRequest sent = received(INSTAGRAM_API + "/media/1/comments")[0];
        assertEquals("{\"text\":\"nice\"}", sent.getBodyAsString().replaceAll("\\s", ""));
        assertTrue(sent.getFirstHeader("Content-Type").startsWith("application/json"));
    }

    @Test
    void anotherOrganizationsInstanceAndTokenAreRefused() {
        String token = unique("tok");
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"" + token + "\"");
        var stranger = hub.post("organizations", "{\"name\": \"S\", \"user\": {\"emailAddress\": \"s@example.com\"}}", BOOTSTRAP_AUTH).json();
        String strangerAuth = HubClient.auth(stranger.getJsonObject("user").getString("secret"),
                stranger.getJsonObject("organization").getString("secret"));
        assertApiError(hub.get("instances/" + instance.getInt("id") + "/proxy/users/self", strangerAuth), 404);
        assertApiError(hub.get("instances/99999999999999999999999/proxy/users/self", owner), 404);
        assertApiError(hub.get("proxy/users/self", strangerAuth + ", Element " + instance.getString("token")), 401);
        assertApiError(hub.get("proxy/users/self", owner), 401);
        assertEquals(0, receivedCarrying(token).length, "nothing sent with the instance's token");
    }

    /**
     * Encoded dot segments are refused by the hub (400) or, where the server normalizes them
     * first, land outside the passthrough altogether (404); either way nothing is sent.
     */
    @ParameterizedTest
    @ValueSource(strings = {"proxy/%2e%2e/%2e%2e/secret", "proxy/users/%2E%2E/%2e%2e/x", "proxy/a%2fb", "proxy/a%5c..%5cb",
            "proxy/users/..%2f..%2fsecret"})
    void thePathCannotClimbAboveTheBaseUrl(String path) {
        String token = unique("tok");
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"" + token + "\"");
        var reply = hub.get(path, elementAuth(instance));
        assertTrue(reply.status() == 400 || reply.status() == 404, reply::toString);
        assertFalse(reply.body().contains("<html"), "never an HTML page");
        assertEquals(0, receivedCarrying(token).length, "nothing sent");
    }

    @Test
    void disabledInstancesAreRefused() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        hub.delete("instances/" + instance.getInt("id") + "/enabled", owner);
        assertApiError(hub.get("proxy/users/self", elementAuth(instance)), 403);
    }

    /**
     * The hub keeps each instance's target in memory between calls; every write must reach the
     * very next call: a changed credential, disabling, enabling, deleting.
     */
    @Test
    void everyWriteOfAnInstanceReachesTheNextProxiedCallAtOnce() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"first-token\"");
        long id = instance.getInt("id");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/users/self"))
                .respond(response().withStatusCode(200).withBody("{}"));
        assertEquals(200, hub.get("proxy/users/self", elementAuth(instance)).status());
        assertEquals(200, hub.get("instances/" + id + "/proxy/users/self", owner).status());

        long entryId = hub.get("instances/" + id + "/configuration", owner).jsonArray().stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("key").equals("oauth.user.token")).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
        assertEquals(200, hub.send("PATCH", "instances/" + id + "/configuration/" + entryId,
                "{\"propertyValue\": \"second-token\"}", "application/json", owner).status());
        assertEquals(200, hub.get("proxy/users/self", elementAuth(instance)).status());
        HttpRequest[] sent = received(INSTAGRAM_API + "/users/self");
        assertEquals("Bearer second-token", sent[sent.length - 1].getFirstHeader("Authorization"));

        hub.delete("instances/" + id + "/enabled", owner);
        assertApiError(hub.get("proxy/users/self", elementAuth(instance)), 403);
        assertApiError(hub.get("instances/" + id + "/proxy/users/self", owner), 403);
        assertEquals(200, hub.put("instances/" + id + "/enabled", null, owner).status());
        assertEquals(200, hub.get("proxy/users/self", elementAuth(instance)).status());

        assertEquals(200, hub.delete("instances/" + id, owner).status());
        assertApiError(hub.get("proxy/users/self", elementAuth(instance)), 401);
        assertApiError(hub.get("instances/" + id + "/proxy/users/self", owner), 404);
        assertEquals(4, received(INSTAGRAM_API + "/users/self").length, "nothing sent for a disabled or deleted instance");
    }

    /** Each relayed call is counted per element and status in the server's MicroProfile Metrics. */
    @Test
    void relayedCallsAreCountedPerElementAndStatus() throws Exception {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/media/418"))
                .respond(response().withStatusCode(418).withBody("{}"));
        assertEquals(418, hub.get("proxy/media/418", elementAuth(instance)).status());

        var metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(hub.serverRoot().resolve("/metrics")).header("Accept", "text/plain").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), metrics::body);
        assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("plugboard_proxy_requests")
                && line.contains("element=\"instagram\"") && line.contains("status=\"418\"")), metrics::body);
        assertTrue(metrics.body().contains("plugboard_proxy_upstream_latency"), "the provider's time is timed too");
    }

    /** Verified callers are remembered between calls, but only for the exact pair of secrets. */
    @Test
    void aRememberedCallerStillNeedsBothSecrets() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/users/self"))
                .respond(response().withStatusCode(200).withBody("{}"));
        assertEquals(200, hub.get("proxy/users/self", elementAuth(instance)).status());
        String userPart = owner.substring(0, owner.indexOf(','));
        assertApiError(hub.get("proxy/users/self", userPart + ", Organization wrong-secret, Element " + instance.getString("token")), 401);
        String stranger = hub.newOrganization();
        String strangerOrganization = stranger.substring(stranger.indexOf(',') + 1);
        assertApiError(hub.get("proxy/users/self", userPart + "," + strangerOrganization + ", Element " + instance.getString("token")), 401);
        assertEquals(1, received(INSTAGRAM_API + "/users/self").length);
    }

    // --- OAuth 1.0a ------------------------------------------------------------------------------

    private static void assertSigned(HttpRequest sent, String method, String url, Map<String, List<String>> form) {
        Map<String, String> oauth = WireFormats.oauthHeader(sent.getFirstHeader("Authorization"));
        assertEquals("etsy-token", oauth.get("oauth_token"));
        OAuth1Signer signer = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(oauth.get("oauth_timestamp"))),
                ZoneOffset.UTC), () -> oauth.get("oauth_nonce"));
        Map<String, String> expected = signer.oauthParameters(method, URI.create(url), form,
                new OAuth1Credentials("id", "secret", "etsy-token", "etsy-token-secret"), Map.of());
        assertEquals(expected.get("oauth_signature"), oauth.get("oauth_signature"), "signature over " + method + " " + url);
    }

    @Test
    void oauth1CallsAreSignedOverQueryAndFormBody() {
        JsonObject instance = importInstance("etsy", """
                , "shop.id": "myshop", "oauth.user.token": "etsy-token", "oauth.user.token.secret": "etsy-token-secret\"""");
        provider.when(request().withPath("/openapi.etsy.com/v2/shops/myshop/listings/active"))
                .respond(response().withStatusCode(200).withBody("{\"results\": []}"));
        provider.when(request().withPath("/openapi.etsy.com/v2/listings"))
                .respond(response().withStatusCode(201).withBody("{}"));

        assertEquals(200, hub.get("proxy/shops/myshop/listings/active?limit=5&includes=Images", elementAuth(instance)).status());
        HttpRequest get = received("/openapi.etsy.com/v2/shops/myshop/listings/active")[0];
        assertSigned(get, "GET", TestEnvironment.mockServerUrl() + "/openapi.etsy.com/v2/shops/myshop/listings/active?limit=5&includes=Images", Map.of());

        var post = hub.send("POST", "proxy/listings", "title=Blue+mug&price=12.50&who_made=i_did",
                "application/x-www-form-urlencoded", elementAuth(instance));
        assertEquals(201, post.status(), post::toString);
        assertSigned(received("/openapi.etsy.com/v2/listings")[0], "POST", TestEnvironment.mockServerUrl() + "/openapi.etsy.com/v2/listings",
                Map.of("title", List.of("Blue mug"), "price", List.of("12.50"), "who_made", List.of("i_did")));
    }

    // --- resilience ------------------------------------------------------------------------------

    @Test
    void aProvider401RefreshesOnceAndRetries() {
        JsonObject instance = importInstance("acton", ", \"oauth.user.token\": \"stale\", \"oauth.user.refresh_token\": \"r1\"");
        provider.when(request().withPath(ACTON_API + "/list").withHeader("Authorization", "Bearer stale"))
                .respond(response().withStatusCode(401).withBody("{\"error\": \"token expired\"}"));
        provider.when(request().withPath(ACTON_API + "/list").withHeader("Authorization", "Bearer fresh"))
                .respond(response().withStatusCode(200).withBody("{\"result\": []}"));
        provider.when(request().withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"fresh\", \"refresh_token\": \"r2\", \"expires_in\": 3600}")
                        .withDelay(new Delay(TimeUnit.MILLISECONDS, 500)));

        var reply = hub.get("proxy/list?listingtype=CONTACT_LIST", elementAuth(instance));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, received(ACTON_TOKEN).length);
        assertEquals(2, received(ACTON_API + "/list").length);
    }

    @Test
    void twentyConcurrentCallsOnAnExpiredTokenMakeOneRefreshAndAllSucceed() throws Exception {
        JsonObject instance = importInstance("acton", ", \"oauth.user.token\": \"expired\", \"oauth.user.refresh_token\": \"once\"");
        provider.when(request().withPath(ACTON_API + "/list").withHeader("Authorization", "Bearer expired"))
                .respond(response().withStatusCode(401));
        provider.when(request().withPath(ACTON_API + "/list").withHeader("Authorization", "Bearer renewed"))
                .respond(response().withStatusCode(200).withBody("{}"));
        provider.when(request().withPath(ACTON_TOKEN))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"renewed\", \"refresh_token\": \"twice\", \"expires_in\": 3600}")
                        .withDelay(new Delay(TimeUnit.MILLISECONDS, 800)));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                calls.add(() -> hub.get("proxy/list", elementAuth(instance)).status());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, received(ACTON_TOKEN).length, "one refresh served all twenty calls");
    }

    @Test
    void idempotentCallsAreRetriedOn503AndPostsAreNot() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/flaky"), Times.exactly(2))
                .respond(response().withStatusCode(503));
        provider.when(request().withMethod("GET").withPath(INSTAGRAM_API + "/flaky"))
                .respond(response().withStatusCode(200).withBody("ok"));
        var reply = hub.get("proxy/flaky", elementAuth(instance));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(3, received(INSTAGRAM_API + "/flaky").length);

        provider.when(request().withMethod("POST").withPath(INSTAGRAM_API + "/unsafe"))
                .respond(response().withStatusCode(503).withBody("busy"));
        var post = hub.send("POST", "proxy/unsafe", "{}", "application/json", elementAuth(instance));
        assertEquals(503, post.status(), "a provider error is relayed with its status");
        assertEquals("busy", post.body());
        assertEquals(1, received(INSTAGRAM_API + "/unsafe").length, "a POST is never replayed");
    }

    @Test
    void retryAfterIsHonoured() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        provider.when(request().withPath(INSTAGRAM_API + "/limited"), Times.once())
                .respond(response().withStatusCode(429).withHeader("Retry-After", "1"));
        provider.when(request().withPath(INSTAGRAM_API + "/limited")).respond(response().withStatusCode(200));
        long started = System.nanoTime();
        assertEquals(200, hub.get("proxy/limited", elementAuth(instance)).status());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "waited for Retry-After");
    }

    @Test
    void theInstanceRateLimitAnswers429BeforeTheProviderIsCalled() {
        JsonObject instance = importInstance("instagram",
                ", \"oauth.user.token\": \"tok\", \"ratelimit.per.second\": \"0.5\", \"ratelimit.burst\": \"2\"");
        provider.when(request().withPath(INSTAGRAM_API + "/users/self")).respond(response().withStatusCode(200));
        assertEquals(200, hub.get("proxy/users/self", elementAuth(instance)).status());
        assertEquals(200, hub.get("proxy/users/self", elementAuth(instance)).status());
        var limited = hub.get("proxy/users/self", elementAuth(instance));
        assertApiError(limited, 429);
        assertTrue(Integer.parseInt(limited.header("Retry-After").orElseThrow()) >= 1);
        assertEquals(2, received(INSTAGRAM_API + "/users/self").length);
    }

    @Test
    void aSlowProviderIs504() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        provider.when(request().withPath(INSTAGRAM_API + "/slow"))
                .respond(response().withStatusCode(200).withDelay(new Delay(TimeUnit.MILLISECONDS, TestEnvironment.PROVIDER_TIMEOUT_MS + 2000L)));
        assertApiError(hub.send("POST", "proxy/slow", "{}", "application/json", elementAuth(instance)), 504);
    }

    @Test
    void aRedirectIsRelayedNotFollowed() {
        JsonObject instance = importInstance("instagram", ", \"oauth.user.token\": \"tok\"");
        provider.when(request().withPath(INSTAGRAM_API + "/moved"))
                .respond(response().withStatusCode(302).withHeader("Location", "http://169.254.169.254/latest/meta-data/"));
        provider.when(request().withPath("/internal-only")).respond(response().withStatusCode(200));
        var reply = hub.get("proxy/moved", elementAuth(instance));
        assertEquals(302, reply.status());
        assertEquals(0, received("/internal-only").length);
    }

    // --- element resources (/hubs) ---------------------------------------------------------------

    @Test
    void hubResourcesMapToTheVendorPathsOfEachSeedElement() {
        provider.when(request()).respond(response().withStatusCode(200).withBody("{}"));
        JsonObject etsy = importInstance("etsy", """
                , "shop.id": "myshop", "oauth.user.token": "etsy-token", "oauth.user.token.secret": "etsy-token-secret\"""");
        JsonObject instagram = importInstance("instagram", ", \"oauth.user.token\": \"ig\"");
        JsonObject acton = importInstance("acton", ", \"oauth.user.token\": \"ao\"");
        JsonObject base = importInstance("base", ", \"oauth.user.token\": \"bc\"");
        JsonObject magento = importInstance("magento", ", \"store.url\": \"" + TestEnvironment.mockServerUrl() + "/mage\""
                + ", \"oauth.user.token\": \"mt\", \"oauth.user.token.secret\": \"ms\"");

        assertEquals(200, hub.get("hubs/ecommerce/shops/myshop/listings?limit=5", elementAuth(etsy)).status());
        HttpRequest listings = received("/openapi.etsy.com/v2/shops/myshop/listings/active")[0];
        assertEquals("5", listings.getFirstQueryStringParameter("limit"));
        assertSigned(listings, "GET", TestEnvironment.mockServerUrl() + "/openapi.etsy.com/v2/shops/myshop/listings/active?limit=5", Map.of());

        assertEquals(200, hub.get("hubs/social/media/1234_5", elementAuth(instagram)).status());
        assertEquals("Bearer ig", received(INSTAGRAM_API + "/media/1234_5")[0].getFirstHeader("Authorization"));

        assertEquals(200, hub.get("hubs/marketing/lists", elementAuth(acton)).status());
        assertEquals("CONTACT_LIST", received(ACTON_API + "/list")[0].getFirstQueryStringParameter("listingtype"), "default filled in");
        assertEquals(200, hub.get("hubs/marketing/lists/l-0001/contacts/l-0001:12", elementAuth(acton)).status());
        assertEquals(1, received(ACTON_API + "/list/l-0001/record/l-0001:12").length);

        assertEquals(200, hub.send("POST", "hubs/crm/contacts", "{\"data\": {\"name\": \"Ada\"}}", "application/json",
                elementAuth(base)).status());
        HttpRequest contact = received("/api.getbase.com/v2/contacts")[0];
        assertEquals("POST", contact.getMethod().getValue());
        assertTrue(contact.getBodyAsString().contains("Ada"));

        assertEquals(200, hub.get("hubs/ecommerce/products/42", elementAuth(magento)).status());
        assertEquals(1, received("/mage/api/rest/products/42").length);

        assertApiError(hub.get("hubs/crm/shops/myshop", elementAuth(etsy)), 404);
        assertApiError(hub.get("hubs/ecommerce/no/such/resource", elementAuth(etsy)), 404);
        assertApiError(hub.get("hubs/ecommerce/", elementAuth(etsy)), 404);
        assertApiError(hub.get("hubs/ecommerce/products/42", owner), 401);
    }

    // --- egress guard ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"https://2852039166", "https://0177.0.0.1", "https://0x7f.0.0.1", "https://localhost.",
            "https://[::ffff:7f00:1]", "https://[::ffff:a9fe:a9fe]", "https://10.0.0.1", "https://169.254.169.254",
            "file:///etc", "gopher://example.com", "https://localhost", "http://example.com"})
    void everyEgressVectorIsRefusedWithNothingSent(String storeUrl) {
        String key = unique("key");
        JsonObject instance = hub.post("instances", """
                {"element": {"key": "magento"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "%s", "oauth.api.secret": "s", "oauth.callback.url": "%s",
                                   "store.url": "%s", "oauth.user.token": "t", "oauth.user.token.secret": "ts"}}
                """.formatted(key, CALLBACK, storeUrl), owner).json();
        assertApiError(hub.get("proxy/products", elementAuth(instance)), 400);
        var oauth = hub.get("elements/magento/oauth/token?apiKey=" + key + "&apiSecret=s&callbackUrl=https%3A%2F%2Fapp.test%2Fcb&siteAddress="
                + java.net.URLEncoder.encode(storeUrl, StandardCharsets.UTF_8), null);
        assertApiError(oauth, 400);
        assertEquals(0, receivedCarrying(key).length, "nothing sent for " + storeUrl);
    }
}
