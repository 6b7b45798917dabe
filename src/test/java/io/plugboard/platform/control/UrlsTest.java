package io.plugboard.platform.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlsTest {

    /** An ordered map that, unlike Map.of, may hold null values. */
    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @Nested
    class FormEncode {

        @Test
        void spaceAsPlusAndReservedCharactersEncoded() {
            assertEquals("a+b%26c%3Dd%3Fe%2Ff%23g%2Bh%25", Urls.formEncode("a b&c=d?e/f#g+h%"));
        }

        @Test
        void unreservedCharactersKept() {
            assertEquals("AZaz09-_.*", Urls.formEncode("AZaz09-_.*"));
        }

        @Test
        void nonAsciiAsUtf8() {
            assertEquals("%C3%A9", Urls.formEncode("\u00e9"));
        }
    }

    @Nested
    class WithQuery {

        @Test
        void addsAQueryToAUrlWithout() {
            assertEquals("https://example.com/auth?client_id=abc&state=xyz",
                    Urls.withQuery("https://example.com/auth", params("client_id", "abc", "state", "xyz")));
        }

        @Test
        void keepsParameterOrder() {
            assertEquals("https://example.com/?z=1&a=2&m=3",
                    Urls.withQuery("https://example.com/", params("z", "1", "a", "2", "m", "3")));
        }

        @Test
        void appendsToAnExistingQuery() {
            assertEquals("https://example.com/auth?x=1&state=s",
                    Urls.withQuery("https://example.com/auth?x=1", params("state", "s")));
        }

        @Test
        void trailingQuestionMarkIsNotDoubled() {
            assertEquals("https://example.com/auth?state=s",
                    Urls.withQuery("https://example.com/auth?", params("state", "s")));
        }

        @Test
        void trailingAmpersandIsNotDoubled() {
            assertEquals("https://example.com/auth?x=1&state=s",
                    Urls.withQuery("https://example.com/auth?x=1&", params("state", "s")));
        }

        @Test
        void fragmentStaysAtTheEnd() {
            assertEquals("https://example.com/cb?state=s#top",
                    Urls.withQuery("https://example.com/cb#top", params("state", "s")));
            assertEquals("https://example.com/cb?x=1&state=s#top",
                    Urls.withQuery("https://example.com/cb?x=1#top", params("state", "s")));
        }

        @Test
        void questionMarkInsideTheFragmentIsNotAQuery() {
            assertEquals("https://example.com/cb?state=s#a?b",
                    Urls.withQuery("https://example.com/cb#a?b", params("state", "s")));
        }

        @Test
        void nullValuesAreSkipped() {
            assertEquals("https://example.com/a?x=1&z=3",
                    Urls.withQuery("https://example.com/a", params("x", "1", "y", null, "z", "3")));
        }

        @Test
        void emptyValueIsKept() {
            assertEquals("https://example.com/a?x=",
                    Urls.withQuery("https://example.com/a", params("x", "")));
        }

        @Test
        void onlyNullValuesLeaveTheUrlUnchanged() {
            assertEquals("https://example.com/a#f",
                    Urls.withQuery("https://example.com/a#f", params("x", null)));
        }

        @Test
        void noParametersLeaveTheUrlUnchanged() {
            assertEquals("https://example.com/a?", Urls.withQuery("https://example.com/a?", Map.of()));
        }

        @Test
        void spacesAsPlusAndReservedCharactersEncodedInNamesAndValues() {
            assertEquals("https://example.com/a?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fa%3D1%26b%3D2"
                            + "&scope=read+write&a+b%26c=%23%25%2B",
                    Urls.withQuery("https://example.com/a", params(
                            "redirect_uri", "https://app.example.com/cb?a=1&b=2",
                            "scope", "read write",
                            "a b&c", "#%+")));
        }

        @Test
        void resultRoundTripsThroughFormDecode() {
            Map<String, String> parameters = params("redirect_uri", "https://x.example/cb?a=1&b=2", "scope", "a b+c", "e", "\u00e9");
            String url = Urls.withQuery("https://example.com/a", parameters);
            String query = URI.create(url).getRawQuery();
            assertEquals(parameters, Urls.formDecode(query));
        }
    }

    @Nested
    class FormDecode {

        @Test
        void decodesPairsInOrder() {
            Map<String, String> decoded = Urls.formDecode("oauth_token=abc&oauth_token_secret=def&oauth_callback_confirmed=true");
            assertEquals(List.of("oauth_token", "oauth_token_secret", "oauth_callback_confirmed"), List.copyOf(decoded.keySet()));
            assertEquals("abc", decoded.get("oauth_token"));
            assertEquals("def", decoded.get("oauth_token_secret"));
            assertEquals("true", decoded.get("oauth_callback_confirmed"));
        }

        @Test
        void plusIsASpace() {
            assertEquals(Map.of("scope", "read write"), Urls.formDecode("scope=read+write"));
        }

        @Test
        void percentDecodingOfNamesAndValues() {
            assertEquals(Map.of("a b", "x/y&z=+\u00e9"), Urls.formDecode("a%20b=x%2Fy%26z%3D%2B%C3%A9"));
        }

        @Test
        void equalsSignsAfterTheFirstBelongToTheValue() {
            assertEquals(Map.of("sig", "ab=="), Urls.formDecode("sig=ab=="));
        }

        @Test
        void emptyValue() {
            assertEquals(Map.of("a", "", "b", "2"), Urls.formDecode("a=&b=2"));
        }

        @Test
        void nameWithoutEqualsHasAnEmptyValue() {
            assertEquals(Map.of("flag", "", "b", "2"), Urls.formDecode("flag&b=2"));
        }

        @Test
        void emptyPairsAreSkipped() {
            assertEquals(Map.of("a", "1", "b", "2"), Urls.formDecode("&a=1&&b=2&"));
        }

        @Test
        void lastValueWinsForARepeatedName() {
            assertEquals(Map.of("a", "2"), Urls.formDecode("a=1&a=2"));
        }

        @Test
        void surroundingWhitespaceIsIgnored() {
            assertEquals(Map.of("a", "1", "b", "2"), Urls.formDecode("  a=1&b=2\r\n"));
        }

        /**
         * A provider's malformed percent escape must not escape as an exception: the raw text is kept.
         */
        @ParameterizedTest
        @ValueSource(strings = {"oauth_token=a&oauth_token_secret=100%", "a=%zz", "%=1"})
        void malformedEscapeDoesNotThrow(String input) {
            assertDoesNotThrow(() -> Urls.formDecode(input));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\n", " \t "})
        void blankInputGivesNoValues(String input) {
            assertTrue(Urls.formDecode(input).isEmpty());
        }
    }

    @Nested
    class HttpUrl {

        @ParameterizedTest
        @ValueSource(strings = {
                "http://example.com",
                "https://example.com",
                "https://shop.example.com/api/rest?x=1#f",
                "http://localhost:8080/path",
                "https://127.0.0.1:8443/",
                "HTTPS://Example.COM/a"})
        void acceptsHttpAndHttpsWithAHost(String value) {
            URI uri = Urls.httpUrl(value).orElseThrow(() -> new AssertionError(value + " should be accepted"));
            assertEquals(URI.create(value), uri);
        }

        @Test
        void surroundingWhitespaceIsStripped() {
            assertEquals(URI.create("https://example.com/a"), Urls.httpUrl("  https://example.com/a\n").orElseThrow());
        }

        @Test
        void keepsHostAndPort() {
            URI uri = Urls.httpUrl("https://shop.example.com:8443/x").orElseThrow();
            assertEquals("shop.example.com", uri.getHost());
            assertEquals(8443, uri.getPort());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "ftp://example.com/file",
                "file:///etc/passwd",
                "file://host/etc/passwd",
                "mailto:someone@example.com",
                "javascript:alert(1)",
                "/relative/path",
                "relative/path",
                "//example.com/no-scheme",
                "example.com",
                "http:example.com",
                "http://",
                "https:///path-only",
                "https://exa mple.com",
                "not a url at all",
                "%%%",
                "http://[bad"})
        void rejects(String value) {
            assertTrue(Urls.httpUrl(value).isEmpty(), () -> value + " should be rejected");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\t\n"})
        void rejectsBlank(String value) {
            assertTrue(Urls.httpUrl(value).isEmpty());
        }
    }
}
