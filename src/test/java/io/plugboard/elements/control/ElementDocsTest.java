package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ParameterDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.elements.entity.WhereMapping;
import io.plugboard.platform.boundary.OpenApiDocuments;
import io.plugboard.platform.boundary.OpenApiDocuments.OperationDetails;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /elements/{keyOrId}/docs}: the document of every shipped element is valid OpenAPI
 * (the swagger-parser validator has nothing to say), and lists each of the element's resources
 * under {@code /hubs/{hub}} with the parameters a caller sends; ambiguous definitions are
 * documented the way the hub serves them.
 */
class ElementDocsTest {

    static final String API = "/elements/api-v2";

    @TestFactory
    Stream<DynamicTest> everyShippedElementHasAValidDocumentOfItsResources() {
        ElementCatalog catalog = ElementCatalogTest.loaded(Optional.empty());
        assertEquals(ElementCatalogTest.SHIPPED_KEYS, catalog.all().stream().map(ElementDefinition::key).toList());
        return catalog.all().stream().map(element -> DynamicTest.dynamicTest(element.key(), () -> {
            OpenAPI api = OpenApiDocuments.valid(ElementDocs.of(element, API).toString());
            assertEquals(API, api.getServers().get(0).getUrl());
            assertTrue(api.getInfo().getTitle().contains(element.name()), api.getInfo().getTitle());
            SecurityScheme scheme = api.getComponents().getSecuritySchemes().get(ElementDocs.SECURITY_SCHEME);
            assertEquals(SecurityScheme.Type.APIKEY, scheme.getType());
            assertEquals(SecurityScheme.In.HEADER, scheme.getIn());
            assertEquals("Authorization", scheme.getName());
            assertTrue(scheme.getDescription().contains("Element <instance token>"), scheme.getDescription());
            assertEquals(List.of(new SecurityRequirement().addList(ElementDocs.SECURITY_SCHEME)), api.getSecurity());

            Map<String, OperationDetails> operations = OpenApiDocuments.operations(api);
            assertEquals(element.resources().size(), operations.size(), "one operation per resource");
            for (ResourceDefinition resource : element.resources()) {
                String key = resource.method() + " /hubs/" + element.hub() + resource.path();
                OperationDetails operation = operations.get(key);
                assertNotNull(operation, key + " among " + operations.keySet());
                assertEquals(resource.description(), operation.operation().getSummary());
                for (String place : List.of("query", "header", "path")) {
                    Set<String> expected = names(resource, place);
                    if (place.equals("query") && resource.paging() != null) {
                        expected.addAll(Set.of("pageSize", "nextPage"));   // the hub's paging, on every paged list
                    }
                    assertEquals(expected, new TreeSet<>(operation.parameterNames(place)), key + " " + place);
                }
            }
            Set<String> ids = operations.values().stream().map(o -> o.operation().getOperationId()).collect(Collectors.toSet());
            assertEquals(operations.size(), ids.size(), "unique operation ids");
        }));
    }

    private static Set<String> names(ResourceDefinition resource, String place) {
        Set<String> names = resource.parameters().stream().filter(p -> p.type().equals(place)).map(ParameterDefinition::name)
                .collect(Collectors.toCollection(TreeSet::new));
        if (place.equals("query") && resource.where() != null) {
            names.add("where");
        }
        return names;
    }

    @Test
    void theSeedListsThatFilterDocumentWhere() {
        ElementCatalog catalog = ElementCatalogTest.loaded(Optional.empty());
        Map<String, List<String>> filtering = new java.util.TreeMap<>();
        Set<String> seeds = Set.of("etsy", "instagram", "base", "magento", "acton", "hubspotcrm");
        for (ElementDefinition element : catalog.all().stream().filter(e -> seeds.contains(e.key())).toList()) {
            List<String> keys = OpenApiDocuments.operations(OpenApiDocuments.valid(ElementDocs.of(element, API).toString()))
                    .entrySet().stream().filter(e -> e.getValue().parameterNames("query").contains("where"))
                    .map(Map.Entry::getKey).sorted().toList();
            if (!keys.isEmpty()) {
                filtering.put(element.key(), keys);
            }
        }
        assertEquals(Map.of(
                "acton", List.of("GET /hubs/marketing/lists/{id}/contacts"),
                "base", List.of("GET /hubs/crm/contacts", "GET /hubs/crm/deals", "GET /hubs/crm/leads"),
                "etsy", List.of("GET /hubs/ecommerce/shops/{shopId}/listings", "GET /hubs/ecommerce/shops/{shopId}/receipts"),
                "magento", List.of("GET /hubs/ecommerce/customers", "GET /hubs/ecommerce/orders", "GET /hubs/ecommerce/products")),
                filtering, "instagram's provider filters nothing the language can say");
    }

    @Test
    void whereListsTheFieldsAndOperatorsTheResourceTakes() {
        WhereMapping where = new WhereMapping(List.of(
                new WhereMapping.Field("email", null, null, null, null, "The primary address.",
                        List.of(new WhereMapping.Operator("=", "email", null, null, null, null, null),
                                new WhereMapping.Operator("in", "emails", null, null, null, "join", null))),
                new WhereMapping.Field("updated", null, "date", "epoch", null, null,
                        List.of(new WhereMapping.Operator(">=", "since", null, null, null, null, null)))), null, null);
        OpenAPI api = documentOf(List.of(new ResourceDefinition("/contacts", "GET", "/v2/people", "GET", "List contacts.",
                List.of(parameter("page", "query", "integer", false, null, null)), where, null, null, null)));
        Parameter parameter = OpenApiDocuments.operations(api).get("GET /hubs/crm/contacts").parameters().stream()
                .filter(p -> p.getName().equals("where")).findFirst().orElseThrow();
        assertEquals("query", parameter.getIn());
        assertFalse(parameter.getRequired());
        assertEquals("string", parameter.getSchema().getType());
        assertEquals("email = 'text'", parameter.getExample());
        assertTrue(parameter.getDescription().contains("(`or` is refused: the provider cannot express it)"), parameter.getDescription());
        assertTrue(parameter.getDescription().endsWith("Fields:\n- `email` (string): `=`, `in`. The primary address.\n"
                + "- `updated` (date): `>=`"), parameter.getDescription());
        assertEquals(List.of(Map.of("name", "email", "type", "string", "operators", List.of("=", "in")),
                        Map.of("name", "updated", "type", "date", "operators", List.of(">="))),
                parameter.getExtensions().get("x-where-fields"));

        WhereMapping withOr = new WhereMapping(where.fields().subList(0, 1), null,
                new WhereMapping.Expression("$filter", null, null, " or ", null, null, null));
        OpenAPI expression = documentOf(List.of(new ResourceDefinition("/contacts", "GET", "/v2/people", "GET", null, List.of(),
                withOr, null, null, null)));
        assertTrue(OpenApiDocuments.operations(expression).get("GET /hubs/crm/contacts").parameters().get(0).getDescription()
                .contains("joined by `and` or `or` (with parentheses)"));
    }

    @Test
    void parametersKeepTheirTypeRequirementAndTheDefaultTheHubFillsIn() {
        OpenAPI api = documentOf(List.of(new ResourceDefinition("/contacts", "GET", "/v2/people", "GET", "List contacts.",
                List.of(parameter("page", "query", "integer", false, "1", "Page number."),
                        parameter("type", "query", "string", true, "person", null),
                        parameter("q", "query", "string", true, null, null),
                        parameter("X-Trace", "header", "boolean", false, "yes", null)))));
        Map<String, Parameter> parameters = OpenApiDocuments.operations(api).get("GET /hubs/crm/contacts").parameters()
                .stream().collect(Collectors.toMap(Parameter::getName, p -> p));
        assertEquals("integer", parameters.get("page").getSchema().getType());
        assertEquals(1, ((Number) parameters.get("page").getSchema().getDefault()).intValue());
        assertEquals("Page number.", parameters.get("page").getDescription());
        assertFalse(parameters.get("type").getRequired(), "required, but the hub sends the default when it is missing");
        assertEquals("person", parameters.get("type").getSchema().getDefault());
        assertTrue(parameters.get("q").getRequired());
        assertEquals("header", parameters.get("X-Trace").getIn());
        assertNull(parameters.get("X-Trace").getSchema().getDefault(), "yes is no boolean: the text is sent, no default is claimed");
    }

    @Test
    void bodyParametersDescribeTheRequestBody() {
        OpenAPI api = documentOf(List.of(
                new ResourceDefinition("/contacts", "POST", "/contacts", "POST", "Create a contact.",
                        List.of(parameter("contact", "body", "object", true, null, "The contact."))),
                new ResourceDefinition("/contacts/{id}", "PATCH", "/contacts/{id}", "PATCH", "Change a contact.",
                        List.of(parameter("id", "path", "integer", true, null, null),
                                parameter("name", "body", "string", true, null, null),
                                parameter("email", "body", "string", false, null, null))),
                new ResourceDefinition("/contacts/{id}", "PUT", "/contacts/{id}", "PUT", "Replace a contact.",
                        List.of(parameter("id", "path", "integer", true, null, null)))));
        var operations = OpenApiDocuments.operations(api);
        var create = operations.get("POST /hubs/crm/contacts").operation().getRequestBody();
        assertTrue(create.getRequired());
        assertEquals("The contact.", create.getDescription());
        assertEquals("object", create.getContent().get("application/json").getSchema().getType());
        var change = operations.get("PATCH /hubs/crm/contacts/{id}").operation().getRequestBody()
                .getContent().get("application/json").getSchema();
        assertEquals(Set.of("name", "email"), change.getProperties().keySet());
        assertEquals(List.of("name"), change.getRequired());
        var replace = operations.get("PUT /hubs/crm/contacts/{id}").operation().getRequestBody();
        assertFalse(replace.getRequired(), "a body the element does not describe is still passed on");
    }

    @Test
    void ambiguousResourcesAreDocumentedAsTheHubServesThem() {
        OpenAPI api = documentOf(List.of(
                new ResourceDefinition("/lists/{id}", "GET", "/list/{id}", "GET", "First.",
                        List.of(parameter("id", "path", "string", true, null, null))),
                new ResourceDefinition("/lists/{id}", "GET", "/other/{id}", "GET", "Never reached.",
                        List.of(parameter("id", "path", "string", true, null, null))),
                new ResourceDefinition("/lists/{listId}/", "DELETE", "/list/{listId}", "DELETE", "Delete a list.",
                        List.of(parameter("listId", "path", "string", true, null, "The list."))),
                new ResourceDefinition("/lists/{listId}/members/{memberId}", "GET", "/m/{listId}/{memberId}", "GET", null,
                        List.of(parameter("listId", "path", "string", true, null, null)))));
        var operations = OpenApiDocuments.operations(api);
        assertEquals(Set.of("GET /hubs/crm/lists/{id}", "DELETE /hubs/crm/lists/{id}",
                "GET /hubs/crm/lists/{listId}/members/{memberId}"), operations.keySet());
        assertEquals("First.", operations.get("GET /hubs/crm/lists/{id}").operation().getSummary());
        Parameter renamed = operations.get("DELETE /hubs/crm/lists/{id}").parameters().get(0);
        assertEquals("id", renamed.getName());
        assertEquals("The list.", renamed.getDescription());
        var members = operations.get("GET /hubs/crm/lists/{listId}/members/{memberId}");
        assertEquals(List.of("listId", "memberId"), members.parameterNames("path"), "an undefined placeholder is declared");
        assertEquals("GET /lists/{listId}/members/{memberId}", members.operation().getSummary());
    }

    @Test
    void aPagedListTakesPageSizeAndNextPageAndAnswersAnArrayWithTheListHeaders() {
        OpenAPI api = documentOf(List.of(
                new ResourceDefinition("/contacts", "GET", "/v2/people", "GET", "List contacts.", List.of(), null,
                        new ElementDefinition.Paging("page", "page", 1L, null, "per_page", 100, 25), "/items", "/data"),
                new ResourceDefinition("/companies", "GET", "/v2/companies", "GET", "List companies.", List.of(), null,
                        null, "/companies", null),
                new ResourceDefinition("/contacts/{id}", "GET", "/v2/people/{id}", "GET", "Read a contact.",
                        List.of(parameter("id", "path", "integer", true, null, null)))));
        var operations = OpenApiDocuments.operations(api);

        var contacts = operations.get("GET /hubs/crm/contacts");
        Map<String, Parameter> parameters = contacts.parameters().stream()
                .collect(Collectors.toMap(Parameter::getName, p -> p));
        assertEquals(Set.of("pageSize", "nextPage"), parameters.keySet());
        assertEquals(100, parameters.get("pageSize").getSchema().getMaximum().intValue());
        assertEquals(1, parameters.get("pageSize").getSchema().getMinimum().intValue());
        assertEquals(25, ((Number) parameters.get("pageSize").getSchema().getDefault()).intValue());
        var page = contacts.operation().getResponses().get("200");
        assertEquals(Set.of("Elements-Returned-Count", "Elements-Next-Page-Token"), page.getHeaders().keySet());
        assertEquals("array", page.getContent().get("application/json").getSchema().getType());
        assertTrue(contacts.operation().getResponses().get("default").getDescription().contains("providerMessage"));

        var companies = operations.get("GET /hubs/crm/companies");
        assertEquals(List.of(), companies.parameterNames("query"), "a list the provider does not page takes no paging");
        assertEquals(Set.of("Elements-Returned-Count"), companies.operation().getResponses().get("200").getHeaders().keySet());
        assertEquals("array", companies.operation().getResponses().get("200").getContent().get("application/json")
                .getSchema().getType());

        var one = operations.get("GET /hubs/crm/contacts/{id}");
        assertNull(one.operation().getResponses().get("200").getHeaders(), "one record: the provider's answer as it is");
        var error = one.operation().getResponses().get("default").getContent().get("application/json").getSchema();
        assertEquals(Set.of("requestId", "message", "providerMessage"),
                (error.get$ref() == null ? error : api.getComponents().getSchemas().get("ApiError")).getProperties().keySet());
    }

    @Test
    void operationIdsComeFromTheMethodAndThePath() {
        assertEquals("getContacts", ElementDocs.operationId("GET", "/contacts"));
        assertEquals("getContactsById", ElementDocs.operationId("GET", "/contacts/{id}"));
        assertEquals("postShopsByShopIdListings", ElementDocs.operationId("POST", "/shops/{shopId}/listings"));
        assertEquals("deleteUsersSelfMedia", ElementDocs.operationId("DELETE", "/users/self/media"));
        assertEquals("getSalesOrders", ElementDocs.operationId("GET", "/sales-orders"));
    }

    private static OpenAPI documentOf(List<ResourceDefinition> resources) {
        ElementDefinition element = new ElementDefinition(100001L, "In-house CRM", "inhouse", List.of(), null, null, true,
                false, false, false, null, null, false, false, false, false,
                new ElementDefinition.Authentication("apiKey"), "crm", List.of(), List.of(), resources, null);
        return OpenApiDocuments.valid(ElementDocs.of(element, API).toString());
    }

    private static ParameterDefinition parameter(String name, String type, String dataType, boolean required,
                                                 String defaultValue, String description) {
        return new ParameterDefinition(name, name.toLowerCase(Locale.ROOT), type, type, dataType, required, description,
                defaultValue);
    }
}
