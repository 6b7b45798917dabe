package io.plugboard.elements.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plugboard.elements.control.ConfigTemplates.Resolution;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfigTemplatesTest {

    private static String resolved(String template, Map<String, String> values) {
        Resolution resolution = ConfigTemplates.resolve(template, values);
        return assertInstanceOf(Resolution.Resolved.class, resolution,
                () -> "expected '" + template + "' to resolve, got " + resolution).value();
    }

    private static List<String> missing(String template, Map<String, String> values) {
        Resolution resolution = ConfigTemplates.resolve(template, values);
        return assertInstanceOf(Resolution.Unresolved.class, resolution,
                () -> "expected '" + template + "' not to resolve, got " + resolution).missing();
    }

    @Nested
    class Resolve {

        @Test
        void simplePlaceholder() {
            assertEquals("https://shop.example.com/api/rest",
                    resolved("{store.url}/api/rest", Map.of("store.url", "https://shop.example.com")));
        }

        @Test
        void templateWithoutPlaceholdersIsUnchanged() {
            assertEquals("https://example.com/a", resolved("https://example.com/a", Map.of("x", "y")));
        }

        @Test
        void emptyTemplate() {
            assertEquals("", resolved("", Map.of()));
        }

        @Test
        void severalPlaceholdersAndTheSameOneTwice() {
            assertEquals("a-b-a", resolved("{x}-{y}-{x}", Map.of("x", "a", "y", "b")));
        }

        @Test
        void namesMayHoldDigitsUnderscoresDotsAndDashes() {
            assertEquals("v", resolved("{A_b.c-9}", Map.of("A_b.c-9", "v")));
        }

        @Test
        void braceTextThatIsNotAPlaceholderIsKept() {
            assertEquals("{not a name}/{}", resolved("{not a name}/{}", Map.of()));
        }

        @Test
        void nestedTemplatesResolveRecursively() {
            Map<String, String> values = Map.of(
                    "store.url", "https://shop.example.com",
                    "base.url", "{store.url}/api/rest",
                    "token.url", "{base.url}/oauth/token");
            assertEquals("https://shop.example.com/api/rest/oauth/token", resolved("{token.url}", values));
        }

        @Test
        void chainWithinTheDepthLimitResolves() {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < 7; i++) {
                values.put("k" + i, "{k" + (i + 1) + "}");
            }
            values.put("k7", "end");
            assertEquals("end", resolved("{k0}", values));
        }

        @Test
        void functionVariantIsConsulted() {
            Resolution resolution = ConfigTemplates.resolve("{a}/{b}", name -> name.toUpperCase());
            assertEquals(new Resolution.Resolved("A/B"), resolution);
        }

        @Test
        void nullTemplateResolvesToNull() {
            Resolution resolution = ConfigTemplates.resolve(null, Map.of());
            assertNull(assertInstanceOf(Resolution.Resolved.class, resolution).value());
        }

        @Test
        void dollarAndBackslashInValuesAreCopiedLiterally() {
            assertEquals("pa$1word\\n/$", resolved("{secret}/{other}", Map.of("secret", "pa$1word\\n", "other", "$")));
        }

        @Test
        void dollarAndBackslashInNestedValuesAreCopiedLiterally() {
            Map<String, String> values = Map.of("outer", "x{inner}y", "inner", "$0\\$g");
            assertEquals("[x$0\\$gy]", resolved("[{outer}]", values));
        }

        @Test
        void dollarInTheTemplateOutsidePlaceholdersIsKept() {
            assertEquals("$5 for a", resolved("$5 for {x}", Map.of("x", "a")));
        }
    }

    @Nested
    class Missing {

        @Test
        void missingPlaceholderIsReported() {
            assertEquals(List.of("store.url"), missing("{store.url}/api/rest", Map.of()));
        }

        @Test
        void blankValueCountsAsMissing() {
            assertEquals(List.of("store.url"), missing("{store.url}/api/rest", Map.of("store.url", "  ")));
        }

        @Test
        void eachMissingNameListedOnceInOrderOfFirstAppearance() {
            assertEquals(List.of("b", "a", "c"),
                    missing("{b}/{a}/{known}/{b}/{c}/{a}", Map.of("known", "k")));
        }

        @Test
        void missingInsideANestedValueNamesTheInnerPlaceholder() {
            Map<String, String> values = Map.of("base.url", "{store.url}/api/rest");
            assertEquals(List.of("store.url"), missing("{base.url}/x", values));
        }

        @Test
        void missingListIsImmutable() {
            List<String> names = missing("{a}", Map.of());
            try {
                names.add("b");
            } catch (UnsupportedOperationException expected) {
                return;
            }
            throw new AssertionError("missing() should be an unmodifiable list");
        }

        @Test
        void twoValueCycleTerminatesUnresolved() {
            Map<String, String> values = Map.of("a", "{b}", "b", "{a}");
            List<String> names = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> missing("{a}", values));
            assertFalse(names.isEmpty());
            assertTrue(Set.of("a", "b").containsAll(names), names::toString);
        }

        @Test
        void selfReferenceTerminatesUnresolved() {
            Map<String, String> values = Map.of("a", "x{a}");
            List<String> names = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> missing("{a}", values));
            assertEquals(List.of("a"), names);
        }

        @Test
        void fanOutCycleTerminates() {
            // Each level doubles the placeholders: a naive recursion without a depth limit would never end.
            Map<String, String> values = Map.of("a", "{a}{a}");
            List<String> names = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> missing("{a}", values));
            assertEquals(List.of("a"), names);
        }
    }

    @Nested
    class Placeholders {

        @Test
        void namesInOrderWithoutDuplicates() {
            assertEquals(List.of("store.url", "b", "a"),
                    List.copyOf(ConfigTemplates.placeholders("{store.url}/{b}?x={a}&y={b}")));
        }

        @Test
        void noneInPlainText() {
            assertTrue(ConfigTemplates.placeholders("https://example.com/{}/{with space}").isEmpty());
        }

        @Test
        void onlyTheOuterTextIsScanned() {
            // Placeholders are not resolved here: a nested value's names are its own.
            assertEquals(Set.of("x"), ConfigTemplates.placeholders("{x}"));
        }
    }
}
