package io.plugboard.proxy.control;

import io.plugboard.elements.control.ElementCodec;
import io.plugboard.elements.control.ElementConfiguration;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.persistence.CacheTrust;
import io.plugboard.proxy.control.ProxyServiceCallTest.ListedGuard;
import io.plugboard.proxy.control.ProxyServiceCallTest.ScriptedProvider;
import io.plugboard.proxy.control.ProxyServiceCallTest.StoredTarget;
import io.plugboard.proxy.control.ProxyServiceCallTest.StubRefresher;
import io.plugboard.proxy.control.ProxyServiceCallTest.TrackedResponse;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.plugboard.proxy.control.ProxyServiceCallTest.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HubReads#get} without a server: an internal read of an instance's own hub resource is
 * mapped as an application's hub call is, goes through {@link ProxyService#call} (credentials,
 * refresh after a 401, retries, egress guard), comes back read whole up to its bound, and leaves
 * no provider answer open.
 */
class HubReadsTest {

    static final long ORGANIZATION = 1;
    static final long INSTANCE = 42;

    ScriptedProvider provider;
    ListedGuard guard;
    StoredTarget stored;
    StubRefresher refresher;
    HubReads reads;

    @BeforeEach
    void setUp() {
        provider = new ScriptedProvider();
        guard = new ListedGuard();
        stored = new StoredTarget();
        refresher = new StubRefresher(stored);
        ProxyTargets targets = new ProxyTargets();
        targets.reads = stored;
        targets.trust = new CacheTrust();
        targets.cacheSeconds = 0;
        targets.createCaches();
        ProxyService proxy = new ProxyService();
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
        reads = new HubReads();
        reads.targets = targets;
        reads.proxy = proxy;
        reads.lists = HubListsTest.lists(proxy);
        crm(false, Map.of());
    }

    /** An instance of the shipped CRM element (OAuth 2, page/per_page list parameters). */
    void crm(boolean disabled, Map<String, String> extra) {
        ElementDefinition element;
        try (InputStream in = getClass().getResourceAsStream("/elements/catalog/base.json")) {
            element = ElementCodec.read(in).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new java.util.HashMap<>(Map.of("oauth.api.key", "client", "oauth.api.secret", "secret",
                "oauth.user.token", "access-1", "oauth.user.refresh_token", "refresh-1"));
        values.putAll(extra);
        stored.target = new ProxyTargets.Target(INSTANCE, ORGANIZATION, element, AuthenticationType.OAUTH2,
                ElementConfiguration.effective(element, values, Map.of()), disabled, true, OffsetDateTime.now(ZoneOffset.UTC));
    }

    Outcome<ProviderResponse.Answered> get(String url, int max) {
        return reads.get(ORGANIZATION, INSTANCE, HubUrlTest.parsed(url), max);
    }

    static ProviderResponse.Answered answered(Outcome<ProviderResponse.Answered> outcome) {
        return ((Outcome.Success<ProviderResponse.Answered>) assertInstanceOf(Outcome.Success.class, outcome, outcome::toString)).value();
    }

    void allClosed() {
        assertTrue(provider.responses.stream().allMatch(r -> r.closed), "every provider answer is closed");
    }

    @Test
    void readsTheMappedResourceWithTheInstancesCredentials() {
        provider.then(request -> answer(200, "{\"items\": []}", "X-Total", "0", "Set-Cookie", "s=1"));
        ProviderResponse.Answered answer = answered(get("/hubs/crm/contacts?page=2&per_page=50&sort_by=updated_at:desc", 1000));

        assertEquals(200, answer.status());
        assertEquals("{\"items\": []}", answer.bodyText());
        assertFalse(answer.truncated());
        assertEquals(List.of("0"), answer.headers().get("X-Total"));
        assertNull(answer.headers().get("Set-Cookie"), "the hub's dropped headers stay dropped");
        assertEquals(URI.create("https://api.getbase.com/v2/contacts?page=2&per_page=50&sort_by=updated_at%3Adesc"), provider.uri(0));
        assertEquals("Bearer access-1", provider.header(0, "Authorization"));
        assertEquals("application/json", provider.header(0, "Accept"));
        assertEquals("GET", provider.requests.get(0).getMethod());
        allClosed();
    }

    /** A poller's URL may filter with where, as Cloud Elements pollers do: translated as for an application. */
    @Test
    void aWhereIsTranslatedAsForAnApplication() {
        provider.then(request -> answer(200, "{\"items\": []}"));
        answered(get("/hubs/crm/contacts?where=email = 'ada@example.com' and id in (1,2)&per_page=50", 1000));
        assertEquals(URI.create("https://api.getbase.com/v2/contacts?per_page=50&email=ada%40example.com&ids=1%2C2"), provider.uri(0));

        assertTrue(assertInstanceOf(Outcome.Invalid.class, get("/hubs/crm/contacts?where=phone = '1'", 1000)).message()
                .startsWith("where: the resource /contacts cannot filter on 'phone'"));
        assertTrue(assertInstanceOf(Outcome.Invalid.class, get("/hubs/crm/contacts/7?where=id = 7", 1000)).message()
                .contains("cannot be filtered"));
        assertEquals(1, provider.requests.size(), "a refused where sends nothing");
        allClosed();
    }

    @Test
    void aProvider401IsRefreshedAndRetriedAsForAnApplication() {
        provider.then(request -> answer(401, "{}")).then(request -> answer(200, "[1]"));
        assertEquals("[1]", answered(get("/hubs/crm/deals", 1000)).bodyText());
        assertEquals(1, refresher.refreshes.get());
        assertEquals("Bearer access-2", provider.header(1, "Authorization"));
        allClosed();
    }

    @Test
    void aFailingProviderIsRetriedThenItsAnswerReturned() {
        provider.then(request -> answer(503, "{}")).then(request -> answer(502, "{}"))
                .then(request -> answer(500, "{\"error\": \"down\"}"));
        ProviderResponse.Answered answer = answered(get("/hubs/crm/leads", 1000));
        assertEquals(500, answer.status());
        assertEquals(3, provider.requests.size(), "the proxy's retries of an idempotent call");
        allClosed();
    }

    @Test
    void aBodyLongerThanTheBoundIsCutAndMarked() {
        provider.then(request -> answer(200, "0123456789"));
        ProviderResponse.Answered answer = answered(get("/hubs/crm/contacts", 4));
        assertTrue(answer.truncated());
        assertEquals("0123", answer.bodyText());
        allClosed();
    }

    @Test
    void anotherHubOrAnUnknownResourceSendsNothing() {
        assertTrue(assertInstanceOf(Outcome.NotFound.class, get("/hubs/marketing/contacts", 1000)).message()
                .contains("belongs to the hub crm"));
        assertTrue(assertInstanceOf(Outcome.NotFound.class, get("/hubs/crm/companies", 1000)).message()
                .contains("has no resource GET /companies"));
        assertTrue(provider.requests.isEmpty());
    }

    @Test
    void aDisabledInstanceARefusedDestinationOrAnUnknownInstanceSendsNothing() {
        crm(true, Map.of());
        assertTrue(assertInstanceOf(Outcome.Invalid.class, get("/hubs/crm/contacts", 1000)).message().contains("disabled"));

        crm(false, Map.of());
        guard.refusedHosts.add("api.getbase.com");
        assertInstanceOf(Outcome.Invalid.class, get("/hubs/crm/contacts", 1000));

        assertInstanceOf(Outcome.NotFound.class, reads.get(ORGANIZATION, 7, HubUrlTest.parsed("/hubs/crm/contacts"), 1000));
        assertInstanceOf(Outcome.NotFound.class, reads.get(2, INSTANCE, HubUrlTest.parsed("/hubs/crm/contacts"), 1000));
        assertTrue(provider.requests.isEmpty());
    }

    @Test
    void theRateLimitIsTheInstances() {
        crm(false, Map.of("ratelimit.per.second", "1", "ratelimit.burst", "1"));
        answered(get("/hubs/crm/contacts", 1000));
        assertTrue(assertInstanceOf(Outcome.Invalid.class, get("/hubs/crm/contacts", 1000)).message().contains("rate limit"));
        assertEquals(1, provider.requests.size());
    }

    @Test
    void aTimeOutReadingTheBodyIsATimeOut() {
        provider.then(request -> {
            TrackedResponse response = new TrackedResponse(200);
            response.setEntity(new org.apache.hc.core5.http.io.entity.InputStreamEntity(new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new java.net.SocketTimeoutException("Read timed out");
                }
            }, -1, null));
            return response;
        });
        assertInstanceOf(Outcome.ProviderTimedOut.class, get("/hubs/crm/contacts", 1000));
        allClosed();
    }
}
