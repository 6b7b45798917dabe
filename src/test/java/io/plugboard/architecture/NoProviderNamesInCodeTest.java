package io.plugboard.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Providers are data: the code branches on an element's authentication type and configuration,
 * never on a provider's name. Fails when a shipped element's key or alias, or a provider's brand
 * or domain name, appears anywhere in {@code src/main/java} (code, strings or comments).
 *
 * <p>Matching is case-insensitive inside every run of letters and digits ({@code EtsyClient},
 * {@code ETSY_KEY}, {@code "api.getbase.com"} all count), except where the match straddles a
 * camelCase hump: {@code getSystem} does not contain "etsy", {@code getBaseUrl} does not contain
 * "getbase", {@code extractOne} does not contain "acton".
 *
 * <p>A key that is an ordinary programming word ({@link #GENERIC_WORD_KEYS}) cannot be banned as
 * a word, or {@code base.url} and {@code Base64} would fail: such a key only counts as the whole
 * string literal (for instance {@code "base"}), which is how code would single the element out.
 */
class NoProviderNamesInCodeTest {

    static final Path MAIN_SOURCES = Path.of("src/main/java");
    static final String CATALOG = "/elements/catalog/";

    /** Brand and domain names of the providers the catalog ships, beyond their element keys. */
    static final Set<String> PROVIDER_NAMES =
            Set.of("etsy", "instagram", "magento", "acton", "basecrm", "getbase", "actonsoftware", "hubspot", "hubapi",
                    "notion.so", "notion.com", "monday.com", "googleapis", "box.com", "boxcloud", "linear.app",
                    "myshopify", "mybigcommerce", "intuit", "microsoft", "microsoftonline", "stripe.com",
                    "slack.com", "zoom.us",
                    "salesforce", "zoho", "zohoapis", "dynamics365", "mktorest", "freshworks", "atlassian", "service-now");

    /** Element keys that are also everyday words in code. */
    static final Set<String> GENERIC_WORD_KEYS = Set.of("base", "notion", "monday", "box", "linear", "github", "stripe", "slack", "zoom");

    private static final Pattern ALPHANUMERIC_RUN = Pattern.compile("[\\p{L}\\p{N}]+");

    @Test
    void mainSourcesNameNoProvider() throws IOException {
        Set<String> terms = forbiddenTerms();
        if (!Files.isDirectory(MAIN_SOURCES)) {
            return; // nothing written yet, nothing to break the rule
        }
        List<String> violations = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String term : findProviderNames(lines.get(i), terms)) {
                    violations.add(source + ":" + (i + 1) + ": '" + term + "' in: " + lines.get(i).strip());
                }
            }
        }
        if (!violations.isEmpty()) {
            fail("Providers are data (src/main/resources/elements/catalog); code must not name them. "
                    + "Branch on authentication type or configuration instead:\n  "
                    + String.join("\n  ", violations));
        }
    }

    @Test
    void forbiddenTermsComeFromTheCatalog() {
        Set<String> terms = forbiddenTerms();
        assertTrue(terms.containsAll(PROVIDER_NAMES), terms::toString);
        // element keys and aliases read from the shipped files, not only the fixed list
        assertTrue(terms.contains("base"), terms::toString);
        assertTrue(terms.size() > PROVIDER_NAMES.size(), terms::toString);
    }

    @Test
    void matcherFindsProviderNamesAndSparesOrdinaryCode() {
        Set<String> terms = new TreeSet<>(PROVIDER_NAMES);
        terms.addAll(GENERIC_WORD_KEYS);
        // caught
        assertEquals(List.of("etsy"), findProviderNames("if (key.equals(\"etsy\")) {", terms));
        assertEquals(List.of("etsy"), findProviderNames("class EtsyClient {", terms));
        assertEquals(List.of("etsy"), findProviderNames("static final String ETSY_KEY = \"x\";", terms));
        assertEquals(List.of("etsy"), findProviderNames("boolean isEtsy = true;", terms));
        assertEquals(List.of("instagram"), findProviderNames("// Instagram needs this", terms));
        assertEquals(List.of("magento"), findProviderNames("var magentoStore = 1;", terms));
        assertEquals(List.of("acton", "actonsoftware"),
                findProviderNames("URI.create(\"https://restapi.actonsoftware.com\")", terms));
        assertEquals(List.of("getbase"), findProviderNames("\"https://api.getbase.com/v2\"", terms));
        assertEquals(List.of("basecrm"), findProviderNames("if (basecrm) {}", terms));
        assertEquals(List.of("base"), findProviderNames("case \"base\" -> basicAuth();", terms));
        assertEquals(List.of("base"), findProviderNames("\"BASE\".equalsIgnoreCase(key)", terms));
        // spared
        assertEquals(List.of(), findProviderNames("String baseUrl = config.get(\"base.url\");", terms));
        assertEquals(List.of(), findProviderNames("URI base = getBaseUrl(); // the base URL", terms));
        assertEquals(List.of(), findProviderNames("ClassLoader.getSystemClassLoader(); database()", terms));
        assertEquals(List.of(), findProviderNames("Base64.getEncoder(); targetBase = extractOne(x);", terms));
        assertEquals(List.of(), findProviderNames("transaction, action, redaction, BaseCrmless", Set.of("acton")));
    }

    /** The terms found in one line of source, each once, in alphabetical order. */
    static List<String> findProviderNames(String line, Set<String> terms) {
        Set<String> found = new TreeSet<>();
        for (String term : terms) {
            if (GENERIC_WORD_KEYS.contains(term)) {
                if (Pattern.compile("\"" + Pattern.quote(term) + "\"", Pattern.CASE_INSENSITIVE)
                        .matcher(line).find()) {
                    found.add(term);
                }
            } else if (!isAlphanumeric(term)) {
                // a key such as "my-crm": its separators make it distinctive enough as it is
                if (line.toLowerCase(Locale.ROOT).contains(term)) {
                    found.add(term);
                }
            } else if (ALPHANUMERIC_RUN.matcher(line).results()
                    .anyMatch(run -> containsWithinOneWord(run.group(), term))) {
                found.add(term);
            }
        }
        return new ArrayList<>(found);
    }

    /** Whether {@code run} contains {@code term}, ignoring case, with no camelCase hump inside the match. */
    static boolean containsWithinOneWord(String run, String term) {
        String lower = run.toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
            boolean hump = false;
            for (int i = at + 1; i < at + term.length(); i++) {
                if (Character.isLowerCase(run.charAt(i - 1)) && Character.isUpperCase(run.charAt(i))) {
                    hump = true;
                    break;
                }
            }
            if (!hump) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAlphanumeric(String term) {
        return ALPHANUMERIC_RUN.matcher(term).matches();
    }

    /** Every shipped element's key and aliases, plus {@link #PROVIDER_NAMES}, lower case. */
    static Set<String> forbiddenTerms() {
        Set<String> terms = new TreeSet<>(PROVIDER_NAMES);
        ObjectMapper mapper = new ObjectMapper();
        for (String file : catalogFiles()) {
            try (InputStream in = resource(CATALOG + file)) {
                JsonNode element = mapper.readTree(in);
                String key = element.path("key").asText();
                assertFalse(key.isBlank(), file + " has no key");
                terms.add(key.toLowerCase(Locale.ROOT));
                element.path("aliases").forEach(alias -> terms.add(alias.asText().toLowerCase(Locale.ROOT)));
            } catch (IOException e) {
                throw new UncheckedIOException(file, e);
            }
        }
        return terms;
    }

    private static List<String> catalogFiles() {
        try (InputStream in = resource(CATALOG + "index.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> files = reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            assertFalse(files.isEmpty(), "the catalog index lists no element");
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = NoProviderNamesInCodeTest.class.getResourceAsStream(name);
        assertNotNull(in, "missing classpath resource " + name);
        return in;
    }
}
