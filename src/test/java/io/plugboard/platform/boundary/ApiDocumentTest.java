package io.plugboard.platform.boundary;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.plugboard.connect.boundary.ConnectResource;
import io.plugboard.elements.boundary.ElementMetadata;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.WhereMapping;
import io.plugboard.events.control.EventQueries;
import io.plugboard.instances.boundary.InstanceBody;
import io.plugboard.instances.boundary.InstancesResource;
import io.plugboard.instances.control.CredentialRotation;
import io.plugboard.instances.control.InstanceView;
import io.plugboard.oauth.boundary.OAuthResource;
import io.plugboard.oauth.control.OAuthFlows;
import io.plugboard.organizations.boundary.OrganizationJson;
import io.plugboard.platform.security.AuthenticationOptional;
import io.plugboard.transformations.boundary.CommonObjectJson;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code META-INF/openapi.yaml}, the api-v2 contract the server serves at {@code /openapi}, is
 * valid OpenAPI and says what the code does. It is written by hand, so this test is what keeps
 * the two together: every JAX-RS resource method is an operation of the document and every
 * operation a resource method, with the same query parameters; operations without credentials
 * are exactly the {@link AuthenticationOptional} ones; and each documented schema has exactly
 * the JSON properties of the record the code writes or reads.
 */
class ApiDocumentTest {

    static final String DOCUMENT = "/META-INF/openapi.yaml";

    /** Schema name to the Java type whose JSON it describes. */
    static final Map<String, Class<?>> SCHEMAS = new LinkedHashMap<>();

    static {
        SCHEMAS.put("ApiError", ApiError.class);
        SCHEMAS.put("NewOrganization", OrganizationJson.NewOrganization.class);
        SCHEMAS.put("NewUser", OrganizationJson.NewUser.class);
        SCHEMAS.put("User", OrganizationJson.User.class);
        SCHEMAS.put("UserWithSecret", OrganizationJson.UserWithSecret.class);
        SCHEMAS.put("OrganizationWithSecret", OrganizationJson.OrganizationWithSecret.class);
        SCHEMAS.put("CreatedOrganization", OrganizationJson.CreatedOrganization.class);
        SCHEMAS.put("RotatedOrganizationSecret", OrganizationJson.RotatedOrganizationSecret.class);
        SCHEMAS.put("Element", ElementDefinition.class);
        SCHEMAS.put("ElementAuthentication", ElementDefinition.Authentication.class);
        SCHEMAS.put("ElementConfiguration", ElementDefinition.ConfigurationDefinition.class);
        SCHEMAS.put("ElementResource", ElementDefinition.ResourceDefinition.class);
        SCHEMAS.put("ElementPaging", ElementDefinition.Paging.class);
        SCHEMAS.put("ElementParameter", ElementDefinition.ParameterDefinition.class);
        SCHEMAS.put("ElementWhere", WhereMapping.class);
        SCHEMAS.put("ElementWhereField", WhereMapping.Field.class);
        SCHEMAS.put("ElementWhereOperator", WhereMapping.Operator.class);
        SCHEMAS.put("ElementWhereFilters", WhereMapping.Filters.class);
        SCHEMAS.put("ElementWhereParameter", WhereMapping.Parameter.class);
        SCHEMAS.put("ElementWhereExpression", WhereMapping.Expression.class);
        SCHEMAS.put("ElementEvents", ElementDefinition.Events.class);
        SCHEMAS.put("ElementWebhook", ElementDefinition.Webhook.class);
        SCHEMAS.put("WebhookFinder", ElementDefinition.Finder.class);
        SCHEMAS.put("WebhookSignature", ElementDefinition.Signature.class);
        SCHEMAS.put("WebhookChanges", ElementDefinition.Changes.class);
        SCHEMAS.put("ElementMetadata", ElementMetadata.class);
        SCHEMAS.put("EventsMetadata", ElementMetadata.EventsMetadata.class);
        SCHEMAS.put("OAuthParameters", OAuthResource.Body.class);
        SCHEMAS.put("RequestToken", OAuthFlows.RequestToken.class);
        SCHEMAS.put("AuthorizationUrl", OAuthFlows.AuthorizationUrl.class);
        SCHEMAS.put("ConnectLinks", ConnectResource.ConnectLinks.class);
        SCHEMAS.put("InstanceRequest", InstanceBody.class);
        SCHEMAS.put("ElementReference", InstanceBody.ElementReference.class);
        SCHEMAS.put("Instance", InstanceView.class);
        SCHEMAS.put("InstanceElement", InstanceView.ElementSummary.class);
        SCHEMAS.put("InstanceUser", InstanceView.UserSummary.class);
        SCHEMAS.put("ConfigurationEntry", InstanceView.ConfigurationEntry.class);
        SCHEMAS.put("ConfigurationChange", InstancesResource.ConfigurationChange.class);
        SCHEMAS.put("HistoryEntry", InstanceView.Event.class);
        SCHEMAS.put("Event", EventQueries.EventView.class);
        SCHEMAS.put("EventDelivery", EventQueries.AttemptView.class);
        SCHEMAS.put("EventPoller", EventQueries.PollerView.class);
        SCHEMAS.put("RotationProgress", CredentialRotation.Progress.class);
        SCHEMAS.put("ObjectDefinitionRequest", CommonObjectJson.DefinitionBody.class);
        SCHEMAS.put("ObjectField", CommonObjectJson.Field.class);
        SCHEMAS.put("ObjectDefinition", CommonObjectJson.Definition.class);
        SCHEMAS.put("TransformationRequest", CommonObjectJson.TransformationBody.class);
        SCHEMAS.put("TransformationFieldRequest", CommonObjectJson.MappedFieldBody.class);
        SCHEMAS.put("TransformationConfiguration", CommonObjectJson.Configuration.class);
        SCHEMAS.put("Transformation", CommonObjectJson.Transformation.class);
        SCHEMAS.put("TransformationField", CommonObjectJson.MappedField.class);
        SCHEMAS.put("ObjectTemplate", CommonObjectJson.Template.class);
        SCHEMAS.put("TemplateTransformation", CommonObjectJson.TemplateMapping.class);
        SCHEMAS.put("InstalledTemplate", CommonObjectJson.InstalledTemplate.class);
        SCHEMAS.put("ObjectMetadata", CommonObjectJson.ObjectMetadata.class);
        SCHEMAS.put("ObjectMetadataField", CommonObjectJson.MetadataField.class);
    }

    /**
     * Query parameters the code reads from the whole query rather than binding by name:
     * {@code config[<key>]} of the hosted connect, documented as one deepObject parameter; and
     * {@code where} of a hub list, which the resource mapper takes out of the query, with a hub
     * list's {@code pageSize} and {@code nextPage}, which are the hub's only on resources the
     * element pages (on any other they pass to the provider with the rest of the query).
     */
    static final Map<String, Set<String>> UNBOUND_QUERY_PARAMETERS = Map.of(
            "GET /elements/{keyOrId}/oauth/connect", Set.of("config"),
            "GET /hubs/{hub}/{path}", Set.of("where", "pageSize", "nextPage"));

    static String text;
    static OpenAPI api;
    static Map<String, OpenApiDocuments.OperationDetails> documented;
    static Map<String, ResourceMethod> implemented;

    /** A JAX-RS resource method as the server routes it. */
    record ResourceMethod(String key, Class<?> resource, Method method) {
    }

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ApiDocumentTest.class.getResourceAsStream(DOCUMENT)) {
            assertNotNull(in, DOCUMENT);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        api = OpenApiDocuments.valid(text);
        documented = OpenApiDocuments.operations(api);
        implemented = resourceMethods();
    }

    @Test
    void theDocumentDescribesTheHubAndItsCredentials() {
        assertTrue(api.getOpenapi().startsWith("3.0."), api.getOpenapi());
        assertEquals("Plugboard api-v2", api.getInfo().getTitle());
        assertNotNull(api.getInfo().getVersion());
        assertNotNull(api.getInfo().getDescription());
        assertEquals("/elements/api-v2", api.getServers().get(0).getUrl());
        var schemes = api.getComponents().getSecuritySchemes();
        for (String scheme : List.of("UserOrganization", "UserOrganizationElement")) {
            assertEquals("apiKey", schemes.get(scheme).getType().toString(), scheme);
            assertEquals("header", schemes.get(scheme).getIn().toString(), scheme);
            assertEquals("Authorization", schemes.get(scheme).getName(), scheme);
        }
        assertEquals(List.of(new SecurityRequirement().addList("UserOrganization")), api.getSecurity());
        documented.forEach((key, operation) -> {
            assertNotNull(operation.operation().getSummary(), key + " has a summary");
            assertNotNull(operation.operation().getTags(), key + " has a tag");
        });
    }

    @Test
    void everyResourceMethodIsAnOperationAndNothingElseIs() {
        Set<String> undocumented = new TreeSet<>(implemented.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> notImplemented = new TreeSet<>(documented.keySet());
        notImplemented.removeAll(implemented.keySet());
        assertEquals(Set.of(), undocumented, "resource methods the document lacks");
        assertEquals(Set.of(), notImplemented, "operations no resource method serves");
    }

    @Test
    void queryParametersAreTheOnesTheCodeReads() {
        List<String> differences = new ArrayList<>();
        documentedAndImplemented().forEach((key, method) -> {
            Set<String> inCode = new TreeSet<>(queryParameters(method.resource(), method.method()));
            inCode.addAll(UNBOUND_QUERY_PARAMETERS.getOrDefault(key, Set.of()));
            Set<String> inDocument = new TreeSet<>(documented.get(key).parameterNames("query"));
            if (!inCode.equals(inDocument)) {
                differences.add(key + ": code " + inCode + ", document " + inDocument);
            }
        });
        assertEquals(List.of(), differences);
    }

    @Test
    void operationsWithoutCredentialsAreTheOptionalOnes() {
        List<String> differences = new ArrayList<>();
        documentedAndImplemented().forEach((key, method) -> {
            boolean optionalInCode = method.resource().isAnnotationPresent(AuthenticationOptional.class)
                    || method.method().isAnnotationPresent(AuthenticationOptional.class);
            List<SecurityRequirement> security = documented.get(key).operation().getSecurity();
            if (security == null) {
                security = api.getSecurity();
            }
            if (security.isEmpty()) {
                // Payara serves no empty lists: "security: []" would become the global requirement.
                differences.add(key + ": security [] (write [{}] for anonymous access)");
                return;
            }
            boolean optionalInDocument = security.stream().anyMatch(Map::isEmpty);
            if (optionalInCode != optionalInDocument) {
                differences.add(key + ": optional in code " + optionalInCode + ", in the document " + optionalInDocument);
            }
        });
        assertEquals(List.of(), differences);
    }

    @Test
    void schemasHaveThePropertiesOfTheirJson() {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        List<String> differences = new ArrayList<>();
        SCHEMAS.forEach((name, type) -> {
            Schema<?> schema = schemas.get(name);
            if (schema == null) {
                differences.add(name + " is missing");
                return;
            }
            Set<String> documentedProperties = new TreeSet<>(schema.getProperties().keySet());
            Set<String> json = jsonProperties(type);
            if (!documentedProperties.equals(json)) {
                differences.add(name + ": document " + documentedProperties + ", " + type.getSimpleName() + " " + json);
            }
        });
        assertEquals(List.of(), differences);
    }

    /**
     * Payara's OpenAPI scanner takes any parameter with one of these constraints for a JAX-RS path
     * parameter and fails on it with a NullPointerException (payara/Payara#7649), which made
     * {@code /openapi} answer 500. Scanning is off ({@code mp.openapi.scan.disable}), but an
     * operator can turn it on with a setting, so the code keeps such constraints on fields: a
     * record declares its canonical constructor, whose parameters then carry none (see
     * {@code OrganizationJson}). A constraint the scanner ignores ({@code @NotNull}, {@code @Valid},
     * {@code @Pattern}, {@code @Email}) may stay on parameters.
     */
    static final Set<String> CONSTRAINTS_THE_SCANNER_TRIPS_ON = Set.of("NotBlank", "NotEmpty", "Size", "Min", "Max",
            "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero");

    @Test
    void noParameterCarriesAConstraintTheScannerTakesForAPathParameter() {
        List<String> offending = new ArrayList<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.plugboard").stream().map(JavaClass::reflect).forEach(type -> {
                    List<java.lang.reflect.Executable> executables = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
                    executables.addAll(Arrays.asList(type.getDeclaredMethods()));
                    for (java.lang.reflect.Executable executable : executables) {
                        for (java.lang.reflect.Parameter parameter : executable.getParameters()) {
                            if (parameter.isAnnotationPresent(jakarta.ws.rs.PathParam.class)) {
                                continue;
                            }
                            Arrays.stream(parameter.getAnnotations())
                                    .filter(a -> a.annotationType().getPackageName().equals("jakarta.validation.constraints")
                                            && CONSTRAINTS_THE_SCANNER_TRIPS_ON.contains(a.annotationType().getSimpleName()))
                                    .forEach(a -> offending.add(executable + " " + parameter.getName() + ": @"
                                            + a.annotationType().getSimpleName()));
                        }
                    }
                });
        assertEquals(List.of(), offending);
    }

    /** The resource methods the document has (the others fail {@link #everyResourceMethodIsAnOperationAndNothingElseIs}). */
    static Map<String, ResourceMethod> documentedAndImplemented() {
        Map<String, ResourceMethod> both = new TreeMap<>(implemented);
        both.keySet().retainAll(documented.keySet());
        return both;
    }

    // ------------------------------------------------------------------------- the code's side

    /** Every resource method of the application, keyed {@code "GET /path"} as the document keys it. */
    static Map<String, ResourceMethod> resourceMethods() {
        Map<String, ResourceMethod> methods = new TreeMap<>();
        List<Class<?>> resources = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.plugboard").stream()
                .filter(c -> c.isAnnotatedWith(Path.class))
                .map(JavaClass::reflect)
                .filter(c -> !Modifier.isAbstract(c.getModifiers()))
                .collect(Collectors.toList());
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                httpMethod(method).ifPresent(http -> {
                    Path path = method.getAnnotation(Path.class);
                    String key = http + " " + template(base + "/" + (path == null ? "" : path.value()));
                    ResourceMethod previous = methods.put(key, new ResourceMethod(key, resource, method));
                    assertEquals(null, previous, "two resource methods for " + key);
                });
            }
        }
        assertTrue(methods.size() > 50, "found the resource methods: " + methods.size());
        return methods;
    }

    private static java.util.Optional<String> httpMethod(Method method) {
        if (method.isBridge() || method.isSynthetic()) {
            return java.util.Optional.empty();
        }
        return Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(java.util.Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    /** {@code instances/{id: [0-9]+}/} becomes {@code /instances/{id}}. */
    static String template(String path) {
        String normalized = path.replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        normalized = normalized.replaceAll("^/|/$", "");
        return "/" + normalized;
    }

    /** The query parameter names a resource method binds, through its parameters, bean parameters and the resource's fields. */
    static Set<String> queryParameters(Class<?> resource, Method method) {
        Set<String> names = new TreeSet<>();
        fieldQueryParameters(resource, names);
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                fieldQueryParameters(parameter.getType(), names);
            }
        }
        return names;
    }

    private static void fieldQueryParameters(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredFields())
                    .map(f -> f.getAnnotation(QueryParam.class))
                    .filter(java.util.Objects::nonNull)
                    .forEach(q -> names.add(q.value()));
        }
    }

    /** The properties JSON-B reads and writes: record components and getters, less the transient ones. */
    static Set<String> jsonProperties(Class<?> type) {
        Set<String> names = new TreeSet<>();
        if (type.isRecord()) {
            Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        }
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == Record.class
                    || method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers())
                    || method.isAnnotationPresent(JsonbTransient.class)) {
                continue;
            }
            String name = method.getName();
            if (name.startsWith("get") && name.length() > 3) {
                names.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
            } else if (name.startsWith("is") && name.length() > 2
                    && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                names.add(Character.toLowerCase(name.charAt(2)) + name.substring(3));
            }
        }
        return names;
    }
}
