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
import io.plugboard.proxy.control.HubLists.HubList;
import io.plugboard.proxy.control.ProxyServiceCallTest.ListedGuard;
import io.plugboard.proxy.control.ProxyServiceCallTest.ScriptedProvider;
import io.plugboard.proxy.control.ProxyServiceCallTest.StoredTarget;
import io.plugboard.proxy.control.ProxyServiceCallTest.StubRefresher;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.plugboard.proxy.control.ProxyServiceCallTest.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HubLists} without a server, one element resource per paging style: the vendor
 * parameters each page is asked with (exactly the URL the provider sees), the records taken from
 * the element's root, where the list ends (short, empty or repeated page, no cursor, no next
 * URL), next URLs outside {@code base.url} refused without being called, page tokens refused when
 * garbled, altered or presented for another resource or instance, and provider errors relayed.
 */
class HubListsTest {

    /** The organization and instance {@link StoredTarget} serves. */
    static final long ORGANIZATION = 1;
    static final long INSTANCE = 42;
    static final String BASE = "https://api.example.com/v2";
    static final byte[] KEY = new byte[32];
    static final byte[] OTHER_KEY = new byte[32];

    static {
        java.util.Arrays.fill(KEY, (byte) 7);
        java.util.Arrays.fill(OTHER_KEY, (byte) 9);
    }

    static final String ELEMENT = """
            {"name": "Lists", "key": "lists", "hub": "crm", "authentication": {"type": "oauth2"},
             "configuration": [
               {"key": "oauth.authorization.url", "name": "A", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "https://api.example.com/auth"},
               {"key": "oauth.token.url", "name": "T", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "https://api.example.com/token"},
               {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
             "resources": [
               {"path": "/offsets", "method": "GET", "vendorPath": "/people", "vendorMethod": "GET", "root": "/results",
                "paging": {"type": "offset", "pageParameter": "offset", "sizeParameter": "limit", "maxPageSize": 50}},
               {"path": "/pages", "method": "GET", "vendorPath": "/people", "vendorMethod": "GET", "root": "/items", "itemRoot": "/data",
                "paging": {"type": "page", "pageParameter": "page", "sizeParameter": "per_page", "maxPageSize": 100, "defaultPageSize": 3}},
               {"path": "/keyed", "method": "GET", "vendorPath": "/products", "vendorMethod": "GET",
                "paging": {"type": "page", "pageParameter": "page", "sizeParameter": "limit", "maxPageSize": 100}},
               {"path": "/cursors", "method": "GET", "vendorPath": "/media", "vendorMethod": "GET", "root": "/data",
                "paging": {"type": "cursor", "pageParameter": "after", "next": "/paging/cursors/after", "sizeParameter": "limit", "maxPageSize": 25}},
               {"path": "/urls", "method": "GET", "vendorPath": "/people", "vendorMethod": "GET", "root": "/items",
                "paging": {"type": "nextUrl", "next": "/meta/links/next_page", "sizeParameter": "per_page", "maxPageSize": 100}},
               {"path": "/links", "method": "GET", "vendorPath": "/repos", "vendorMethod": "GET",
                "paging": {"type": "link", "sizeParameter": "per_page", "maxPageSize": 100}},
               {"path": "/wrapped", "method": "GET", "vendorPath": "/contacts", "vendorMethod": "GET", "root": "/contacts"},
               {"path": "/people/{id}", "method": "GET", "vendorPath": "/people/{id}", "vendorMethod": "GET",
                "parameters": [{"name": "id", "vendorName": "id", "type": "path", "vendorType": "path"}]}]}
            """.formatted(BASE);

    ScriptedProvider provider;
    ListedGuard guard;
    HubLists lists;
    ProxyTargets.Target target;
    ElementDefinition element;

    /** A {@link HubLists} over the given proxy, with a fixed token key: what the tests of its users share. */
    static HubLists lists(ProxyService proxy) {
        HubLists lists = new HubLists();
        lists.proxy = proxy;
        lists.http = proxy.http;
        lists.tokens = new PageTokens(List.of(KEY));
        lists.maxListBytes = 4096;
        return lists;
    }

    @BeforeEach
    void setUp() {
        provider = new ScriptedProvider();
        guard = new ListedGuard();
        StoredTarget stored = new StoredTarget();
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
        proxy.refresher = new StubRefresher(stored);
        proxy.maxBufferedBody = 1024;
        proxy.maxAttempts = 1;
        proxy.retryBaseDelayMs = 1;
        proxy.retryBudgetMs = 1000;
        lists = lists(proxy);
        element = ElementCodec.read(ELEMENT).orElseThrow();
        target = target(INSTANCE);
        stored.target = target;
    }

    ProxyTargets.Target target(long instanceId) {
        return new ProxyTargets.Target(instanceId, ORGANIZATION, element, AuthenticationType.OAUTH2,
                ElementConfiguration.effective(element, Map.of("oauth.user.token", "t-1"), Map.of()), false, true,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    HubList call(ProxyTargets.Target on, String path, String query) {
        ResourceMapper.Match match = ResourceMapper.find(element, "GET", path).orElseThrow();
        Map<String, List<String>> parameters = new LinkedHashMap<>(HubUrlTest.parsed("/hubs/crm" + path + "?" + query).query());
        return lists.page(ORGANIZATION, on, match, path, parameters, Map.of(), Map.of("Accept-Encoding", List.of("gzip"),
                "X-Trace", List.of("t-42")));
    }

    HubList call(String path, String query) {
        return call(target, path, query);
    }

    static HubList.Page page(HubList list) {
        return assertInstanceOf(HubList.Page.class, list, list::toString);
    }

    static Outcome<?> failure(HubList list) {
        HubList.Unanswered unanswered = assertInstanceOf(HubList.Unanswered.class, list, list::toString);
        return assertInstanceOf(ProxyResult.Failed.class, unanswered.result()).failure();
    }

    static String ids(HubList list) {
        return page(list).records().getValuesAs(JsonObject.class).stream().map(r -> r.getString("id"))
                .reduce((a, b) -> a + "," + b).orElse("");
    }

    static String records(String... ids) {
        StringBuilder out = new StringBuilder();
        for (String id : ids) {
            out.append(out.length() == 0 ? "" : ",").append("{\"id\": \"").append(id).append("\"}");
        }
        return out.toString();
    }

    String sent(int request) {
        return provider.uri(request).toString();
    }

    // --- offset ------------------------------------------------------------------------------------

    @Test
    void offsetPagingAsksForPageSizeThenMovesTheOffsetByWhatCame() {
        provider.then(request -> answer(200, "{\"results\": [" + records("a", "b") + "], \"count\": 5}"))
                .then(request -> answer(200, "{\"results\": [" + records("c", "d") + "]}"))
                .then(request -> answer(200, "{\"results\": [" + records("e") + "]}"));

        HubList first = call("/offsets", "pageSize=2&q=x");
        assertEquals("a,b", ids(first));
        assertEquals(BASE + "/people?q=x&limit=2", sent(0), "the first page is the vendor's default offset");
        assertEquals("application/json", provider.header(0, "Accept"));
        assertNull(provider.header(0, "Accept-Encoding"), "the hub reads the list itself: no compressed answer asked for");
        assertEquals("t-42", provider.header(0, "X-Trace"), "the caller's other headers go on as for any hub call");
        String token = page(first).nextPageToken();
        assertNotNull(token);
        assertTrue(token.startsWith("p1.") && !token.contains("offset") && !token.contains("example"), "opaque: " + token);

        HubList second = call("/offsets", "q=x&nextPage=" + token);
        assertEquals("c,d", ids(second));
        assertEquals(BASE + "/people?q=x&limit=2&offset=2", sent(1), "the token's page size and offset");
        HubList last = call("/offsets", "q=x&nextPage=" + page(second).nextPageToken());
        assertEquals("e", ids(last));
        assertEquals(BASE + "/people?q=x&limit=2&offset=4", sent(2));
        assertNull(page(last).nextPageToken(), "a short page is the last");
    }

    @Test
    void pageSizeIsCappedAtTheVendorsMaximumAndMustBeAWholeNumberOfAtLeastOne() {
        provider.then(request -> answer(200, "{\"results\": []}"));
        call("/offsets", "pageSize=5000");
        assertEquals(BASE + "/people?limit=50", sent(0));

        for (String bad : List.of("abc", "0", "-3", "2.5")) {
            Outcome<?> refused = failure(call("/offsets", "pageSize=" + bad));
            assertTrue(assertInstanceOf(Outcome.Invalid.class, refused).message().startsWith("pageSize must be a whole number"),
                    refused::toString);
        }
        assertEquals(1, provider.requests.size(), "a bad pageSize sends nothing");
    }

    @Test
    void aCallerThatSetsTheVendorsOwnPagingParametersKeepsThemOnTheFirstPage() {
        provider.then(request -> answer(200, "{\"results\": [" + records("a", "b", "c", "d", "e") + "]}"))
                .then(request -> answer(200, "{\"results\": []}"));
        HubList first = call("/offsets", "limit=5&offset=10");
        assertEquals(BASE + "/people?limit=5&offset=10", sent(0), "asked exactly as the caller asked");
        HubList empty = call("/offsets", "limit=5&offset=10&nextPage=" + page(first).nextPageToken());
        assertEquals(BASE + "/people?limit=5&offset=15", sent(1), "the token continues from there");
        assertEquals(0, page(empty).records().size());
        assertNull(page(empty).nextPageToken(), "an empty page is the last");
    }

    // --- page numbers ------------------------------------------------------------------------------

    @Test
    void pageNumbersCountFromTheFirstAndWrappedRecordsAreUnwrapped() {
        String wrapped = "{\"items\": [{\"data\": {\"id\": \"1\"}, \"meta\": {\"type\": \"contact\"}},"
                + " {\"data\": {\"id\": \"2\"}, \"meta\": {}}, {\"data\": {\"id\": \"3\"}, \"meta\": {}}], \"meta\": {\"count\": 3}}";
        provider.then(request -> answer(200, wrapped)).then(request -> answer(200, "{\"items\": [], \"meta\": {}}"));

        HubList first = call("/pages", "");
        assertEquals(BASE + "/people?per_page=3", sent(0), "the element's default page size");
        assertEquals("1,2,3", ids(first), "the records, not their wrappers");
        HubList second = call("/pages", "nextPage=" + page(first).nextPageToken());
        assertEquals(BASE + "/people?per_page=3&page=2", sent(1));
        assertNull(page(second).nextPageToken());
    }

    @Test
    void aListKeyedByIdIsItsValuesAndAVendorRepeatingItsLastPageEndsTheList() {
        String lastPage = "{\"7\": {\"id\": \"7\"}, \"8\": {\"id\": \"8\"}}";
        provider.then(request -> answer(200, lastPage));   // every page past the end answers the last again
        HubList first = call("/keyed", "pageSize=2");
        assertEquals("7,8", ids(first));
        HubList again = call("/keyed", "nextPage=" + page(first).nextPageToken());
        assertEquals(BASE + "/products?limit=2&page=2", sent(1));
        assertEquals(0, page(again).records().size(), "the repeated records are not answered twice");
        assertNull(page(again).nextPageToken());
    }

    // --- cursors -----------------------------------------------------------------------------------

    @Test
    void aCursorInTheBodyIsSentBackUntilThereIsNone() {
        provider.then(request -> answer(200, "{\"data\": [" + records("m1", "m2") + "], \"paging\": {\"cursors\": {\"after\": \"QVFI\"}}}"))
                .then(request -> answer(200, "{\"data\": [" + records("m3") + "], \"paging\": {\"cursors\": {}}}"));
        HubList first = call("/cursors", "pageSize=2");
        assertEquals(BASE + "/media?limit=2", sent(0));
        HubList last = call("/cursors", "nextPage=" + page(first).nextPageToken());
        assertEquals(BASE + "/media?limit=2&after=QVFI", sent(1));
        assertEquals("m3", ids(last));
        assertNull(page(last).nextPageToken());
    }

    @Test
    void aCursorThatDoesNotMoveEndsTheList() {
        String same = "{\"data\": [" + records("m1") + "], \"paging\": {\"cursors\": {\"after\": \"C\"}}}";
        provider.then(request -> answer(200, same));
        HubList first = call("/cursors", "after=C");
        assertNull(page(first).nextPageToken(), "the vendor named the page it was asked for as the next one");
    }

    // --- next URLs ---------------------------------------------------------------------------------

    @Test
    void aNextUrlUnderBaseUrlIsFollowedAsTheVendorWroteIt() {
        provider.then(request -> answer(200, "{\"items\": [" + records("a") + "], \"meta\": {\"links\": {\"next_page\": \""
                        + BASE + "/people?page=2&per_page=1&sort=a%2Cb\"}}}"))
                .then(request -> answer(200, "{\"items\": [" + records("b") + "], \"meta\": {\"links\": {\"next_page\": null}}}"));
        HubList first = call("/urls", "pageSize=1");
        assertEquals(BASE + "/people?per_page=1", sent(0));
        String token = page(first).nextPageToken();
        assertTrue(!token.contains("people") && !token.contains("example"), "the URL stays inside the token: " + token);
        HubList last = call("/urls", "pageSize=99&other=ignored&nextPage=" + token);
        assertEquals(BASE + "/people?page=2&per_page=1&sort=a%2Cb", sent(1), "exactly the vendor's next page");
        assertEquals("b", ids(last));
        assertNull(page(last).nextPageToken());
    }

    @Test
    void aNextUrlElsewhereIsRefusedAndNeverCalled() {
        for (String elsewhere : List.of("https://evil.example.com/v2/people?page=2", "http://api.example.com/v2/people?page=2",
                "https://api.example.com:8443/v2/people?page=2", "https://api.example.com/v2evil/people",
                "https://api.example.com/v1/people", "https://user:pw@api.example.com/v2/people",
                "https://api.example.com/v2/../admin", "https://api.example.com/v2/%2e%2e/admin", "//evil.example.com/v2/x",
                "javascript:alert(1)")) {
            provider.then(request -> answer(200, "{\"items\": [" + records("a") + "], \"meta\": {\"links\": {\"next_page\": \""
                    + elsewhere + "\"}}}"));
            int before = provider.requests.size();
            Outcome<?> refused = failure(call("/urls", ""));
            assertInstanceOf(Outcome.ProviderFailed.class, refused, elsewhere);
            assertEquals(before + 1, provider.requests.size(), "only the page itself was called for " + elsewhere);
        }
    }

    @Test
    void aNextUrlTheEgressGuardRefusesIsNotFollowed() {
        List<URI> checked = new java.util.ArrayList<>();
        EgressGuard strict = new EgressGuard() {
            @Override
            public Verdict check(URI uri, boolean httpAllowed) {
                checked.add(uri);
                return uri.toString().contains("page=2") ? new Verdict.Refused("The destination resolves to a private address.")
                        : new Verdict.Allowed(uri);
            }
        };
        lists.http = new ProviderHttp() {
            @Override
            public EgressGuard guard() {
                return strict;
            }
        };
        provider.then(request -> answer(200, "{\"items\": [" + records("a") + "], \"meta\": {\"links\": {\"next_page\": \""
                + BASE + "/people?page=2\"}}}"));
        Outcome<?> refused = failure(call("/urls", ""));
        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class, refused).message().contains("may not call"), refused::toString);
        assertEquals(List.of(URI.create(BASE + "/people?page=2")), checked);
        assertEquals(1, provider.requests.size(), "the refused page was never asked for");
    }

    @Test
    void aLinkHeaderNextIsFollowedAndARelativeOneResolvesAgainstThePage() {
        provider.then(request -> answer(200, "[" + records("r1") + "]", "Link",
                        "<" + BASE + "/repos?page=2&per_page=1>; rel=\"next\", <" + BASE + "/repos?page=9>; rel=\"last\""))
                .then(request -> answer(200, "[" + records("r2") + "]", "Link", "</v2/repos?page=3&per_page=1>; rel=\"next last\""))
                .then(request -> answer(200, "[" + records("r3") + "]", "Link", "<" + BASE + "/repos?page=1>; rel=\"first\""));
        HubList first = call("/links", "pageSize=1");
        assertEquals(BASE + "/repos?per_page=1", sent(0));
        HubList second = call("/links", "nextPage=" + page(first).nextPageToken());
        assertEquals(BASE + "/repos?page=2&per_page=1", sent(1));
        HubList last = call("/links", "nextPage=" + page(second).nextPageToken());
        assertEquals(BASE + "/repos?page=3&per_page=1", sent(2));
        assertEquals("r3", ids(last));
        assertNull(page(last).nextPageToken(), "no rel=next");
    }

    // --- tokens ------------------------------------------------------------------------------------

    @Test
    void aTokenIsRefusedWhenGarbledAlteredOrPresentedForAnotherResourceOrInstance() {
        provider.then(request -> answer(200, "{\"results\": [" + records("a", "b") + "]}"));
        String token = page(call("/offsets", "pageSize=2")).nextPageToken();
        int sentBefore = provider.requests.size();

        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        for (String bad : List.of(altered, "p1.not-a-token", "garbage", "p1." + "A".repeat(40), token + "x")) {
            Outcome<?> refused = failure(call("/offsets", "nextPage=" + bad));
            assertTrue(assertInstanceOf(Outcome.Invalid.class, refused).message().contains("nextPage"), bad);
        }
        assertInstanceOf(Outcome.Invalid.class, failure(call("/pages", "nextPage=" + token)), "another resource");
        assertInstanceOf(Outcome.Invalid.class, failure(call(target(INSTANCE + 1), "/offsets", "nextPage=" + token)),
                "another instance of the same element");
        assertEquals(sentBefore, provider.requests.size(), "a refused token sends nothing");
    }

    @Test
    void everyNodeWithTheSameKeysReadsAnothersTokenAndARotationKeepsTokensInFlight() {
        String binding = PageTokens.binding(INSTANCE, "lists", "GET", "/offsets", "offset");
        PagePosition position = new PagePosition.Numbered(40, 20, "d1gest");
        String token = new PageTokens(List.of(KEY)).issue(binding, position);

        assertEquals(Outcome.success(position), new PageTokens(List.of(KEY)).read(binding, token), "another node");
        assertEquals(Outcome.success(position), new PageTokens(List.of(OTHER_KEY, KEY)).read(binding, token),
                "after a rotation, the previous key still opens it");
        assertInstanceOf(Outcome.Invalid.class, new PageTokens(List.of(OTHER_KEY)).read(binding, token), "another hub's key");
        assertInstanceOf(Outcome.Invalid.class, new PageTokens(List.of(KEY)).read(
                PageTokens.binding(INSTANCE, "lists", "GET", "/offsets", "page"), token), "the element now pages otherwise");
        for (PagePosition each : List.of(new PagePosition.Cursor("c:1/2", null), new PagePosition.Below("/people?page=2"),
                new PagePosition.Numbered(0, null, null))) {
            assertEquals(Outcome.success(each), new PageTokens(List.of(KEY)).read(binding, new PageTokens(List.of(KEY)).issue(binding, each)));
        }
    }

    // --- shapes and errors -------------------------------------------------------------------------

    @Test
    void aListWithoutPagingIsShapedAndItsParametersPassThrough() {
        provider.then(request -> answer(200, "{\"contacts\": [" + records("x", "y") + "], \"has_more\": false}"));
        HubList list = call("/wrapped", "pageSize=3&nextPage=n");
        assertEquals("x,y", ids(list));
        assertNull(page(list).nextPageToken());
        assertEquals(BASE + "/contacts?pageSize=3&nextPage=n", sent(0), "the element does not page: nothing is the hub's");
    }

    @Test
    void anEmptyOrMissingListIsAnEmptyPage() {
        provider.then(request -> answer(200, "{\"meta\": {}}")).then(request -> answer(200, ""))
                .then(request -> answer(200, "{\"results\": null}"));
        for (int i = 0; i < 3; i++) {
            HubList empty = call("/offsets", "");
            assertEquals(0, page(empty).records().size());
            assertNull(page(empty).nextPageToken());
        }
    }

    @Test
    void anAnswerThatIsNoListIsTheProvidersFailure() {
        provider.then(request -> answer(200, "<html>maintenance</html>"))
                .then(request -> answer(200, "{\"results\": \"none\"}"));
        Outcome<?> notJson = failure(call("/offsets", ""));
        assertEquals("<html>maintenance</html>", assertInstanceOf(Outcome.ProviderFailed.class, notJson).providerMessage());
        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class, failure(call("/offsets", ""))).message()
                .contains("no list at /results"));
    }

    @Test
    void aPageLargerThanTheBoundIsRefusedRatherThanCut() {
        provider.then(request -> answer(200, "{\"results\": [" + records("x".repeat(5000)) + "]}"));
        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class, failure(call("/offsets", ""))).message()
                .contains("smaller pageSize"));
    }

    @Test
    void aProviderErrorKeepsItsStatusAndBody() {
        provider.then(request -> answer(429, "{\"message\": \"slow down\"}", "Retry-After", "7"));
        HubList.ProviderError error = assertInstanceOf(HubList.ProviderError.class, call("/offsets", ""));
        assertEquals(429, error.status());
        assertEquals("{\"message\": \"slow down\"}", error.providerMessage());
        assertEquals("7", error.retryAfter());
        assertEquals("lists", error.elementKey());
        assertTrue(provider.responses.stream().allMatch(r -> r.closed), "every provider answer is closed");
    }

    // --- the hub's own reads -----------------------------------------------------------------------

    @Test
    void theHubsOwnReadFollowsEveryPageAndKeepsTheVendorsShape() {
        HubReads reads = new HubReads();
        reads.targets = ((ProxyService) lists.proxy).targets;
        reads.proxy = lists.proxy;
        reads.lists = lists;
        provider.then(request -> answer(200, "{\"data\": [" + records("m1", "m2") + "], \"paging\": {\"cursors\": {\"after\": \"C2\"}}}"))
                .then(request -> answer(200, "{\"data\": [" + records("m3") + "], \"paging\": {\"cursors\": {}}}"));
        ProviderResponse.Answered all = HubReadsTest.answered(reads.get(ORGANIZATION, INSTANCE,
                HubUrlTest.parsed("/hubs/crm/cursors?pageSize=2"), 10_000));
        JsonObject merged = Json.createReader(new StringReader(all.bodyText())).readObject();
        JsonArray data = merged.getJsonArray("data");
        assertEquals(List.of("m1", "m2", "m3"), data.getValuesAs(JsonObject.class).stream().map(r -> r.getString("id")).toList());
        assertTrue(merged.containsKey("paging"), "the first page's answer, its list holding every page");
        assertEquals(BASE + "/media?limit=2&after=C2", sent(1));

        provider.then(request -> answer(200, "{\"data\": [" + records("m9") + "], \"paging\": {\"cursors\": {\"after\": \"C9\"}}}"));
        int before = provider.requests.size();
        HubReadsTest.answered(reads.get(ORGANIZATION, INSTANCE, HubUrlTest.parsed("/hubs/crm/cursors?after=C5"), 10_000));
        assertEquals(before + 1, provider.requests.size(), "a URL that names its page reads that page only");

        reads.maxPages = 3;
        provider.then(request -> answer(200, "{\"data\": [" + records("z") + "], \"paging\": {\"cursors\": {\"after\": \"C" + System.nanoTime() + "\"}}}"));
        before = provider.requests.size();
        HubReadsTest.answered(reads.get(ORGANIZATION, INSTANCE, HubUrlTest.parsed("/hubs/crm/cursors"), 10_000));
        assertEquals(before + 3, provider.requests.size(), "at most max-pages pages");
    }

    @Test
    void onlyAGetWithPagingOrRootIsAList() {
        assertTrue(!ResourceMapper.find(element, "GET", "/people/7").orElseThrow().resource().isList());
        assertTrue(ResourceMapper.find(element, "GET", "/offsets").orElseThrow().resource().isList());
        assertTrue(ResourceMapper.find(element, "GET", "/wrapped").orElseThrow().resource().isList());
    }
}
