package io.plugboard.proxy.control;

import io.plugboard.elements.control.ElementCodec;
import io.plugboard.elements.control.ElementConfiguration;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.CredentialRefresher;
import io.plugboard.instances.control.CredentialRefresher.RefreshResult;
import io.plugboard.oauth.control.OAuth1Credentials;
import io.plugboard.oauth.control.OAuth1Signer;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.persistence.CacheTrust;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ProxyService#call} with plain collaborators and no server: the provider is an in-memory
 * {@link CloseableHttpClient} that records what it was sent and answers from a script. Pins the
 * credentials per authentication type (shipped elements for OAuth, elements as docs/elements.md
 * defines them for basic and API key), the one refresh and one retry after a 401, retries of
 * idempotent calls only and within the Retry-After budget, and every refusal that must send
 * nothing: a disabled instance, the egress guard, the rate limit.
 */
class ProxyServiceCallTest {

    private static final long ORGANIZATION = 1;
    private static final long INSTANCE = 42;

    /** A provider played in memory: answers in script order (the last one repeats), keeps every request. */
    static final class ScriptedProvider extends CloseableHttpClient {
        interface Answer {
            ClassicHttpResponse answer(ClassicHttpRequest request) throws IOException;
        }

        final List<ClassicHttpRequest> requests = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        final List<TrackedResponse> responses = new ArrayList<>();
        final Deque<Answer> script = new ArrayDeque<>();
        Answer last = request -> answer(200, "{}");

        ScriptedProvider then(Answer answer) {
            script.add(answer);
            return this;
        }

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
                throws IOException {
            requests.add(request);
            bodies.add(request.getEntity() == null ? null
                    : new String(request.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8));
            if (!script.isEmpty()) {
                last = script.poll();
            }
            ClassicHttpResponse response = last.answer(request);
            if (response instanceof TrackedResponse tracked) {
                responses.add(tracked);
            }
            return CloseableHttpResponse.adapt(response);
        }

        String header(int request, String name) {
            Header header = requests.get(request).getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        URI uri(int request) {
            try {
                return requests.get(request).getUri();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }

        @Override
        public void close(CloseMode closeMode) {
        }
    }

    /** A provider answer that notes whether the hub closed it (a retried answer must be, or its connection leaks). */
    static final class TrackedResponse extends BasicClassicHttpResponse {
        boolean closed;

        TrackedResponse(int code) {
            super(code);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    static TrackedResponse answer(int status, String json, String... headerPairs) {
        TrackedResponse response = new TrackedResponse(status);
        for (int i = 0; i < headerPairs.length; i += 2) {
            response.addHeader(headerPairs[i], headerPairs[i + 1]);
        }
        response.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return response;
    }

    /** The guard with a list of hosts it refuses; it never resolves a name. */
    static final class ListedGuard extends EgressGuard {
        final Set<String> refusedHosts = new java.util.HashSet<>();
        final List<URI> checked = new ArrayList<>();

        @Override
        public Verdict check(URI uri, boolean httpAllowed) {
            checked.add(uri);
            return refusedHosts.contains(uri.getHost())
                    ? new Verdict.Refused("The destination host " + uri.getHost() + " resolves to a non-public address.")
                    : new Verdict.Allowed(uri);
        }
    }

    /** The database side: the instance as stored now, counted. */
    static final class StoredTarget extends TargetReads {
        ProxyTargets.Target target;
        final AtomicInteger loads = new AtomicInteger();

        @Override
        public Outcome<ProxyTargets.Target> load(long organizationId, long instanceId) {
            loads.incrementAndGet();
            return organizationId == ORGANIZATION && instanceId == INSTANCE && target != null
                    ? Outcome.success(target) : Outcome.notFound("No instance with id " + instanceId + ".");
        }
    }

    /** Stores a new access token as a refresh would, or answers as told; counts calls and notes the read time given. */
    static final class StubRefresher extends CredentialRefresher {
        final StoredTarget stored;
        final AtomicInteger refreshes = new AtomicInteger();
        final List<OffsetDateTime> readAts = new ArrayList<>();
        final List<String> rejectedTokens = new ArrayList<>();
        RefreshResult result = new RefreshResult.Refreshed(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));

        StubRefresher(StoredTarget stored) {
            this.stored = stored;
        }

        @Override
        public RefreshResult refreshStale(long instanceId, OffsetDateTime credentialsReadAt, String rejectedAccessToken) {
            refreshes.incrementAndGet();
            readAts.add(credentialsReadAt);
            rejectedTokens.add(rejectedAccessToken);
            if (result instanceof RefreshResult.Refreshed) {
                stored.target = withConfiguration(stored.target, Map.of("oauth.user.token", "access-" + (refreshes.get() + 1)));
            }
            return result;
        }
    }

    ScriptedProvider provider;
    ListedGuard guard;
    StoredTarget stored;
    StubRefresher refresher;
    ProxyService proxy;
    final List<ClassicHttpResponse> relayed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        provider = new ScriptedProvider();
        guard = new ListedGuard();
        stored = new StoredTarget();
        refresher = new StubRefresher(stored);
        ProxyTargets targets = new ProxyTargets();
        targets.reads = stored;
        targets.trust = new CacheTrust();
        targets.cacheSeconds = 0;   // every load reads the stored target
        targets.createCaches();

        proxy = new ProxyService();
        proxy.http = new ProviderHttp() {
            @Override
            public CloseableHttpClient client() {
                return provider;
            }

            @Override
            public EgressGuard guard() {
                return guard;
            }
        };
        proxy.targets = targets;
        proxy.rateLimiter = new RateLimiter();
        proxy.refresher = refresher;
        proxy.maxBufferedBody = 1024;
        proxy.maxAttempts = 3;
        proxy.retryBaseDelayMs = 1;
        proxy.retryBudgetMs = 3000;
    }

    @AfterEach
    void closeRelayed() {
        relayed.forEach(ProxyService::close);
    }

    // --- elements and instances ---------------------------------------------------------------

    private static ElementDefinition shipped(String file) {
        try (InputStream in = ProxyServiceCallTest.class.getResourceAsStream("/elements/catalog/" + file)) {
            return ElementCodec.read(in).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A private element as docs/elements.md defines basic and API-key ones. */
    private static ElementDefinition privateElement(String type, String... keys) {
        StringBuilder entries = new StringBuilder("{\"key\": \"base.url\", \"name\": \"Base URL\", \"type\": \"TEXTFIELD_128\","
                + " \"defaultValue\": \"https://api.example-provider.com/v1\"}");
        for (String key : keys) {
            entries.append(", {\"key\": \"").append(key).append("\", \"name\": \"").append(key)
                    .append("\", \"type\": \"").append(key.equals("password") || key.equals("api.key") ? "PASSWORD" : "TEXTFIELD_128")
                    .append("\"}");
        }
        return ElementCodec.read("{\"id\": 100001, \"name\": \"Private\", \"key\": \"private\", \"description\": \"d\","
                + " \"authentication\": {\"type\": \"" + type + "\"}, \"hub\": \"general\", \"configuration\": [" + entries + "]}")
                .orElseThrow();
    }

    /** Stores an instance of the element with these values, as {@link TargetReads} would load it. */
    private ProxyTargets.Target instance(ElementDefinition element, Map<String, String> values) {
        stored.target = new ProxyTargets.Target(INSTANCE, ORGANIZATION, element,
                element.authenticationType().orElse(AuthenticationType.CUSTOM),
                ElementConfiguration.effective(element, values, Map.of()), false, true, OffsetDateTime.now(ZoneOffset.UTC));
        return stored.target;
    }

    private ProxyTargets.Target acton() {
        return instance(shipped("acton.json"), Map.of("oauth.api.key", "client", "oauth.api.secret", "client-secret",
                "oauth.user.token", "access-1", "oauth.user.refresh_token", "refresh-1"));
    }

    static ProxyTargets.Target withConfiguration(ProxyTargets.Target target, Map<String, String> changes) {
        Map<String, String> configuration = new LinkedHashMap<>(target.configuration());
        configuration.putAll(changes);
        return new ProxyTargets.Target(target.instanceId(), target.organizationId(), target.element(), target.authentication(),
                configuration, target.disabled(), target.valid(), OffsetDateTime.now(ZoneOffset.UTC));
    }

    // --- calls ----------------------------------------------------------------------------------

    private static ProxyCall get(String path, String query) {
        return new ProxyCall("GET", path, query, Map.of("Accept", List.of("application/json"),
                "Authorization", List.of("User u, Organization o, Element e"), "X-Trace", List.of("t-1")), null, 0, null);
    }

    private static ProxyCall withBody(String method, String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new ProxyCall(method, path, null, Map.of(), new ByteArrayInputStream(bytes), bytes.length, contentType);
    }

    private ProxyResult call(ProxyCall call) {
        ProxyResult result = proxy.call(ORGANIZATION, INSTANCE, call);
        if (result instanceof ProxyResult.Relayed answered) {
            relayed.add(answered.response());
        }
        return result;
    }

    private static int status(ProxyResult result) {
        return assertInstanceOf(ProxyResult.Relayed.class, result).response().getCode();
    }

    private static Map<String, String> oauth1Parameters(String header) {
        assertTrue(header.startsWith("OAuth "), header);
        Map<String, String> parameters = new HashMap<>();
        for (String pair : header.substring("OAuth ".length()).split(", ")) {
            int eq = pair.indexOf('=');
            parameters.put(pair.substring(0, eq),
                    URLDecoder.decode(pair.substring(eq + 2, pair.length() - 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    // --- credentials by authentication type -----------------------------------------------------

    @Test
    void oauth2SendsTheInstanceTokenAsBearerInPlaceOfTheCallersAuthorization() {
        acton();
        ProxyResult result = call(get("/contacts/7", "fields=name"));

        assertEquals(200, status(result));
        assertEquals("acton", ((ProxyResult.Relayed) result).elementKey());
        assertEquals(1, provider.requests.size());
        assertEquals(URI.create("https://restapi.actonsoftware.com/api/1/contacts/7?fields=name"), provider.uri(0));
        assertEquals("Bearer access-1", provider.header(0, "Authorization"));
        assertEquals(1, provider.requests.get(0).getHeaders("Authorization").length);
        assertEquals("t-1", provider.header(0, "X-Trace"));
        assertEquals("application/json", provider.header(0, "Accept"));
        assertEquals(List.of(provider.uri(0)), guard.checked);
    }

    @Test
    void oauth2TokenGoesToTheQueryParameterTheElementNames() {
        instance(shipped("instagram.json"), Map.of("oauth.user.token", "access-1", "oauth.token.query.parameter", "access_token"));
        call(get("users/self", "count=2"));

        assertEquals(URI.create("https://api.instagram.com/v1/users/self?count=2&access_token=access-1"), provider.uri(0));
        assertNull(provider.header(0, "Authorization"));
    }

    @Test
    void oauth1SignsMethodUrlQueryAndFormBodyWithTheInstanceTokens() {
        instance(shipped("etsy.json"), Map.of("oauth.api.key", "consumer", "oauth.api.secret", "consumer-secret",
                "oauth.user.token", "token", "oauth.user.token.secret", "token-secret"));
        ProxyResult result = call(new ProxyCall("POST", "listings", "draft=true", Map.of(),
                new ByteArrayInputStream("title=a+b&price=3".getBytes(StandardCharsets.UTF_8)), 17,
                "application/x-www-form-urlencoded"));

        assertEquals(200, status(result));
        assertEquals(URI.create("https://openapi.etsy.com/v2/listings?draft=true"), provider.uri(0));
        assertEquals("title=a+b&price=3", provider.bodies.get(0));
        Map<String, String> sent = oauth1Parameters(provider.header(0, "Authorization"));
        assertEquals("consumer", sent.get("oauth_consumer_key"));
        assertEquals("token", sent.get("oauth_token"));
        assertEquals("HMAC-SHA1", sent.get("oauth_signature_method"));

        // The same signer, given the nonce and time that were sent, signs exactly what reached the provider.
        OAuth1Signer replay = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(sent.get("oauth_timestamp"))),
                ZoneOffset.UTC), () -> sent.get("oauth_nonce"));
        OAuth1Credentials credentials = new OAuth1Credentials("consumer", "consumer-secret", "token", "token-secret");
        Map<String, List<String>> form = Map.of("title", List.of("a b"), "price", List.of("3"));
        assertEquals(replay.oauthParameters("POST", provider.uri(0), form, credentials, Map.of()).get("oauth_signature"),
                sent.get("oauth_signature"));
        assertNotEquals(replay.oauthParameters("POST", provider.uri(0), Map.of(), credentials, Map.of()).get("oauth_signature"),
                sent.get("oauth_signature"), "the form body is part of the signature");
    }

    @Test
    void basicSendsUsernameAndPassword() {
        instance(privateElement("basic", "username", "password"), Map.of("username", "ada", "password", "pä:ss"));
        call(get("me", null));

        assertEquals("Basic " + Base64.getEncoder().encodeToString("ada:pä:ss".getBytes(StandardCharsets.UTF_8)),
                provider.header(0, "Authorization"));
        assertEquals(URI.create("https://api.example-provider.com/v1/me"), provider.uri(0));
    }

    @Test
    void apiKeyGoesToTheElementsHeaderWithItsPrefixOrToAQueryParameter() {
        ElementDefinition element = privateElement("apiKey", "api.key", "api.key.header", "api.key.prefix", "api.key.query.parameter");
        instance(element, Map.of("api.key", "k-1"));
        call(get("me", null));
        assertEquals("k-1", provider.header(0, "Authorization"));

        instance(element, Map.of("api.key", "k-1", "api.key.header", "X-Api-Key", "api.key.prefix", "Token "));
        call(get("me", null));
        assertEquals("Token k-1", provider.header(1, "X-Api-Key"));
        assertNull(provider.header(1, "Authorization"), "the caller's Authorization is never forwarded");

        instance(element, Map.of("api.key", "k-1", "api.key.query.parameter", "key"));
        call(get("me", "q=1"));
        assertEquals(URI.create("https://api.example-provider.com/v1/me?q=1&key=k-1"), provider.uri(2));
    }

    @Test
    void basicWithoutAPasswordSendsAnEmptyOne() {
        instance(privateElement("basic", "username", "password"), Map.of("username", "key-1"));
        call(get("me", null));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("key-1:".getBytes(StandardCharsets.UTF_8)),
                provider.header(0, "Authorization"));
    }

    @Test
    void theElementsFixedHeadersGoOnEveryCallAndWinOverTheCallers() {
        ElementDefinition element = privateElement("apiKey", "api.key", "api.key.header", "tenant.id", "provider.headers");
        instance(element, Map.of("api.key", "k-1", "api.key.header", "X-Auth-Token", "tenant.id", "t-7",
                "provider.headers", "Api-Version: 2022-06-28\nX-Trace: fixed\nX-Tenant: {tenant.id}"));
        call(get("me", null));

        assertEquals("2022-06-28", provider.header(0, "Api-Version"));
        assertEquals("t-7", provider.header(0, "X-Tenant"), "templates take the instance's values");
        assertEquals(1, provider.requests.get(0).getHeaders("X-Trace").length);
        assertEquals("fixed", provider.header(0, "X-Trace"), "the caller sent X-Trace: t-1; the element's value wins");
        assertEquals("k-1", provider.header(0, "X-Auth-Token"));
        assertEquals("application/json", provider.header(0, "Accept"), "the caller's other headers still pass");
    }

    @Test
    void fixedHeadersWhoseTemplateHasNoValueSendNothing() {
        ElementDefinition element = privateElement("apiKey", "api.key", "tenant.id", "provider.headers");
        instance(element, Map.of("api.key", "k-1", "provider.headers", "X-Tenant: {tenant.id}"));
        ProxyResult result = call(get("me", null));

        Outcome.Invalid<?> invalid = assertInstanceOf(Outcome.Invalid.class, assertInstanceOf(ProxyResult.Failed.class, result).failure());
        assertEquals("provider.headers: the header X-Tenant needs a value for tenant.id.", invalid.message());
        assertTrue(provider.requests.isEmpty());
    }

    @Test
    void anInstanceWithoutItsCredentialsSendsNothing() {
        instance(shipped("acton.json"), Map.of());
        ProxyResult result = call(get("contacts", null));

        assertInstanceOf(Outcome.Invalid.class, assertInstanceOf(ProxyResult.Failed.class, result).failure());
        assertTrue(provider.requests.isEmpty());
    }

    // --- a provider 401 ---------------------------------------------------------------------------

    @Test
    void aProvider401RefreshesOnceAndRetriesOnceWithTheNewToken() {
        OffsetDateTime readAt = acton().readAt();
        provider.then(request -> answer(401, "{\"error\": \"expired\"}")).then(request -> answer(200, "{\"ok\": true}"));

        ProxyResult result = call(get("contacts", null));

        assertEquals(200, status(result));
        assertEquals(1, refresher.refreshes.get());
        assertEquals(List.of(readAt), refresher.readAts, "the refresh is single-flight against the credentials this call read");
        assertEquals(List.of("access-1"), refresher.rejectedTokens, "and names the token the provider rejected");
        assertEquals(2, provider.requests.size());
        assertEquals("Bearer access-1", provider.header(0, "Authorization"));
        assertEquals("Bearer access-2", provider.header(1, "Authorization"));
        assertTrue(provider.responses.get(0).closed, "the 401 answer is closed before the retry");
    }

    @Test
    void aSecond401IsRelayedWithoutAnotherRefresh() {
        acton();
        provider.then(request -> answer(401, "{}"));

        ProxyResult result = call(get("contacts", null));

        assertEquals(401, status(result));
        assertEquals(1, refresher.refreshes.get());
        assertEquals(2, provider.requests.size());
        assertEquals("Bearer access-2", provider.header(1, "Authorization"));
    }

    @Test
    void aReplayableBodyIsSentAgainAfterTheRefresh() {
        acton();
        provider.then(request -> answer(401, "{}")).then(request -> answer(201, "{}"));

        ProxyResult result = call(withBody("POST", "contacts", "application/json", "{\"name\": \"Ada\"}"));

        assertEquals(201, status(result));
        assertEquals(List.of("{\"name\": \"Ada\"}", "{\"name\": \"Ada\"}"), provider.bodies);
    }

    @Test
    void aRefreshThatFailsEndsTheCallWithoutARetry() {
        acton();
        refresher.result = new RefreshResult.Revoked("invalid_grant");
        provider.then(request -> answer(401, "{}"));

        ProxyResult result = call(get("contacts", null));

        assertInstanceOf(Outcome.ProviderFailed.class, assertInstanceOf(ProxyResult.Failed.class, result).failure());
        assertEquals(1, provider.requests.size());
        assertTrue(provider.responses.get(0).closed);
    }

    @Test
    void aStreamedBodyCannotBeReplayedSoA401IsRelayedUnrefreshed() {
        acton();
        proxy.maxBufferedBody = 8;
        provider.then(request -> answer(401, "{}"));

        ProxyResult result = call(withBody("PUT", "contacts/7", "application/json", "{\"name\": \"Ada Lovelace\"}"));

        assertEquals(401, status(result));
        assertEquals(0, refresher.refreshes.get());
        assertEquals(1, provider.requests.size());
        assertEquals("{\"name\": \"Ada Lovelace\"}", provider.bodies.get(0));
    }

    @Test
    void a401ForOtherAuthenticationTypesIsRelayed() {
        instance(privateElement("basic", "username", "password"), Map.of("username", "ada", "password", "p"));
        provider.then(request -> answer(401, "{}"));

        assertEquals(401, status(call(get("me", null))));
        assertEquals(0, refresher.refreshes.get());
        assertEquals(1, provider.requests.size());
    }

    // --- retries --------------------------------------------------------------------------------

    @Test
    void anIdempotentCallIsRetriedOn503UntilItSucceeds() {
        acton();
        provider.then(request -> answer(503, "{}")).then(request -> answer(503, "{}")).then(request -> answer(200, "{}"));

        assertEquals(200, status(call(get("contacts", null))));
        assertEquals(3, provider.requests.size());
        assertTrue(provider.responses.get(0).closed && provider.responses.get(1).closed);
    }

    @Test
    void retriesStopAtTheAttemptLimitAndRelayTheLastAnswer() {
        acton();
        provider.then(request -> answer(503, "{\"attempt\": \"any\"}"));

        assertEquals(503, status(call(get("contacts", null))));
        assertEquals(3, provider.requests.size());
        assertFalse(provider.responses.get(2).closed, "the relayed answer stays open for the caller");
    }

    @Test
    void aPostIsNeverRetried() {
        acton();
        provider.then(request -> answer(503, "{}")).then(request -> answer(200, "{}"));

        assertEquals(503, status(call(withBody("POST", "contacts", "application/json", "{}"))));
        assertEquals(1, provider.requests.size());
    }

    @Test
    void aPutWithABodyIsNotRetried() {
        acton();
        provider.then(request -> answer(503, "{}")).then(request -> answer(200, "{}"));

        assertEquals(503, status(call(withBody("PUT", "contacts/7", "application/json", "{}"))));
        assertEquals(1, provider.requests.size());
    }

    @Test
    void retryAfterIsWaitedForWithinTheBudget() {
        acton();
        provider.then(request -> answer(503, "{}", "Retry-After", "1")).then(request -> answer(200, "{}"));

        long started = System.nanoTime();
        assertEquals(200, status(call(get("contacts", null))));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(2, provider.requests.size());
        assertTrue(waitedMillis >= 1000, "waited " + waitedMillis + " ms");
    }

    @Test
    void aRetryAfterBeyondTheBudgetRelaysTheAnswerAtOnce() {
        acton();
        provider.then(request -> answer(429, "{}", "Retry-After", "30")).then(request -> answer(200, "{}"));

        long started = System.nanoTime();
        ProxyResult result = call(get("contacts", null));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(429, status(result));
        assertEquals("30", ((ProxyResult.Relayed) result).response().getFirstHeader("Retry-After").getValue());
        assertEquals(1, provider.requests.size());
        assertTrue(tookMillis < 1000, "took " + tookMillis + " ms");
    }

    // --- refusals before the provider ---------------------------------------------------------------

    @Test
    void aDisabledInstanceIsRefusedBeforeAnythingIsChecked() {
        ProxyTargets.Target enabled = acton();
        stored.target = new ProxyTargets.Target(enabled.instanceId(), enabled.organizationId(), enabled.element(),
                enabled.authentication(), enabled.configuration(), true, enabled.valid(), enabled.readAt());

        ProxyResult result = call(get("contacts", null));

        assertEquals(INSTANCE, assertInstanceOf(ProxyResult.Disabled.class, result).instanceId());
        assertTrue(provider.requests.isEmpty());
        assertTrue(guard.checked.isEmpty());
    }

    @Test
    void anUnknownInstanceIsNotFound() {
        ProxyResult result = proxy.call(ORGANIZATION, INSTANCE + 1, get("contacts", null));

        assertInstanceOf(Outcome.NotFound.class, assertInstanceOf(ProxyResult.Failed.class, result).failure());
        assertTrue(provider.requests.isEmpty());
    }

    @Test
    void theEgressGuardsRefusalSendsNothing() {
        instance(shipped("magento.json"), Map.of("store.url", "https://shop.internal", "oauth.user.token", "t",
                "oauth.user.token.secret", "s"));
        guard.refusedHosts.add("shop.internal");

        ProxyResult result = call(get("products", null));

        Outcome<?> failure = assertInstanceOf(ProxyResult.Failed.class, result).failure();
        assertTrue(((Outcome.Invalid<?>) failure).message().contains("shop.internal"), failure.toString());
        assertEquals(List.of(URI.create("https://shop.internal/api/rest/products")), guard.checked);
        assertTrue(provider.requests.isEmpty());
    }

    @Test
    void aRefusalAtConnectTimeIsABadRequestAndNotRetried() {
        acton();
        provider.then(request -> {
            throw new EgressGuard.EgressRefusedException("The destination host resolves to a non-public address.");
        });

        ProxyResult result = call(get("contacts", null));

        assertInstanceOf(Outcome.Invalid.class, assertInstanceOf(ProxyResult.Failed.class, result).failure());
        assertEquals(1, provider.requests.size());
    }

    @Test
    void aPathClimbingAboveTheBaseUrlSendsNothing() {
        acton();
        ProxyResult result = call(get("contacts/%2e%2e/%2e%2e/admin", null));

        assertInstanceOf(Outcome.Invalid.class, assertInstanceOf(ProxyResult.Failed.class, result).failure());
        assertTrue(guard.checked.isEmpty());
        assertTrue(provider.requests.isEmpty());
    }

    @Test
    void theRateLimitAnswers429BeforeTheProviderIsCalled() {
        instance(shipped("acton.json"), Map.of("oauth.user.token", "access-1", "ratelimit.per.second", "0.5",
                "ratelimit.burst", "1"));

        assertEquals(200, status(call(get("contacts", null))));
        ProxyResult limited = call(get("contacts", null));

        assertEquals(2, assertInstanceOf(ProxyResult.RateLimited.class, limited).retryAfterSeconds());
        assertEquals(1, provider.requests.size());
    }

    // --- a provider that does not answer ------------------------------------------------------------

    @Test
    void aProviderTimeOutIsAnsweredAs504WithoutRetry() {
        acton();
        provider.then(request -> {
            throw new SocketTimeoutException("Read timed out");
        });

        ProxyResult result = call(get("contacts", null));

        // ProviderTimedOut is the one failure ErrorResponses answers with 504.
        assertInstanceOf(Outcome.ProviderTimedOut.class, assertInstanceOf(ProxyResult.Failed.class, result).failure());
        assertEquals(1, provider.requests.size());
    }

    @Test
    void anUnreachableProviderIsAProviderFailure() {
        acton();
        provider.then(request -> {
            throw new java.net.ConnectException("Connection refused");
        });

        Outcome<?> failure = assertInstanceOf(ProxyResult.Failed.class, call(get("contacts", null))).failure();

        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class, failure).message().contains("ConnectException"));
    }
}
