package io.plugboard.it;

import io.plugboard.oauth.control.OAuth1Credentials;
import io.plugboard.oauth.control.OAuth1Signer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockserver.matchers.TimeToLive;
import org.mockserver.matchers.Times;
import org.mockserver.model.ClearType;
import org.mockserver.model.HttpRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Every element of the shipped catalog, driven from its file alone against MockServer: its
 * authentication by type and by the contract's configuration keys (the OAuth 2.0 authorize URL
 * parameter by parameter, the code exchange through the hosted connect with PKCE, lookups and
 * kept values, refresh with rotation; client-credentials minting and re-minting; the OAuth 1.0a
 * request token, authorize URL and verifier exchange; Basic and API-key provisioning, refused
 * credentials included), its verification call, and one call of each hub resource, each time
 * asserting the exact request the provider received. The test reads {@code index.txt}, so a new
 * element file is covered without new test code, and a failure names the element's key.
 *
 * <p>Fast by design: one organization for the whole catalog, MockServer's log cleared before each
 * step instead of polling, and every instance deleted when its element is done, so the credential
 * scheduler does not keep calling MockServer for it.
 */
class CatalogConformanceIT extends HubTestBase {

    private static final String RETURN_URL = "https://app.example.com/catalog-connected";
    private static final String APP_CALLBACK = "https://app.example.com/oauth/callback";
    private static final String COOKIE = "PLUGBOARD_CONNECT";
    /** Refusals outrank every answer. */
    private static final int HIGHEST = 1_000_000;

    /** A later stub outranks an earlier one for the same request (a refresh's answer after the exchange's). */
    private int priority = 1;

    /** One organization for the whole catalog: creating one per element would dominate the run. */
    private static String owner;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static Stream<String> catalog() throws IOException {
        try (InputStream in = CatalogConformanceIT.class.getResourceAsStream("/elements/catalog/index.txt")) {
            assertNotNull(in, "elements/catalog/index.txt");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList().stream();
        }
    }

    @BeforeEach
    void oneOrganization() {
        if (owner == null) {
            owner = hub.newOrganization();
            var reply = hub.put("organizations/returnUrls", "[\"" + RETURN_URL + "\"]", owner);
            assertEquals(200, reply.status(), reply::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void elementWorksAsItsDefinitionSays(String file) throws Exception {
        CatalogElement element = CatalogElement.read(TestEnvironment.standInElements().resolve(file));
        provider.reset();
        Run run = new Run(element);
        try {
            run.all();
        } catch (AssertionError | RuntimeException e) {
            AssertionError failure = new AssertionError(element.key + " (" + file + "): " + e.getMessage(), e);
            failure.setStackTrace(e.getStackTrace());
            throw failure;
        } finally {
            if (run.instanceId != null) {
                hub.delete("instances/" + run.instanceId, owner);
            }
        }
    }

    /** One element's run: its values, its instance and the credentials the provider must see. */
    private final class Run {
        final CatalogElement element;
        final String clientId;
        final String clientSecret;
        final Map<String, String> account;
        /** The instance's configuration as the test expects the hub to hold it. */
        final Map<String, String> values;
        Long instanceId;
        String instanceToken;
        /** The credentials the provider must see on an API call. */
        Credentials credentials;

        Run(CatalogElement element) {
            this.element = element;
            this.clientId = "client-" + element.key;
            this.clientSecret = unique("secret");
            this.account = element.accountValues();
            this.values = element.instanceValues(account);
            values.put("oauth.api.key", clientId);
            values.put("oauth.api.secret", clientSecret);
        }

        void all() throws Exception {
            stubEverythingElse();
            switch (element.type) {
                case "oauth2" -> {
                    if (element.clientCredentials()) {
                        clientCredentials();
                    } else {
                        authorizationCode();
                    }
                }
                case "oauth1" -> oauth1();
                case "basic", "apiKey" -> keyed();
                case "custom" -> provisionPlain(Map.of());
                default -> throw new AssertionError("unknown authentication type " + element.type);
            }
            verification();
            // The resources in one batch: every call first, then one read of what the provider received.
            clearLog();
            Map<String, Expected> calls = new LinkedHashMap<>();
            for (JsonObject resource : element.resources) {
                calls.put(resource.getString("method") + " /hubs/" + element.hub + resource.getString("path"), resourceCall(resource));
            }
            HttpRequest[] recorded = provider.retrieveRecordedRequests(request());
            calls.forEach((what, expected) -> assertSent(what, expected, recorded));
        }

        // --- OAuth 2.0 authorization code ----------------------------------------------------

        /** What the authorize URL must carry besides PKCE, for a redirect URI and a state. */
        Map<String, String> authorizeParameters(String redirectUri, String state) {
            Map<String, String> expected = new TreeMap<>(queryOf(element.url("oauth.authorization.url", values)));
            expected.put("response_type", "code");
            expected.put("client_id", clientId);
            expected.put("redirect_uri", redirectUri);
            element.scope().ifPresent(scope -> expected.put("scope", scope));
            if (state != null) {
                expected.put("state", state);
            }
            expected.putAll(element.formSetting("oauth.authorization.parameters", values));
            return expected;
        }

        void authorizationCode() throws Exception {
            String authorizeAt = withoutQuery(element.url("oauth.authorization.url", values));

            // Step 2 of the guides: the URL the application sends its user to.
            var helper = hub.get("elements/" + element.key + "/oauth/url?apiKey=" + enc(clientId) + "&apiSecret=" + enc(clientSecret)
                    + "&callbackUrl=" + enc(APP_CALLBACK) + "&state=conformance" + siteAddress(), null);
            assertEquals(200, helper.status(), () -> "GET oauth/url: " + helper);
            URI helperUrl = URI.create(helper.json().getString("oauthUrl"));
            assertEquals(authorizeAt, withoutQuery(helperUrl.toString()), "oauth/url: the authorization URL");
            assertEquals(authorizeParameters(APP_CALLBACK, "conformance"), new TreeMap<>(queryOf(helperUrl.toString())),
                    "oauth/url: the authorize parameters");

            // The hosted connect: the same URL with the hub's callback and PKCE, then the exchange.
            String hubCallback = base + "api-v2/elements/" + element.key + "/oauth/callback";
            StringBuilder start = new StringBuilder(base + "api-v2/elements/" + element.key + "/oauth/connect?returnUrl=" + enc(RETURN_URL));
            Map<String, String> given = new LinkedHashMap<>(account);
            given.put("oauth.api.key", clientId);
            given.put("oauth.api.secret", clientSecret);
            given.forEach((k, v) -> start.append('&').append(enc("config[" + k + "]")).append('=').append(enc(v)));
            start.append(siteAddress());
            HttpResponse<String> started = browse(URI.create(start.toString()), owner, null, "application/json");
            assertEquals(200, started.statusCode(), () -> "oauth/connect: " + started.body());
            String cookie = cookie(started);
            String connectUrl = json(started.body()).getString("oauthUrl");
            assertEquals(authorizeAt, withoutQuery(connectUrl), "oauth/connect: the authorization URL");
            Map<String, String> sent = new TreeMap<>(queryOf(connectUrl));
            String state = sent.get("state");
            assertTrue(state != null && state.startsWith("v1."), "oauth/connect: a signed state, not " + state);
            String challenge = sent.remove("code_challenge");
            String method = sent.remove("code_challenge_method");
            assertEquals(authorizeParameters(hubCallback, state), sent, "oauth/connect: the authorize parameters");
            if (element.pkce()) {
                assertEquals("S256", method, "PKCE method");
                assertNotNull(challenge, "PKCE challenge");
            } else {
                assertEquals(null, challenge, "oauth.pkce=false: no PKCE challenge");
            }

            // The provider's redirect back may carry values the element keeps (a realm, an accounts
            // server); from then on they are the instance's configuration, token URL included.
            Map<String, String> callbackKept = new LinkedHashMap<>();
            StringBuilder callback = new StringBuilder(hubCallback + "?code=" + enc("code-" + element.key) + "&state=" + enc(state));
            element.pairs("oauth.callback.keep").forEach((parameter, configKey) -> {
                String value = element.callbackValue(configKey);
                callbackKept.put(configKey, value);
                callback.append('&').append(enc(parameter)).append('=').append(enc(value));
            });
            values.putAll(callbackKept);

            // The provider: the token answer (with what the element keeps from it) and any lookup.
            String accessToken = unique("access");
            String refreshToken = element.refreshes() ? unique("refresh") : null;
            Map<String, String> kept = new LinkedHashMap<>();
            String tokenPath = pathOf(element.url("oauth.token.url", values));
            stub("POST", tokenPath, tokenAnswer(accessToken, refreshToken, refreshToken != null, kept));
            values.putAll(kept);
            Map<String, String> lookupKept = new LinkedHashMap<>();
            Optional<String> lookupPath = element.setting("oauth.lookup.url").map(t -> pathOf(CatalogElement.resolve(t, values)));
            if (lookupPath.isPresent()) {
                stub("GET", lookupPath.get(), document(element.pairs("oauth.lookup.keep"), lookupKept, null));
            }

            clearLog();
            HttpResponse<String> back = browse(URI.create(callback.toString()), null, cookie, "text/html");
            assertEquals(303, back.statusCode(), () -> "oauth/callback: " + back.body());
            String location = back.headers().firstValue("Location").orElse("");
            Matcher id = Pattern.compile("[?&]instanceId=(\\d+)").matcher(location);
            assertTrue(location.startsWith(RETURN_URL) && id.find(), "oauth/callback sends the user back: " + location);
            instanceId = Long.parseLong(id.group(1));

            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "authorization_code");
            exchange.put("code", "code-" + element.key);
            exchange.put("redirect_uri", hubCallback);
            HttpRequest exchanged = assertTokenRequest("the code exchange", tokenPath, exchange, true);
            if (element.pkce()) {
                String verifier = body(exchanged).get("code_verifier");
                assertEquals(challenge, s256(verifier), "the exchange's code_verifier hashes to the challenge");
            }
            credentials = bearer(accessToken);
            if (lookupPath.isPresent()) {
                String prefix = element.setting("oauth.lookup.token.prefix").orElse("Bearer ");
                // provider.headers ride on the lookup too, except one that needs what the lookup brings.
                Map<String, String> before = new LinkedHashMap<>(values);
                lookupKept.keySet().forEach(before::remove);
                Map<String, String> headers = new LinkedHashMap<>(element.resolvableProviderHeaders(before));
                headers.put("Authorization", prefix + accessToken);
                assertSent("the post-connect lookup", new Expected("GET", lookupPath.get(),
                        queryOf(CatalogElement.resolve(element.setting("oauth.lookup.url").get(), values)), headers, null, null));
            }
            values.putAll(lookupKept);
            readInstance(kept, callbackKept, lookupKept);

            if (refreshToken != null) {
                String refreshPath = pathOf(element.setting("oauth.token.refresh_url").isPresent()
                        ? element.url("oauth.token.refresh_url", values) : element.url("oauth.token.url", values));
                String current = refreshToken;
                for (int round = 1; round <= 2; round++) {
                    String renewed = unique("access");
                    String rotated = unique("refresh");
                    stub("POST", refreshPath, tokenAnswer(renewed, rotated, true, new LinkedHashMap<>()));
                    clearLog();
                    var refreshed = hub.post("instances/" + instanceId + "/refresh", null, owner);
                    assertEquals(200, refreshed.status(), () -> "POST /instances/{id}/refresh: " + refreshed);
                    Map<String, String> form = new LinkedHashMap<>();
                    form.put("grant_type", "refresh_token");
                    form.put("refresh_token", current);
                    assertTokenRequest("refresh " + round + (round == 2 ? " (with the rotated refresh token)" : ""),
                            refreshPath, form, false);
                    current = rotated;
                    credentials = bearer(renewed);
                }
            }
        }

        /**
         * {@code siteAddress} for the OAuth helper calls: the per-account value the element's OAuth
         * URLs or authorize parameters depend on (a store's address, a store hash), as an
         * application would pass it; none when they depend on none.
         */
        String siteAddress() {
            return account.entrySet().stream()
                    .filter(a -> Stream.of("oauth.request.url", "oauth.authorization.url", "oauth.authorization.parameters")
                            .map(element.defaults::get).anyMatch(t -> t != null && t.contains("{" + a.getKey() + "}")))
                    .findFirst().map(a -> "&siteAddress=" + enc(a.getValue())).orElse("");
        }

        /** A token endpoint's answer, under {@code oauth.token.response.root}, with the kept values. */
        String tokenAnswer(String accessToken, String refreshToken, boolean expires, Map<String, String> kept) {
            Map<String, Object> tokens = new LinkedHashMap<>();
            tokens.put("access_token", accessToken);
            tokens.put("token_type", "bearer");
            if (refreshToken != null) {
                tokens.put("refresh_token", refreshToken);
            }
            if (expires) {
                tokens.put("expires_in", 3600);
            }
            return document(element.pairs("oauth.token.response.keep"), kept,
                    Map.entry(element.setting("oauth.token.response.root").orElse(""), tokens));
        }

        /** A JSON document with a test value at each pointer of {@code pointers}, noted in {@code kept}. */
        String document(Map<String, String> pointers, Map<String, String> kept, Map.Entry<String, Map<String, Object>> tokens) {
            Object root = null;
            if (tokens != null) {
                root = place(root, tokens.getKey(), tokens.getValue());
            }
            for (var pointer : pointers.entrySet()) {
                String value = element.testValue(pointer.getValue());
                kept.put(pointer.getValue(), value);
                root = place(root, pointer.getKey(), value);
            }
            return toJson(root == null ? Map.of() : root).toString();
        }

        /** The read instance holds what was kept from the token answer, the callback and the lookup. */
        void readInstance(Map<String, String> kept, Map<String, String> callbackKept, Map<String, String> lookupKept) {
            var read = hub.get("instances/" + instanceId, owner);
            assertEquals(200, read.status(), read::toString);
            instanceToken = read.json().getString("token");
            JsonObject configuration = read.json().getJsonObject("configuration");
            Map<String, String> expected = new TreeMap<>();
            expected.putAll(kept);
            expected.putAll(callbackKept);
            expected.putAll(lookupKept);
            expected.forEach((k, v) -> assertEquals(v, CatalogElement.string(configuration, k), "the instance keeps " + k));
        }

        /**
         * The token endpoint's request: the body in the element's format with the grant's fields,
         * the client authenticated as the element says, and {@code oauth.token.parameters}.
         */
        HttpRequest assertTokenRequest(String what, String path, Map<String, String> grant, boolean codeExchange) {
            Map<String, String> form = new TreeMap<>(grant);
            Map<String, String> headers = new LinkedHashMap<>();
            if (element.basicClientAuthentication()) {
                String pair = formEncode(clientId) + ":" + formEncode(clientSecret);
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            } else {
                form.put("client_id", clientId);
                form.put("client_secret", clientSecret);
            }
            form.putAll(element.formSetting("oauth.token.parameters", values));
            boolean verifier = codeExchange && element.pkce();
            boolean basic = element.basicClientAuthentication();
            return assertSent(what, new Expected("POST", path, Map.of(), headers, element.jsonTokenBody() ? "json" : "form", form) {
                @Override
                List<String> mismatches(HttpRequest sent) {
                    List<String> problems = super.mismatches(sent);
                    if (!basic && header(sent, "Authorization") != null) {
                        problems.add("Authorization: the client authenticates in the body, yet sent " + header(sent, "Authorization"));
                    }
                    return problems;
                }

                @Override
                Map<String, String> body(HttpRequest sent) {
                    Map<String, String> got = new TreeMap<>(super.body(sent));
                    if (verifier) {
                        String value = got.remove("code_verifier");
                        if (value == null || value.length() < 43) {
                            got.put("code_verifier", "(PKCE verifier missing or short: " + value + ")");
                        }
                    }
                    return got;
                }
            });
        }

        // --- OAuth 2.0 client credentials ------------------------------------------------------

        void clientCredentials() {
            String tokenPath = pathOf(element.url("oauth.token.url", values));
            String minted = unique("minted");
            stub("POST", tokenPath, tokenAnswer(minted, null, true, new LinkedHashMap<>()));
            Map<String, String> given = new LinkedHashMap<>(account);
            given.put("oauth.api.key", clientId);
            given.put("oauth.api.secret", clientSecret);
            refusedCredentials(given);
            provisionPlain(given);
            Map<String, String> grant = new LinkedHashMap<>();
            grant.put("grant_type", "client_credentials");
            element.scope().ifPresent(scope -> grant.put("scope", scope));
            assertTokenRequest("minting", tokenPath, grant, false);
            credentials = bearer(minted);
            assertVerifiedAtProvisioning();

            String reminted = unique("reminted");
            stub("POST", tokenPath, tokenAnswer(reminted, null, true, new LinkedHashMap<>()));
            clearLog();
            var refreshed = hub.post("instances/" + instanceId + "/refresh", null, owner);
            assertEquals(200, refreshed.status(), () -> "POST /instances/{id}/refresh re-mints: " + refreshed);
            assertTokenRequest("re-minting", tokenPath, grant, false);
            credentials = bearer(reminted);
        }

        // --- Basic and API key -----------------------------------------------------------------

        void keyed() {
            Map<String, String> given = new LinkedHashMap<>(account);
            if ("basic".equals(element.type)) {
                String user = "user-" + element.key;
                // An element may fix the password ("X", or empty) with a hidden default.
                JsonObject entry = element.entries.get("password");
                boolean fixed = entry != null && entry.getBoolean("hidden", false) && element.defaults.get("password") != null;
                String password = fixed ? element.defaults.get("password") : unique("password");
                given.put("username", user);
                if (!fixed) {
                    given.put("password", password);
                }
                values.putAll(given);
                values.put("password", password);
                String pair = user + ":" + password;
                credentials = new Credentials(Map.of("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))), Map.of());
            } else {
                String key = unique("key");
                given.put("api.key", key);
                values.putAll(given);
                Optional<String> query = element.setting("api.key.query.parameter");
                credentials = query.isPresent()
                        ? new Credentials(Map.of(), Map.of(query.get(), key))
                        : new Credentials(Map.of(element.setting("api.key.header").orElse("Authorization"),
                                Optional.ofNullable(element.defaults.get("api.key.prefix")).orElse("") + key), Map.of());
            }
            refusedCredentials(given);
            provisionPlain(given);
            assertVerifiedAtProvisioning();
        }

        /** Wrong credentials: the verification's refusal is a 400 with the provider's message, and nothing is stored. */
        void refusedCredentials(Map<String, String> given) {
            Optional<String> verification = verificationTarget();
            if (verification.isEmpty()) {
                return;
            }
            String message = "invalid credentials for " + element.key;
            provider.when(request().withMethod(verificationMethod()).withPath(pathOf(verification.get())), Times.once(), TimeToLive.unlimited(), HIGHEST)
                    .respond(response().withStatusCode(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"message\": \"" + message + "\"}"));
            var refused = hub.post("instances", instanceBody(given, null), owner);
            assertEquals(400, refused.status(), () -> "wrong credentials: " + refused);
            String providerMessage = refused.string("providerMessage");
            assertTrue(providerMessage != null && providerMessage.contains(message), "the provider's message: " + refused);
            assertEquals(0L, instanceCount(owner), "nothing stored for wrong credentials");
        }

        void provisionPlain(Map<String, String> given) {
            clearLog();
            var created = hub.post("instances", instanceBody(given, null), owner);
            assertEquals(200, created.status(), () -> "POST /instances: " + created);
            instanceId = created.json().getJsonNumber("id").longValue();
            instanceToken = created.json().getString("token");
        }

        void assertVerifiedAtProvisioning() {
            verificationTarget().ifPresent(url -> assertSent("the verification at provisioning",
                    expectedCall(verificationMethod(), pathOf(url), queryOf(url), Map.of(), null, null)));
        }

        // --- OAuth 1.0a --------------------------------------------------------------------------

        void oauth1() throws Exception {
            String requestToken = unique("rt");
            String requestSecret = unique("rs");
            String requestPath = pathOf(element.url("oauth.request.url", values));
            stubForm("POST", requestPath, "oauth_token=" + requestToken + "&oauth_token_secret=" + requestSecret
                    + "&oauth_callback_confirmed=true");
            clearLog();
            var step1 = hub.get("elements/" + element.key + "/oauth/token?apiKey=" + enc(clientId) + "&apiSecret=" + enc(clientSecret)
                    + "&callbackUrl=" + enc(APP_CALLBACK) + siteAddress(), null);
            assertEquals(200, step1.status(), () -> "oauth/token: " + step1);
            assertEquals(requestToken, step1.json().getString("token"));
            boolean inQuery = "query".equalsIgnoreCase(element.setting("oauth.request.authorization.type").orElse("header"));
            Map<String, String> scope = element.scope().map(s -> Map.of("scope", s)).orElse(Map.of());
            assertSent("the request-token call", new Expected("POST", requestPath,
                    Map.of(), Map.of(), null, null) {
                @Override
                List<String> mismatches(HttpRequest request) {
                    List<String> problems = new ArrayList<>();
                    Map<String, String> query = new TreeMap<>(query(request));
                    Map<String, String> oauth = inQuery ? new TreeMap<>() : WireFormats.oauthHeader(header(request, "Authorization"));
                    if (inQuery) {
                        query.keySet().stream().filter(k -> k.startsWith("oauth_")).toList().forEach(k -> oauth.put(k, query.remove(k)));
                    }
                    check(problems, "query", new TreeMap<>(scope), query);
                    check(problems, "oauth_consumer_key", clientId, oauth.get("oauth_consumer_key"));
                    check(problems, "oauth_callback", APP_CALLBACK + "?state=" + element.key, oauth.get("oauth_callback"));
                    if (!problems.isEmpty()) {
                        return problems;
                    }
                    String signature = signature(request, "POST", scope, OAuth1Credentials.consumerOnly(clientId, clientSecret),
                            oauth, Map.of("oauth_callback", oauth.get("oauth_callback")));
                    check(problems, "oauth_signature", signature, oauth.get("oauth_signature"));
                    return problems;
                }
            });

            var step2 = hub.get("elements/" + element.key + "/oauth/url?apiKey=" + enc(clientId) + "&apiSecret=" + enc(clientSecret)
                    + "&callbackUrl=" + enc(APP_CALLBACK) + "&requestToken=" + enc(requestToken) + siteAddress(), null);
            assertEquals(200, step2.status(), () -> "oauth/url: " + step2);
            String url = step2.json().getString("oauthUrl");
            assertEquals(withoutQuery(element.url("oauth.authorization.url", values)), withoutQuery(url), "oauth/url: the authorization URL");
            Map<String, String> expected = new TreeMap<>(queryOf(element.url("oauth.authorization.url", values)));
            expected.put("oauth_token", requestToken);
            expected.put("oauth_callback", APP_CALLBACK + "?state=" + element.key + "&secret=" + requestSecret);
            expected.putAll(element.formSetting("oauth.authorization.parameters", values));
            assertEquals(expected, new TreeMap<>(queryOf(url)), "oauth/url: the authorize parameters");

            String accessToken = unique("at");
            String accessSecret = unique("as");
            String tokenPath = pathOf(element.url("oauth.token.url", values));
            stubForm("POST", tokenPath, "oauth_token=" + accessToken + "&oauth_token_secret=" + accessSecret);
            Map<String, String> given = new LinkedHashMap<>(account);
            given.put("oauth.api.key", clientId);
            given.put("oauth.api.secret", clientSecret);
            given.put("oauth.callback.url", APP_CALLBACK);
            clearLog();
            var created = hub.post("instances", instanceBody(given, Json.createObjectBuilder().add("oauth_token", requestToken)
                    .add("oauth_verifier", "verifier-" + element.key).add("secret", requestSecret).build()), owner);
            assertEquals(200, created.status(), () -> "POST /instances: " + created);
            instanceId = created.json().getJsonNumber("id").longValue();
            instanceToken = created.json().getString("token");
            assertSent("the verifier exchange", new Expected("POST", tokenPath, Map.of(), Map.of(), null, null) {
                @Override
                List<String> mismatches(HttpRequest request) {
                    List<String> problems = new ArrayList<>();
                    Map<String, String> oauth = WireFormats.oauthHeader(header(request, "Authorization"));
                    check(problems, "oauth_token", requestToken, oauth.get("oauth_token"));
                    check(problems, "oauth_verifier", "verifier-" + element.key, oauth.get("oauth_verifier"));
                    if (problems.isEmpty()) {
                        check(problems, "oauth_signature", signature(request, "POST", Map.of(),
                                new OAuth1Credentials(clientId, clientSecret, requestToken, requestSecret), oauth,
                                Map.of("oauth_verifier", oauth.get("oauth_verifier"))), oauth.get("oauth_signature"));
                    }
                    return problems;
                }
            });
            credentials = new Credentials(Map.of(), Map.of(), new OAuth1Credentials(clientId, clientSecret, accessToken, accessSecret));
        }

        // --- verification and resources -------------------------------------------------------

        /** {@code verification.path} under {@code base.url}, resolved: where the element checks credentials. */
        Optional<String> verificationTarget() {
            return element.setting("verification.path").map(path -> element.url("base.url", values) + CatalogElement.resolve(path, values));
        }

        /** The verification call through the proxy, for elements whose provisioning did not make it. */
        void verification() {
            boolean provisioningVerified = !("oauth2".equals(element.type) || "oauth1".equals(element.type)) || element.clientCredentials();
            if (provisioningVerified) {
                return;
            }
            Optional<String> target = verificationTarget();
            if (target.isEmpty()) {
                return;
            }
            String path = CatalogElement.resolve(element.setting("verification.path").get(), values);
            String method = verificationMethod();
            String body = verificationBody();
            clearLog();
            // Through the proxy, as an application would check the instance: method, path and
            // credentials are the element's. The body goes as text, because MockServer cannot
            // record every JSON value (Dropbox's is a bare null); CredentialVerifierCheckTest
            // covers the JSON body of the hub's own verification.
            var reply = hub.send(method, "proxy/" + path.replaceFirst("^/+", ""), body, body == null ? null : "text/plain",
                    withElement(owner, instanceJson()));
            assertTrue(reply.status() < 300, () -> method + " /proxy" + path + ": " + reply);
            assertSent("the verification call", expectedCall(method, pathOf(target.get()), queryOf(target.get()), Map.of(), null, null));
        }

        /** {@code verification.method}: GET unless the element's API takes only POSTs. */
        String verificationMethod() {
            return element.setting("verification.method").map(String::strip).orElse("GET");
        }

        /** The JSON body of a POST verification, else null. */
        String verificationBody() {
            return "POST".equals(verificationMethod()) ? element.setting("verification.body").orElse("") : null;
        }

        /** Calls one resource through the hub and says what the provider must have received for it. */
        Expected resourceCall(JsonObject resource) {
            String method = resource.getString("method");
            String hubPath = resource.getString("path");
            String vendorPath = resource.getString("vendorPath");
            Map<String, String> hubQuery = new LinkedHashMap<>();
            Map<String, String> hubHeaders = new LinkedHashMap<>();
            Map<String, String> vendorQuery = new LinkedHashMap<>();
            Map<String, String> vendorHeaders = new LinkedHashMap<>();
            boolean body = List.of("POST", "PUT", "PATCH").contains(resource.getString("vendorMethod"));
            for (JsonValue value : resource.getJsonArray("parameters") == null ? List.<JsonValue>of() : resource.getJsonArray("parameters")) {
                JsonObject parameter = value.asJsonObject();
                String name = parameter.getString("name");
                String vendorName = parameter.getString("vendorName");
                String type = parameter.getString("type");
                String vendorType = parameter.getString("vendorType");
                if ("body".equals(type)) {
                    body = true;
                    continue;
                }
                String given = "path".equals(type) || parameter.getBoolean("required", false)
                        ? "v" + name.toLowerCase().replaceAll("[^a-z0-9]", "") : null;
                if (given != null) {
                    switch (type) {
                        case "path" -> hubPath = hubPath.replace("{" + name + "}", given);
                        case "header" -> hubHeaders.put(name, given);
                        default -> hubQuery.put(name, given);
                    }
                }
                String sent = given != null ? given : CatalogElement.string(parameter, "defaultValue");
                if (sent == null) {
                    continue;
                }
                switch (vendorType) {
                    case "path" -> vendorPath = vendorPath.replace("{" + vendorName + "}", sent);
                    case "header" -> vendorHeaders.put(vendorName, sent);
                    default -> vendorQuery.put(vendorName, sent);
                }
            }
            JsonObject paging = resource.getJsonObject("paging");
            if ("GET".equals(method) && paging != null && paging.containsKey("sizeParameter")) {
                int size = paging.getInt("defaultPageSize", paging.getInt("maxPageSize"));
                vendorQuery.put(paging.getString("sizeParameter"), Integer.toString(size));
            }
            String payload = body ? "{\"conformance\":\"" + element.key + "\",\"resource\":\"" + resource.getString("path") + "\"}" : null;
            StringBuilder uri = new StringBuilder("hubs/" + element.hub + hubPath);
            hubQuery.forEach((k, v) -> uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(enc(k)).append('=').append(enc(v)));

            HubClient.Reply reply = callHub(method, uri.toString(), payload, hubHeaders);
            String what = method + " /hubs/" + element.hub + resource.getString("path");
            assertTrue(reply.status() >= 200 && reply.status() < 300, () -> what + ": " + reply);
            String apiBase = element.url("base.url", values);
            return expectedCall(resource.getString("vendorMethod"), pathOf(apiBase) + vendorPath,
                    merge(queryOf(apiBase), vendorQuery), vendorHeaders, payload == null ? null : "json",
                    payload == null ? null : Map.of("conformance", element.key, "resource", resource.getString("path")));
        }

        /** A provider call with the instance's credentials and {@code provider.headers}. */
        Expected expectedCall(String method, String path, Map<String, String> query, Map<String, String> headers, String format,
                              Map<String, String> body) {
            Map<String, String> allQuery = new TreeMap<>(query);
            Map<String, String> allHeaders = new LinkedHashMap<>(element.providerHeaders(values));
            allHeaders.putAll(headers);
            Credentials presented = credentials == null ? new Credentials(Map.of(), Map.of()) : credentials;
            allQuery.putAll(presented.query());
            allHeaders.putAll(presented.headers());
            OAuth1Credentials signed = presented.oauth1();
            return new Expected(method, path, allQuery, allHeaders, format, body) {
                @Override
                List<String> mismatches(HttpRequest request) {
                    List<String> problems = super.mismatches(request);
                    if (signed != null && problems.isEmpty()) {
                        Map<String, String> oauth = WireFormats.oauthHeader(header(request, "Authorization"));
                        check(problems, "oauth_token", signed.token(), oauth.get("oauth_token"));
                        check(problems, "oauth_consumer_key", signed.consumerKey(), oauth.get("oauth_consumer_key"));
                        if (problems.isEmpty()) {
                            check(problems, "oauth_signature", signature(request, method, query(request), signed, oauth, Map.of()),
                                    oauth.get("oauth_signature"));
                        }
                    }
                    // Credentials in their own header or in the query: no Authorization header beside them.
                    if (signed == null && !allHeaders.containsKey("Authorization") && header(request, "Authorization") != null) {
                        problems.add("Authorization: not expected (the credentials go in " + presented.headers().keySet()
                                + presented.query().keySet() + "), sent " + header(request, "Authorization"));
                    }
                    return problems;
                }
            };
        }

        Credentials bearer(String token) {
            Optional<String> query = element.setting("oauth.token.query.parameter");
            if (query.isPresent()) {
                return new Credentials(Map.of(), Map.of(query.get(), token));
            }
            return new Credentials(Map.of(element.setting("oauth.token.header").orElse("Authorization"),
                    element.setting("oauth.token.header").isPresent() ? token : "Bearer " + token), Map.of());
        }

        JsonObject instanceJson() {
            return Json.createObjectBuilder().add("token", instanceToken).build();
        }

        String instanceBody(Map<String, String> configuration, JsonObject providerData) {
            JsonObjectBuilder config = Json.createObjectBuilder();
            configuration.forEach(config::add);
            JsonObjectBuilder body = Json.createObjectBuilder().add("element", Json.createObjectBuilder().add("key", element.key))
                    .add("configuration", config).add("name", "Conformance " + element.key);
            if (providerData != null) {
                body.add("providerData", providerData);
            }
            return body.build().toString();
        }

        HubClient.Reply callHub(String method, String path, String payload, Map<String, String> headers) {
            var request = java.net.http.HttpRequest.newBuilder(URI.create(base + "api-v2/" + path)).timeout(Duration.ofSeconds(60))
                    .method(method, payload == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(payload))
                    .header("Authorization", withElement(owner, instanceJson()));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            try {
                return new HubClient.Reply(browser.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Credentials as the provider must see them: headers, query parameters, or an OAuth 1.0a signature. */
    record Credentials(Map<String, String> headers, Map<String, String> query, OAuth1Credentials oauth1) {
        Credentials(Map<String, String> headers, Map<String, String> query) {
            this(headers, query, null);
        }
    }

    /**
     * One request the provider must have received: method and path exactly, the query exactly,
     * the given headers with exactly these values, and the body (form or JSON) exactly.
     */
    static class Expected {
        final String method;
        final String path;
        final Map<String, String> query;
        final Map<String, String> headers;
        final String format;
        final Map<String, String> body;

        Expected(String method, String path, Map<String, String> query, Map<String, String> headers, String format,
                 Map<String, String> body) {
            this.method = method;
            this.path = path;
            this.query = new TreeMap<>(query);
            this.headers = headers;
            this.format = format;
            this.body = body == null ? null : new TreeMap<>(body);
        }

        List<String> mismatches(HttpRequest request) {
            List<String> problems = new ArrayList<>();
            check(problems, "query", query, new TreeMap<>(query(request)));
            headers.forEach((name, value) -> check(problems, "header " + name, value, header(request, name)));
            if (format != null) {
                String contentType = Optional.ofNullable(header(request, "Content-Type")).orElse("");
                String wanted = "json".equals(format) ? "application/json" : "application/x-www-form-urlencoded";
                if (!contentType.startsWith(wanted)) {
                    problems.add("Content-Type: expected " + wanted + ", sent " + contentType);
                }
                if (body != null) {
                    check(problems, "body", body, new TreeMap<>(body(request)));
                }
            }
            return problems;
        }

        /** The body's fields: a form decoded, or a JSON object's members as text. */
        Map<String, String> body(HttpRequest sent) {
            return CatalogConformanceIT.body(sent);
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " " + headers + (body == null ? "" : " " + body);
        }
    }

    // --- MockServer -------------------------------------------------------------------------------

    /** Everything without its own stub answers 200 with an empty JSON object: a list ends at once. */
    void stubEverythingElse() {
        provider.when(request(), Times.unlimited(), TimeToLive.unlimited(), 0)
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody("{}"));
    }

    void stub(String method, String path, String json) {
        provider.when(request().withMethod(method).withPath(path), Times.unlimited(), TimeToLive.unlimited(), ++priority)
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody(json));
    }

    void stubForm(String method, String path, String form) {
        provider.when(request().withMethod(method).withPath(path), Times.unlimited(), TimeToLive.unlimited(), ++priority)
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/x-www-form-urlencoded").withBody(form));
    }

    void clearLog() {
        provider.clear(request(), ClearType.LOG);
    }

    /**
     * The request the provider must have received since the log was cleared: one with the method
     * and path that matches in every other respect. The scheduler's own calls (a verification of
     * a never-expiring token) may come beside it; the failure lists what did come.
     */
    HttpRequest assertSent(String what, Expected expected) {
        return assertSent(what, expected, provider.retrieveRecordedRequests(request()));
    }

    static HttpRequest assertSent(String what, Expected expected, HttpRequest[] recorded) {
        List<HttpRequest> candidates = Arrays.stream(recorded)
                .filter(r -> expected.method.equals(r.getMethod().getValue()) && expected.path.equals(r.getPath().getValue())).toList();
        if (candidates.isEmpty()) {
            throw new AssertionError(what + ": expected " + expected.method + " " + expected.path + ", the provider received "
                    + Arrays.stream(recorded).map(r -> r.getMethod().getValue() + " " + r.getPath().getValue()).toList());
        }
        List<String> problems = List.of();
        for (HttpRequest candidate : candidates) {
            problems = expected.mismatches(candidate);
            if (problems.isEmpty()) {
                return candidate;
            }
        }
        throw new AssertionError(what + ": " + expected.method + " " + expected.path + " " + problems);
    }

    static void check(List<String> problems, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            problems.add(what + ": expected " + expected + ", sent " + actual);
        }
    }

    static String header(HttpRequest request, String name) {
        return request.containsHeader(name) ? request.getFirstHeader(name) : null;
    }

    static Map<String, String> query(HttpRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        if (request.getQueryStringParameters() != null) {
            request.getQueryStringParameters().getEntries().forEach(p ->
                    query.put(p.getName().getValue(), String.join(",", p.getValues().stream().map(v -> v.getValue()).toList())));
        }
        return query;
    }

    static Map<String, String> body(HttpRequest sent) {
        String text = Optional.ofNullable(sent.getBodyAsString()).orElse("").strip();
        if (text.startsWith("{")) {
            Map<String, String> fields = new LinkedHashMap<>();
            json(text).forEach((k, v) -> fields.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
            return fields;
        }
        return CatalogElement.decodeForm(text);
    }

    /** The OAuth 1.0a signature the hub must have computed for what MockServer received. */
    static String signature(HttpRequest request, String method, Map<String, String> query, OAuth1Credentials credentials,
                            Map<String, String> oauth, Map<String, String> extras) {
        StringBuilder uri = new StringBuilder(TestEnvironment.mockServerUrl() + request.getPath().getValue());
        query.forEach((k, v) -> uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(formEncode(k)).append('=').append(formEncode(v)));
        OAuth1Signer signer = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(oauth.get("oauth_timestamp"))),
                ZoneOffset.UTC), () -> oauth.get("oauth_nonce"));
        if (!oauth.containsKey("oauth_version")) {
            signer = signer.withoutVersion();
        }
        return signer.oauthParameters(method, URI.create(uri.toString()), Map.of(), credentials, extras).get("oauth_signature");
    }

    // --- the browser, for the hosted connect -------------------------------------------------------

    HttpResponse<String> browse(URI uri, String authorization, String cookie, String accept) {
        var request = java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Browser call failed: " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String cookie(HttpResponse<String> response) {
        String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + COOKIE + " cookie"));
        return header.substring(COOKIE.length() + 1, header.indexOf(';'));
    }

    // --- small helpers ----------------------------------------------------------------------------

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    static Map<String, String> queryOf(String url) {
        int q = url.indexOf('?');
        return q < 0 ? Map.of() : CatalogElement.decodeForm(url.substring(q + 1));
    }

    /** The path MockServer sees for an absolute stand-in URL. */
    static String pathOf(String url) {
        return URI.create(withoutQuery(url)).getRawPath();
    }

    static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
        Map<String, String> merged = new LinkedHashMap<>(first);
        merged.putAll(second);
        return merged;
    }

    static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Puts {@code value} at a JSON pointer in a tree of maps and lists, creating what is missing; maps merge. */
    static Object place(Object root, String pointer, Object value) {
        List<String> tokens = pointer == null || pointer.isEmpty() ? List.of()
                : Arrays.stream(pointer.substring(1).split("/", -1)).map(t -> t.replace("~1", "/").replace("~0", "~")).toList();
        return place(root, tokens, value);
    }

    @SuppressWarnings("unchecked")
    private static Object place(Object node, List<String> tokens, Object value) {
        if (tokens.isEmpty()) {
            if (node instanceof Map<?, ?> existing && value instanceof Map<?, ?> members) {
                ((Map<String, Object>) existing).putAll((Map<String, Object>) members);
                return existing;
            }
            return value instanceof Map<?, ?> members ? new LinkedHashMap<>((Map<String, Object>) members) : value;
        }
        String token = tokens.get(0);
        List<String> rest = tokens.subList(1, tokens.size());
        if (token.matches("\\d+")) {
            List<Object> list = node instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
            int index = Integer.parseInt(token);
            while (list.size() <= index) {
                list.add(null);
            }
            list.set(index, place(list.get(index), rest, value));
            return list;
        }
        Map<String, Object> map = node instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        map.put(token, place(map.get(token), rest, value));
        return map;
    }

    static JsonValue toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((k, v) -> object.add(k.toString(), toJson(v)));
            return object.build();
        }
        if (value instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(v -> array.add(toJson(v)));
            return array.build();
        }
        if (value instanceof Number number) {
            return Json.createValue(number.longValue());
        }
        if (value == null) {
            return JsonValue.NULL;
        }
        return Json.createValue(String.valueOf(value));
    }
}
