package io.plugboard.proxy.control;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 8288 {@code Link} fields read by their grammar ({@link LinkHeaders}), and a vendor's next
 * URL judged against {@code base.url} ({@link NextUrls#under}): the two halves of following a
 * next page the vendor names.
 */
class LinkHeadersTest {

    @Test
    void theNextRelationIsFoundAmongOthersInAnyFormAndCase() {
        assertEquals(Optional.of("https://api.x.test/items?page=3&per_page=2"), LinkHeaders.next(List.of(
                "<https://api.x.test/items?page=1>; rel=\"first\", <https://api.x.test/items?page=3&per_page=2>; rel=\"next\"")));
        assertEquals(Optional.of("/items?page=2"), LinkHeaders.next(List.of("</items?page=2>;rel=next")), "unquoted, no spaces");
        assertEquals(Optional.of("b"), LinkHeaders.next(List.of("<a>; rel=\"prev\"", "<b>; REL=\"Last NEXT\"")),
                "several fields, several relation types, any case");
    }

    @Test
    void commasAndSemicolonsInsideTheUriOrAQuotedParameterDoNotSplitALink() {
        assertEquals(Optional.of("https://api.x.test/a;v=1?ids=1,2"), LinkHeaders.next(List.of(
                "<https://api.x.test/p>; title=\"one, two; rel=next\"; rel=\"prev\", <https://api.x.test/a;v=1?ids=1,2>; rel=\"next\"")));
        assertEquals(Optional.of("c"), LinkHeaders.next(List.of("<c>; title=\"say \\\"next\\\"\"; rel=next")));
    }

    @Test
    void noNextOrAMalformedFieldIsNoNext() {
        assertEquals(Optional.empty(), LinkHeaders.next(List.of("<https://api.x.test/1>; rel=\"last\"")));
        assertEquals(Optional.empty(), LinkHeaders.next(List.of("https://api.x.test/2; rel=next")));
        assertEquals(Optional.empty(), LinkHeaders.next(List.of("<https://api.x.test/2; rel=next")));
        assertEquals(Optional.empty(), LinkHeaders.next(List.of("<>; rel=next")));
        assertEquals(Optional.empty(), LinkHeaders.next(List.of("<https://api.x.test/2>; rel=\"nextpage\"")));
        assertEquals(Optional.empty(), LinkHeaders.next(List.of()));
    }

    @Test
    void aNextUrlIsUnderBaseUrlOnlyWithTheSameOriginAndTheWholeBasePath() {
        URI base = URI.create("https://api.x.test/v2");
        assertTrue(NextUrls.under(URI.create("https://api.x.test/v2/items?page=2"), base));
        assertTrue(NextUrls.under(URI.create("https://API.X.test:443/v2"), base), "host case and the default port");
        assertTrue(NextUrls.under(URI.create("HTTPS://api.x.test/v2/items"), base), "scheme case");
        assertFalse(NextUrls.under(URI.create("https://api.x.test/v2x/items"), base), "a longer segment is no prefix");
        assertFalse(NextUrls.under(URI.create("https://api.x.test/items"), base));
        assertFalse(NextUrls.under(URI.create("http://api.x.test/v2/items"), base));
        assertFalse(NextUrls.under(URI.create("https://api.x.test:8443/v2/items"), base));
        assertFalse(NextUrls.under(URI.create("https://api.x.test.evil.test/v2/items"), base));
        assertFalse(NextUrls.under(URI.create("https://me@api.x.test/v2/items"), base), "user info");
        assertFalse(NextUrls.under(URI.create("mailto:ops@api.x.test"), base));
        assertTrue(NextUrls.under(URI.create("https://api.x.test/anything"), URI.create("https://api.x.test/")),
                "a base without a path covers the host");
    }

    @Test
    void whatIsKeptOfANextUrlIsThePartBelowBaseUrl() {
        var checked = NextUrls.check("https://api.x.test/v2/items?page=2&q=a%20b", URI.create("https://api.x.test/v2/items"),
                Map.of("base.url", "https://api.x.test/v2/"), new io.plugboard.platform.control.EgressGuard() {
                    @Override
                    public Verdict check(URI uri, boolean httpAllowed) {
                        return new Verdict.Allowed(uri);
                    }
                });
        assertEquals(io.plugboard.platform.control.Outcome.success(new PagePosition.Below("/items?page=2&q=a%20b")), checked);
    }
}
