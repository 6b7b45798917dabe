package io.plugboard.elements.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.elements.entity.ElementDefinition.Paging;
import io.plugboard.elements.entity.ElementDefinition.ParameterDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ElementRulesTest {

    static final String KEY_PROBLEM = "key is required: lower-case letters, digits, '-' and '_' (at most 100)";
    static final String AUTH_PROBLEM = "authentication.type is required: one of oauth1, oauth2, basic, apiKey, custom";
    static final String PARAMETER_PROBLEM =
            "every parameter needs name, vendorName, and type/vendorType of query, path, body or header";

    // ---- building blocks -------------------------------------------------------------------------

    static ConfigurationDefinition config(String key, String defaultValue) {
        return new ConfigurationDefinition(key, key, null, "TEXTFIELD_1000", false, false, defaultValue);
    }

    static ParameterDefinition parameter(String name, String type) {
        return new ParameterDefinition(name, name, type, type, "string", true, null, null);
    }

    static ResourceDefinition resource(String method, String path, ParameterDefinition... parameters) {
        return new ResourceDefinition(path, method, path, method, null, List.of(parameters));
    }

    static List<ConfigurationDefinition> oauth2Configuration() {
        return List.of(
                config("oauth.api.key", null),
                config("oauth.authorization.url", "https://provider.example.com/oauth/authorize"),
                config("oauth.token.url", "https://provider.example.com/oauth/token"));
    }

    static ElementDefinition element(String key, String name, List<String> aliases, Authentication authentication, String hub,
                                     List<ConfigurationDefinition> configuration, List<ResourceDefinition> resources) {
        return new ElementDefinition(1L, name, key, aliases, null, null, null, null, null, null, null, null, null,
                null, null, null, authentication, hub, null, configuration, resources, null);
    }

    /** A minimal valid OAuth 2 element with one resource. */
    static ElementDefinition valid() {
        return element("sample", "Sample", null, new Authentication("oauth2"), "crm", oauth2Configuration(),
                List.of(resource("GET", "/contacts/{id}", parameter("id", "path"))));
    }

    static ElementDefinition withKey(String key) {
        ElementDefinition v = valid();
        return element(key, v.name(), v.aliases(), v.authentication(), v.hub(), v.configuration(), v.resources());
    }

    static ElementDefinition withAliases(List<String> aliases) {
        ElementDefinition v = valid();
        return element(v.key(), v.name(), aliases, v.authentication(), v.hub(), v.configuration(), v.resources());
    }

    static ElementDefinition withAuthentication(Authentication authentication, List<ConfigurationDefinition> configuration) {
        ElementDefinition v = valid();
        return element(v.key(), v.name(), v.aliases(), authentication, v.hub(), configuration, v.resources());
    }

    static ElementDefinition withConfiguration(List<ConfigurationDefinition> configuration) {
        return valid().withConfiguration(configuration);
    }

    static ElementDefinition withResources(ResourceDefinition... resources) {
        ElementDefinition v = valid();
        return element(v.key(), v.name(), v.aliases(), v.authentication(), v.hub(), v.configuration(),
                Arrays.asList(resources));
    }

    static List<ConfigurationDefinition> oauth2ConfigurationAnd(ConfigurationDefinition... more) {
        List<ConfigurationDefinition> all = new ArrayList<>(oauth2Configuration());
        all.addAll(Arrays.asList(more));
        return all;
    }

    static List<String> problems(ElementDefinition element) {
        return ElementRules.problems(element);
    }

    // ---- tests -----------------------------------------------------------------------------------

    @Nested
    class Valid {

        @Test
        void minimalOAuth2ElementHasNoProblems() {
            assertEquals(List.of(), problems(valid()));
        }

        @Test
        void nullOptionalListsAreAccepted() {
            ElementDefinition element = element("sample", "Sample", null, new Authentication("basic"), "crm", null, null);
            assertEquals(List.of(), problems(element));
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "0", "etsy", "base-crm", "my_element_2", "9lives"})
        void validKeys(String key) {
            assertEquals(List.of(), problems(withKey(key)));
        }

        @Test
        void keyOfExactly100Characters() {
            assertEquals(List.of(), problems(withKey("a".repeat(100))));
        }

        @Test
        void validAliases() {
            assertEquals(List.of(), problems(withAliases(List.of("samplecrm", "sample-2"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"basic", "apiKey", "custom"})
        void nonOAuthTypesNeedNoOAuthEntries(String type) {
            assertEquals(List.of(), problems(withAuthentication(new Authentication(type), List.of())));
        }

        @Test
        void oauth1WithItsThreeUrls() {
            List<ConfigurationDefinition> configuration = List.of(
                    config("oauth.request.url", "https://p.example.com/request"),
                    config("oauth.authorization.url", "https://p.example.com/authorize"),
                    config("oauth.token.url", "https://p.example.com/token"));
            assertEquals(List.of(), problems(withAuthentication(new Authentication("oauth1"), configuration)));
        }

        @Test
        void placeholderToAnotherConfigurationKey() {
            List<ConfigurationDefinition> configuration = oauth2ConfigurationAnd(
                    config("store.url", null), config("base.url", "{store.url}/api/rest"));
            assertEquals(List.of(), problems(withConfiguration(configuration)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
        void everyAllowedMethod(String method) {
            assertEquals(List.of(), problems(withResources(resource(method, "/contacts"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"query", "path", "body", "header"})
        void everyAllowedParameterType(String type) {
            assertEquals(List.of(), problems(withResources(resource("POST", "/contacts", parameter("p", type)))));
        }

        @Test
        void severalPathParametersEachMapped() {
            assertEquals(List.of(), problems(withResources(resource("GET", "/shops/{shopId}/listings/{id}",
                    parameter("shopId", "path"), parameter("id", "path")))));
        }

        @Test
        void pathParameterMayMapToAnotherVendorType() {
            ParameterDefinition parameter = new ParameterDefinition("id", "listing_id", "path", "query", "string", true, null, null);
            assertEquals(List.of(), problems(withResources(resource("GET", "/listings/{id}", parameter))));
        }
    }

    @Nested
    class Element {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Etsy", "-etsy", "_etsy", "my key", "base.crm", "crm/base", "caf\u00e9", " etsy"})
        void badKeyPattern(String key) {
            assertEquals(List.of(KEY_PROBLEM), problems(withKey(key)));
        }

        @Test
        void keyLongerThan100Characters() {
            assertEquals(List.of(KEY_PROBLEM), problems(withKey("a".repeat(101))));
        }

        @Test
        void badAliasesAreEachNamed() {
            assertEquals(List.of("alias 'Sample' is not a valid key", "alias 'null' is not a valid key"),
                    problems(withAliases(Arrays.asList("good", "Sample", null))));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void missingName(String name) {
            ElementDefinition v = valid();
            ElementDefinition element = element(v.key(), name, null, v.authentication(), v.hub(), v.configuration(), v.resources());
            assertEquals(List.of("name is required"), problems(element));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"\t"})
        void missingHub(String hub) {
            ElementDefinition v = valid();
            ElementDefinition element = element(v.key(), v.name(), null, v.authentication(), hub, v.configuration(), v.resources());
            assertEquals(List.of("hub is required"), problems(element));
        }

        @Test
        void missingAuthentication() {
            assertEquals(List.of(AUTH_PROBLEM), problems(withAuthentication(null, oauth2Configuration())));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"oauth3", "OAuth2", "apikey", "bearer"})
        void unknownAuthenticationType(String type) {
            assertEquals(List.of(AUTH_PROBLEM), problems(withAuthentication(new Authentication(type), oauth2Configuration())));
        }
    }

    @Nested
    class Configuration {

        @Test
        void duplicateKey() {
            List<ConfigurationDefinition> configuration = oauth2ConfigurationAnd(config("oauth.api.key", "again"));
            assertEquals(List.of("configuration key 'oauth.api.key' appears twice"), problems(withConfiguration(configuration)));
        }

        @Test
        void entryWithoutKey() {
            List<ConfigurationDefinition> configuration = oauth2ConfigurationAnd(config(" ", null));
            assertEquals(List.of("every configuration entry needs a key"), problems(withConfiguration(configuration)));
        }

        @Test
        void nullEntry() {
            List<ConfigurationDefinition> configuration = new ArrayList<>(oauth2Configuration());
            configuration.add(null);
            assertEquals(List.of("every configuration entry needs a key"), problems(withConfiguration(configuration)));
        }

        @Test
        void placeholderToAnUnknownKey() {
            List<ConfigurationDefinition> configuration = oauth2ConfigurationAnd(config("base.url", "{store.url}/api/rest"));
            assertEquals(List.of("configuration 'base.url' refers to {store.url}, which is not a configuration key of this element"),
                    problems(withConfiguration(configuration)));
        }

        @Test
        void eachUnknownPlaceholderIsReported() {
            List<ConfigurationDefinition> configuration = oauth2ConfigurationAnd(config("base.url", "{scheme}://{host}/{scheme}"));
            assertEquals(List.of(
                            "configuration 'base.url' refers to {scheme}, which is not a configuration key of this element",
                            "configuration 'base.url' refers to {host}, which is not a configuration key of this element"),
                    problems(withConfiguration(configuration)));
        }

        @Test
        void oauth2LackingTokenUrl() {
            List<ConfigurationDefinition> configuration = List.of(config("oauth.authorization.url", "https://p.example.com/a"));
            assertEquals(List.of("oauth2 elements need the configuration entry oauth.token.url"),
                    problems(withAuthentication(new Authentication("oauth2"), configuration)));
        }

        @Test
        void oauth2LackingBothUrls() {
            assertEquals(List.of("oauth2 elements need the configuration entry oauth.authorization.url",
                            "oauth2 elements need the configuration entry oauth.token.url"),
                    problems(withAuthentication(new Authentication("oauth2"), null)));
        }

        @Test
        void aClientCredentialsElementNeedsNoAuthorizationUrl() {
            List<ConfigurationDefinition> configuration = List.of(config("oauth.grant.type", "client_credentials"),
                    config("oauth.token.url", "https://p.example.com/oauth/token"));
            assertEquals(List.of(), problems(withAuthentication(new Authentication("oauth2"), configuration)));
            assertEquals(List.of("oauth2 elements need the configuration entry oauth.token.url"),
                    problems(withAuthentication(new Authentication("oauth2"), List.of(config("oauth.grant.type", "client_credentials")))));
        }

        @Test
        void anUnknownGrantTypeIsRefused() {
            assertEquals(List.of("configuration 'oauth.grant.type' must be authorization_code or client_credentials"),
                    problems(withConfiguration(oauth2ConfigurationAnd(config("oauth.grant.type", "password")))));
        }

        @Test
        void fixedProviderHeadersAreCheckedLineByLine() {
            assertEquals(List.of(), problems(withConfiguration(oauth2ConfigurationAnd(config("base.url", "https://p.example.com"),
                    config("tenant", null), config("provider.headers", "Api-Version: 2022-06-28\nX-Tenant: {tenant}")))));
            assertEquals(List.of("configuration 'provider.headers': line 1 is not of the form 'Name: value'",
                            "configuration 'provider.headers': line 2: the header Content-Length is set by the HTTP exchange itself"),
                    problems(withConfiguration(oauth2ConfigurationAnd(
                            config("provider.headers", "Api-Version 2022-06-28\nContent-Length: 3")))));
        }

        @Test
        void oauth1LackingRequestUrl() {
            List<ConfigurationDefinition> configuration = oauth2Configuration();
            assertEquals(List.of("oauth1 elements need the configuration entry oauth.request.url"),
                    problems(withAuthentication(new Authentication("oauth1"), configuration)));
        }
    }

    @Nested
    class Lists {

        ResourceDefinition list(String method, Paging paging, String root, String itemRoot, ParameterDefinition... parameters) {
            return new ResourceDefinition("/contacts", method, "/contacts", method, null, List.of(parameters), null, paging, root, itemRoot);
        }

        @Test
        void everyPagingStyleWithWhatItNeedsIsFine() {
            for (Paging paging : List.of(new Paging("offset", "offset", 0L, null, "limit", 100, 25),
                    new Paging("page", "page", 1L, null, null, null, null),
                    new Paging("cursor", "after", null, "/paging/cursors/after", "limit", 50, null),
                    new Paging("nextUrl", null, null, "/meta/links/next_page", "per_page", 100, null),
                    new Paging("link", null, null, null, "per_page", 100, null))) {
                assertEquals(List.of(), problems(withResources(list("GET", paging, "/items", "/data"))), paging::toString);
            }
            assertEquals(List.of(), problems(withResources(list("GET", null, "", null))), "root alone: a list the vendor does not page");
        }

        @Test
        void listDataOnAWriteIsRefused() {
            assertEquals(List.of("resource POST /contacts: paging, root and itemRoot describe lists, which only GET resources answer"),
                    problems(withResources(list("POST", null, "/items", null))));
        }

        @Test
        void eachStyleNamesWhatItLacksOrDoesNotTake() {
            assertEquals(List.of("resource GET /contacts: paging.type must be one of [offset, page, cursor, nextUrl, link]"),
                    problems(withResources(list("GET", new Paging("pages", "page", null, null, null, null, null), null, null))));
            assertEquals(List.of("resource GET /contacts: paging.type page needs pageParameter, the vendor's page parameter"),
                    problems(withResources(list("GET", new Paging("page", null, null, null, null, null, null), null, null))));
            assertEquals(List.of("resource GET /contacts: paging.type cursor needs next, a JSON pointer to the next page's cursor in the answer"),
                    problems(withResources(list("GET", new Paging("cursor", "after", null, "paging.after", null, null, null), null, null))));
            assertEquals(List.of("resource GET /contacts: paging.type nextUrl takes no pageParameter: the vendor's URL says where the next page is",
                            "resource GET /contacts: paging.type nextUrl needs next, a JSON pointer to the next page's URL in the answer"),
                    problems(withResources(list("GET", new Paging("nextUrl", "page", null, null, null, null, null), null, null))));
            assertEquals(List.of("resource GET /contacts: paging.first only applies to offset and page paging",
                            "resource GET /contacts: paging.next only applies to cursor and nextUrl paging"),
                    problems(withResources(list("GET", new Paging("link", null, 1L, "/next", null, null, null), null, null))));
        }

        @Test
        void pageSizesComeWithTheirParameterAndStayInRange() {
            assertEquals(List.of("resource GET /contacts: paging.sizeParameter and paging.maxPageSize come together"),
                    problems(withResources(list("GET", new Paging("offset", "offset", null, null, "limit", null, null), null, null))));
            assertEquals(List.of("resource GET /contacts: paging.defaultPageSize needs sizeParameter and lies between 1 and maxPageSize"),
                    problems(withResources(list("GET", new Paging("offset", "offset", null, null, "limit", 100, 101), null, null))));
            assertEquals(List.of("resource GET /contacts: paging.maxPageSize must be at least 1"),
                    problems(withResources(list("GET", new Paging("offset", "offset", null, null, "limit", 0, null), null, null))));
        }

        @Test
        void pointersAreJsonPointers() {
            assertEquals(List.of("resource GET /contacts: root must be a JSON pointer such as /items (\"\" for the answer itself)",
                            "resource GET /contacts: itemRoot must be a JSON pointer such as /data"),
                    problems(withResources(list("GET", null, "items", "/data/~2"))));
        }

        @Test
        void parametersThatWouldTakeThePagingOutOfTheHubsHandsAreRefused() {
            ParameterDefinition pageSize = new ParameterDefinition("pageSize", "per_page", "query", "query", "integer", false, null, null);
            ParameterDefinition pinned = new ParameterDefinition("page", "page", "query", "query", "integer", false, null, "1");
            assertEquals(List.of("resource GET /contacts: parameter pageSize is the hub's own on a paged list; leave it out",
                            "resource GET /contacts: parameter page has a default for the vendor's paging parameter page,"
                                    + " which would pin every call to one page"),
                    problems(withResources(list("GET", new Paging("page", "page", null, null, "per_page", 100, null), null, null,
                            pageSize, pinned))));
        }
    }

    @Nested
    class Resources {

        @Test
        void pathNotStartingWithSlash() {
            assertEquals(List.of("resource GET contacts: path must start with /"),
                    problems(withResources(new ResourceDefinition("contacts", "GET", "/contacts", "GET", null, null))));
        }

        @Test
        void vendorPathNotStartingWithSlash() {
            assertEquals(List.of("resource GET /contacts: vendorPath must start with /"),
                    problems(withResources(new ResourceDefinition("/contacts", "GET", "v2/contacts", "GET", null, null))));
        }

        @Test
        void missingPaths() {
            assertEquals(List.of("resource GET null: path must start with /", "resource GET null: vendorPath must start with /"),
                    problems(withResources(new ResourceDefinition(null, "GET", null, "GET", null, null))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"get", "FETCH", "HEAD", "OPTIONS", ""})
        void badMethod(String method) {
            List<String> found = problems(withResources(new ResourceDefinition("/contacts", method, "/contacts", "GET", null, null)));
            assertEquals(1, found.size(), found::toString);
            assertTrue(found.get(0).startsWith("resource " + method + " /contacts: method and vendorMethod must be one of "),
                    found.get(0));
        }

        @Test
        void badVendorMethod() {
            List<String> found = problems(withResources(new ResourceDefinition("/contacts", "GET", "/contacts", "SEARCH", null, null)));
            assertEquals(1, found.size(), found::toString);
            assertTrue(found.get(0).startsWith("resource GET /contacts: method and vendorMethod must be one of "), found.get(0));
        }

        @Test
        void pathPlaceholderWithoutAnyParameter() {
            assertEquals(List.of("resource GET /contacts/{id}: path parameter {id} has no parameter of type path"),
                    problems(withResources(resource("GET", "/contacts/{id}"))));
        }

        @Test
        void pathPlaceholderMappedOnlyAsAQueryParameter() {
            assertEquals(List.of("resource GET /contacts/{id}: path parameter {id} has no parameter of type path"),
                    problems(withResources(resource("GET", "/contacts/{id}", parameter("id", "query")))));
        }

        @Test
        void onlyTheUnmappedPathPlaceholderIsReported() {
            assertEquals(List.of("resource GET /shops/{shopId}/listings/{id}: path parameter {id} has no parameter of type path"),
                    problems(withResources(resource("GET", "/shops/{shopId}/listings/{id}", parameter("shopId", "path")))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"form", "Query", "PATH", "cookie", ""})
        void parameterWithBadType(String type) {
            ParameterDefinition parameter = new ParameterDefinition("limit", "limit", type, "query", "integer", false, null, null);
            assertEquals(List.of("resource GET /contacts: " + PARAMETER_PROBLEM),
                    problems(withResources(resource("GET", "/contacts", parameter))));
        }

        @Test
        void parameterWithBadVendorType() {
            ParameterDefinition parameter = new ParameterDefinition("limit", "limit", "query", "matrix", "integer", false, null, null);
            assertEquals(List.of("resource GET /contacts: " + PARAMETER_PROBLEM),
                    problems(withResources(resource("GET", "/contacts", parameter))));
        }

        @Test
        void parameterWithoutNames() {
            ParameterDefinition noName = new ParameterDefinition(" ", "limit", "query", "query", "integer", false, null, null);
            ParameterDefinition noVendorName = new ParameterDefinition("limit", null, "query", "query", "integer", false, null, null);
            assertEquals(List.of("resource GET /contacts: " + PARAMETER_PROBLEM, "resource GET /contacts: " + PARAMETER_PROBLEM),
                    problems(withResources(resource("GET", "/contacts", noName, noVendorName))));
        }

        @Test
        void nullResource() {
            assertEquals(List.of("resources must not contain null"), problems(withResources((ResourceDefinition) null)));
        }

        /**
         * Set.of(...) throws on contains(null): a resource without "method"/"vendorMethod", or a
         * parameter without "type"/"vendorType", must be reported as a problem, not thrown.
         */
        @Test
        void resourceWithoutMethodIsReportedNotThrown() {
            List<String> found = assertDoesNotThrow(() ->
                    problems(withResources(new ResourceDefinition("/contacts", null, "/contacts", "GET", null, null))));
            assertEquals(1, found.size(), found::toString);
            assertTrue(found.get(0).contains("method and vendorMethod must be one of"), found.get(0));
        }

        @Test
        void parameterWithoutTypeIsReportedNotThrown() {
            ParameterDefinition parameter = new ParameterDefinition("limit", "limit", null, "query", "integer", false, null, null);
            List<String> found = assertDoesNotThrow(() -> problems(withResources(resource("GET", "/contacts", parameter))));
            assertEquals(List.of("resource GET /contacts: " + PARAMETER_PROBLEM), found);
        }
    }

    @Nested
    class Together {

        @Test
        void everyProblemIsReportedAtOnce() {
            List<ConfigurationDefinition> configuration = List.of(
                    config("oauth.authorization.url", "{site}/authorize"),
                    config("oauth.authorization.url", null));
            ElementDefinition element = element("Bad Key", " ", List.of("Bad"), new Authentication("oauth2"), null,
                    configuration, List.of(
                            resource("FETCH", "/a"),
                            resource("GET", "b/{id}")));
            List<String> found = problems(element);
            List<String> expected = List.of(
                    "name is required",
                    KEY_PROBLEM,
                    "alias 'Bad' is not a valid key",
                    "hub is required",
                    "configuration key 'oauth.authorization.url' appears twice",
                    "configuration 'oauth.authorization.url' refers to {site}, which is not a configuration key of this element",
                    "oauth2 elements need the configuration entry oauth.token.url",
                    "resource GET b/{id}: path must start with /",
                    "resource GET b/{id}: vendorPath must start with /",
                    "resource GET b/{id}: path parameter {id} has no parameter of type path");
            for (String problem : expected) {
                assertTrue(found.contains(problem), () -> "missing '" + problem + "' in " + found);
            }
            assertTrue(found.stream().anyMatch(p -> p.startsWith("resource FETCH /a: method and vendorMethod")), found::toString);
            assertEquals(expected.size() + 1, found.size(), found::toString);
        }

        @Test
        void missingAuthenticationAndHubTogether() {
            ElementDefinition element = element("sample", "Sample", null, null, null, null, null);
            assertEquals(List.of(AUTH_PROBLEM, "hub is required"), problems(element));
        }
    }

    @Nested
    class ShippedCatalog {

        private static List<String> indexedFiles() throws IOException {
            InputStream index = ElementRulesTest.class.getClassLoader().getResourceAsStream("elements/catalog/index.txt");
            assertNotNull(index, "elements/catalog/index.txt is on the classpath");
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
                return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            }
        }

        @Test
        void indexListsTheShippedElements() throws IOException {
            // the seed elements come first, in this order; the catalog adds its breadth after them
            List<String> files = indexedFiles();
            assertEquals(List.of("etsy.json", "instagram.json", "base.json", "magento.json", "acton.json", "hubspotcrm.json"),
                    files.subList(0, 6));
            assertEquals(files.size(), new java.util.HashSet<>(files).size(), () -> "a file listed twice: " + files);
        }

        @TestFactory
        Stream<DynamicTest> everyShippedFileHasNoProblems() throws IOException {
            List<String> files = indexedFiles();
            assertFalse(files.isEmpty());
            return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
                try (InputStream in = ElementRulesTest.class.getClassLoader().getResourceAsStream("elements/catalog/" + file)) {
                    assertNotNull(in, file + " is on the classpath");
                    ElementDefinition element = ElementCodec.read(in)
                            .orElseThrow(() -> new AssertionError(file + " is not JSON of the element shape"));
                    assertEquals(List.of(), ElementRules.problems(element), file);
                    assertEquals(file, element.key() + ".json", "file name matches the key");
                }
            }));
        }
    }
}
