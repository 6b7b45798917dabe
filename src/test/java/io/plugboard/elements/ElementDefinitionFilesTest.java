package io.plugboard.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped element catalog: every file the index lists conforms to {@code element.schema.json}
 * and to the rules a schema cannot express.
 */
class ElementDefinitionFilesTest {

    static final String SCHEMA_RESOURCE = "/elements/element.schema.json";
    static final String CATALOG_RESOURCE = "/elements/catalog/";
    static final String INDEX_RESOURCE = CATALOG_RESOURCE + "index.txt";
    static final Path CATALOG_SOURCE_DIR = Path.of("src/main/resources/elements/catalog");

    /** {@code {name}} in a template; names hold no braces or whitespace. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");

    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonSchema schema;
    /** File name to parsed definition, in index order. */
    static Map<String, JsonNode> catalog;

    @BeforeAll
    static void load() {
        try (InputStream in = resource(SCHEMA_RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalog = new LinkedHashMap<>();
        for (String file : indexEntries()) {
            try (InputStream in = resource(CATALOG_RESOURCE + file)) {
                catalog.put(file, MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot parse " + file, e);
            }
        }
    }

    // ---------------------------------------------------------------- per file

    @TestFactory
    Stream<DynamicTest> everyIndexedFileConformsToTheSchema() {
        return catalog.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Set<ValidationMessage> errors = schema.validate(entry.getValue());
            assertTrue(errors.isEmpty(), () -> entry.getKey() + " violates the schema: " + errors);
        }));
    }

    @TestFactory
    Stream<DynamicTest> configurationKeysAreUniquePerElement() {
        return perElement(ElementDefinitionFilesTest::duplicateConfigurationKeys);
    }

    static List<String> duplicateConfigurationKeys(JsonNode element) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode entry : element.path("configuration")) {
            String key = entry.path("key").asText();
            if (!seen.add(key)) {
                duplicates.add(key);
            }
        }
        return duplicates.stream().map(key -> "configuration key defined twice: " + key).toList();
    }

    @TestFactory
    Stream<DynamicTest> defaultValuePlaceholdersNameAnotherConfigurationKey() {
        return perElement(ElementDefinitionFilesTest::undefinedPlaceholders);
    }

    static List<String> undefinedPlaceholders(JsonNode element) {
        Set<String> keys = configurationKeys(element);
        List<String> problems = new ArrayList<>();
        for (JsonNode entry : element.path("configuration")) {
            JsonNode defaultValue = entry.path("defaultValue");
            if (!defaultValue.isTextual()) {
                continue;
            }
            String key = entry.path("key").asText();
            for (String placeholder : placeholders(defaultValue.asText())) {
                if (placeholder.equals(key)) {
                    problems.add(key + " refers to itself: " + defaultValue.asText());
                } else if (!keys.contains(placeholder)) {
                    problems.add(key + " refers to undefined configuration {" + placeholder + "}: "
                            + defaultValue.asText());
                }
            }
        }
        return problems;
    }

    @TestFactory
    Stream<DynamicTest> pathTemplatesAndPathParametersMatch() {
        return perElement(ElementDefinitionFilesTest::pathParameterMismatches);
    }

    static List<String> pathParameterMismatches(JsonNode element) {
        List<String> problems = new ArrayList<>();
        for (JsonNode resource : element.path("resources")) {
            String path = resource.path("path").asText();
            String vendorPath = resource.path("vendorPath").asText();
            String where = resource.path("method").asText() + " " + path;
            Map<String, JsonNode> pathParameters = new HashMap<>();
            for (JsonNode parameter : resource.path("parameters")) {
                if ("path".equals(parameter.path("type").asText())) {
                    pathParameters.put(parameter.path("name").asText(), parameter);
                }
            }
            List<String> pathNames = placeholders(path);
            List<String> vendorNames = placeholders(vendorPath);
            for (String name : pathNames) {
                JsonNode parameter = pathParameters.get(name);
                if (parameter == null) {
                    problems.add(where + ": no parameter of type path named " + name);
                    continue;
                }
                String vendorName = parameter.path("vendorName").asText();
                if (!vendorNames.contains(vendorName)) {
                    problems.add(where + ": parameter " + name + " maps to {" + vendorName
                            + "}, which vendorPath " + vendorPath + " lacks");
                }
                if (!"path".equals(parameter.path("vendorType").asText())) {
                    problems.add(where + ": path parameter " + name + " must have vendorType path");
                }
            }
            for (String name : pathParameters.keySet()) {
                if (!pathNames.contains(name)) {
                    problems.add(where + ": path parameter " + name + " does not occur in the path");
                }
            }
            Set<String> suppliedVendorNames = resourceVendorPathNames(resource);
            for (String vendorName : vendorNames) {
                if (!suppliedVendorNames.contains(vendorName)) {
                    problems.add(where + ": nothing supplies {" + vendorName + "} of vendorPath " + vendorPath);
                }
            }
            if (new HashSet<>(pathNames).size() != pathNames.size()) {
                problems.add(where + ": a path placeholder occurs twice");
            }
        }
        return problems;
    }

    @TestFactory
    Stream<DynamicTest> resourcesAreUniqueByMethodAndPath() {
        return perElement(ElementDefinitionFilesTest::duplicateRoutes);
    }

    static List<String> duplicateRoutes(JsonNode element) {
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode resource : element.path("resources")) {
            // {id} and {listId} in the same position are the same route
            String route = resource.path("method").asText() + " "
                    + PLACEHOLDER.matcher(resource.path("path").asText()).replaceAll("{}");
            if (!seen.add(route)) {
                problems.add("two resources answer " + route);
            }
        }
        return problems;
    }

    @TestFactory
    Stream<DynamicTest> oauthElementsDefineTheirEndpoints() {
        return perElement(ElementDefinitionFilesTest::missingOAuthEndpoints);
    }

    static List<String> missingOAuthEndpoints(JsonNode element) {
        String type = element.path("authentication").path("type").asText();
        List<String> needed = switch (type) {
            case "oauth2" -> List.of("oauth.authorization.url", "oauth.token.url");
            case "oauth1" -> List.of("oauth.request.url", "oauth.authorization.url", "oauth.token.url");
            default -> List.of();
        };
        Set<String> keys = configurationKeys(element);
        return needed.stream()
                .filter(key -> !keys.contains(key))
                .map(key -> type + " element without configuration " + key)
                .toList();
    }

    // ---------------------------------------------------------------- whole catalog

    @Test
    void catalogIsNotEmpty() {
        assertFalse(catalog.isEmpty(), INDEX_RESOURCE + " lists no element");
    }

    @Test
    void idsKeysAndAliasesAreUniqueAcrossTheCatalog() {
        Map<Long, String> ids = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> problems = new ArrayList<>();
        catalog.forEach((file, element) -> {
            long id = element.path("id").asLong();
            String previous = ids.putIfAbsent(id, file);
            if (previous != null) {
                problems.add("id " + id + " in both " + previous + " and " + file);
            }
            List<String> keyAndAliases = new ArrayList<>();
            keyAndAliases.add(element.path("key").asText());
            element.path("aliases").forEach(alias -> keyAndAliases.add(alias.asText()));
            for (String name : keyAndAliases) {
                String owner = names.putIfAbsent(name, file);
                if (owner != null) {
                    problems.add("key or alias '" + name + "' in both " + owner + " and " + file);
                }
            }
        });
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void fileNamesAreTheElementKeys() {
        catalog.forEach((file, element) ->
                assertEquals(element.path("key").asText() + ".json", file, "file name of element " + file));
    }

    @Test
    void indexListsExactlyTheCatalogFiles() throws IOException {
        List<String> indexed = indexEntries();
        assertEquals(indexed.size(), new HashSet<>(indexed).size(), "index.txt lists a file twice: " + indexed);
        Set<String> present;
        try (Stream<Path> files = Files.list(CATALOG_SOURCE_DIR)) {
            present = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, new TreeSet<>(indexed),
                "index.txt must list exactly the .json files of " + CATALOG_SOURCE_DIR);
    }

    // ---------------------------------------------------------------- the schema bites

    @Test
    void definitionWithoutAuthenticationFailsTheSchema() {
        ObjectNode broken = firstDefinitionCopy();
        broken.remove("authentication");
        assertSchemaRejects(broken, "authentication");
    }

    @Test
    void definitionWithUnknownTopLevelPropertyFailsTheSchema() {
        ObjectNode broken = firstDefinitionCopy();
        broken.put("providerSpecificFlag", true);
        assertSchemaRejects(broken, "providerSpecificFlag");
    }

    @Test
    void definitionWithBadNestedValuesFailsTheSchema() {
        ObjectNode badAuthentication = firstDefinitionCopy();
        ((ObjectNode) badAuthentication.get("authentication")).put("type", "oauth3");
        assertSchemaRejects(badAuthentication, "oauth3");

        ObjectNode badKey = firstDefinitionCopy();
        badKey.put("key", "Not A Key");
        assertSchemaRejects(badKey, "key");

        ObjectNode badConfiguration = firstDefinitionCopy();
        ((ObjectNode) badConfiguration.get("configuration").get(0)).put("type", "DROPDOWN");
        assertSchemaRejects(badConfiguration, "DROPDOWN");

        ObjectNode badResource = firstDefinitionCopy();
        ((ArrayNode) badResource.get("resources")).addObject()
                .put("path", "no-leading-slash").put("method", "GET")
                .put("vendorPath", "/x").put("vendorMethod", "GET");
        assertSchemaRejects(badResource, "no-leading-slash");
    }

    @Test
    void semanticRulesCatchBrokenDefinitions() {
        assertEquals(List.of("store.url"), placeholders("{store.url}/api/rest"));
        assertEquals(List.of("shop_id", "listing_id"), placeholders("/shops/{shop_id}/listings/{listing_id}"));
        assertEquals(List.of(), placeholders("https://example.com/v2"));

        ObjectNode element = (ObjectNode) MAPPER.valueToTree(Map.of(
                "authentication", Map.of("type", "oauth1"),
                "configuration", List.of(
                        Map.of("key", "store.url"),
                        Map.of("key", "store.url"),
                        Map.of("key", "base.url", "defaultValue", "{store.url}/api/{version}"),
                        Map.of("key", "oauth.token.url", "defaultValue", "{oauth.token.url}/again")),
                "resources", List.of(
                        Map.of("method", "GET", "path", "/lists/{id}", "vendorPath", "/list/{listId}",
                                "parameters", List.of(Map.of("name", "id", "vendorName", "list_id",
                                        "type", "path", "vendorType", "path"))),
                        Map.of("method", "GET", "path", "/lists/{other}", "vendorPath", "/list/{listId}",
                                "parameters", List.of()))));

        assertEquals(List.of("configuration key defined twice: store.url"), duplicateConfigurationKeys(element));
        assertEquals(2, undefinedPlaceholders(element).size(), () -> undefinedPlaceholders(element).toString());
        List<String> pathProblems = pathParameterMismatches(element);
        assertTrue(pathProblems.stream().anyMatch(problem -> problem.contains("maps to {list_id}")), pathProblems::toString);
        assertTrue(pathProblems.stream().anyMatch(problem -> problem.contains("no parameter of type path named other")),
                pathProblems::toString);
        assertTrue(pathProblems.stream().anyMatch(problem -> problem.contains("nothing supplies {listId}")),
                pathProblems::toString);
        assertEquals(List.of("two resources answer GET /lists/{}"), duplicateRoutes(element));
        assertEquals(List.of("oauth1 element without configuration oauth.request.url",
                "oauth1 element without configuration oauth.authorization.url"), missingOAuthEndpoints(element));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertSchemaRejects(JsonNode definition, String what) {
        Set<ValidationMessage> errors = schema.validate(definition);
        assertFalse(errors.isEmpty(), "the schema accepted a definition with a bad " + what);
    }

    private static ObjectNode firstDefinitionCopy() {
        JsonNode first = catalog.values().iterator().next();
        assertTrue(schema.validate(first).isEmpty(), "the first catalog file must be valid to start from");
        return (ObjectNode) first.deepCopy();
    }

    private static Stream<DynamicTest> perElement(java.util.function.Function<JsonNode, List<String>> rule) {
        return catalog.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            List<String> problems = rule.apply(entry.getValue());
            if (!problems.isEmpty()) {
                fail(entry.getKey() + ":\n  " + String.join("\n  ", problems));
            }
        }));
    }

    private static Set<String> configurationKeys(JsonNode element) {
        Set<String> keys = new HashSet<>();
        element.path("configuration").forEach(entry -> keys.add(entry.path("key").asText()));
        return keys;
    }

    private static Set<String> resourceVendorPathNames(JsonNode resource) {
        Set<String> names = new HashSet<>();
        for (JsonNode parameter : resource.path("parameters")) {
            if ("path".equals(parameter.path("vendorType").asText())) {
                names.add(parameter.path("vendorName").asText());
            }
        }
        return names;
    }

    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The index: one file name a line (blank lines ignored). */
    static List<String> indexEntries() {
        try (InputStream in = resource(INDEX_RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = ElementDefinitionFilesTest.class.getResourceAsStream(name);
        assertNotNull(in, "missing classpath resource " + name);
        return in;
    }
}
