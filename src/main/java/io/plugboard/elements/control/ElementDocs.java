package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ParameterDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.elements.entity.WhereMapping;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * An element's hub resources as an OpenAPI 3.0 document, as Cloud Elements serves one per
 * element: each resource is {@code method /hubs/{hub}{path}} with its parameters where the
 * caller sends them (their vendor names and places are the hub's business, not the client's), and
 * {@code where} with the fields and operators it takes on resources that have a where mapping,
 * called with the instance's {@code Authorization: User ..., Organization ..., Element <token>}.
 * The document is generated from the definition, so it is right for private elements and
 * operator files alike, and a client generated from it calls exactly what the hub maps.
 *
 * <p>Built with JSON-P rather than the MicroProfile OpenAPI model: that model belongs to the
 * server's own {@code /openapi} and is absent on servers without MicroProfile OpenAPI (WildFly's
 * default profile), while this endpoint must work wherever the WAR runs.
 *
 * <p>Where the definition is ambiguous the document follows {@code ResourceMapper}, which serves
 * the call: of two resources with the same method and path, the first one; two paths that differ
 * only in their placeholders' names are one path in OpenAPI, so the later resource is listed under
 * the first one's names (the client sends values by position, and the hub matches by position).
 */
public final class ElementDocs {

    /** The security scheme every operation requires: the caller's secrets and the instance token. */
    public static final String SECURITY_SCHEME = "UserOrganizationElement";
    /** The api-v2 error body, which every failure of every operation has. */
    static final String ERROR_SCHEMA = "ApiError";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/]+)}");
    private static final Set<String> DATA_TYPES = Set.of("string", "integer", "number", "boolean", "object", "array");
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private ElementDocs() {
    }

    /**
     * The document.
     *
     * @param element the element definition
     * @param apiBase the api-v2 base path as the caller reaches it, such as {@code /elements/api-v2}
     */
    public static JsonObject of(ElementDefinition element, String apiBase) {
        String hubPrefix = "/hubs/" + element.hub();
        Map<String, JsonObjectBuilder> paths = new LinkedHashMap<>();
        Map<String, Set<String>> methodsByPath = new HashMap<>();
        Map<String, String> pathByShape = new HashMap<>();
        Set<String> operationIds = new HashSet<>();
        Set<String> tags = new TreeSet<>();
        for (ResourceDefinition resource : element.resources() == null ? List.<ResourceDefinition>of() : element.resources()) {
            String template = normalized(resource.path());
            String shape = PLACEHOLDER.matcher(template).replaceAll("{}");
            String path = pathByShape.computeIfAbsent(shape, s -> template);
            String method = resource.method().toUpperCase(Locale.ROOT);
            if (!methodsByPath.computeIfAbsent(path, p -> new HashSet<>()).add(method)) {
                continue;   // the mapper never reaches a second resource with the same method and path
            }
            Map<String, String> renamed = renaming(template, path);
            String tag = tag(path);
            tags.add(tag);
            paths.computeIfAbsent(path, p -> JSON.createObjectBuilder())
                    .add(method.toLowerCase(Locale.ROOT), operation(resource, method, path, renamed, tag,
                            uniqueId(operationId(method, path), operationIds)));
        }
        JsonObjectBuilder pathsJson = JSON.createObjectBuilder();
        paths.forEach((path, item) -> pathsJson.add(hubPrefix + (path.equals("/") ? "" : path), item));
        JsonArrayBuilder tagsJson = JSON.createArrayBuilder();
        tags.forEach(tag -> tagsJson.add(JSON.createObjectBuilder().add("name", tag)));
        return JSON.createObjectBuilder()
                .add("openapi", "3.0.3")
                .add("info", info(element))
                .add("servers", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("url", apiBase)
                        .add("description", "This hub's api-v2.")))
                .add("security", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add(SECURITY_SCHEME, JSON.createArrayBuilder())))
                .add("tags", tagsJson)
                .add("paths", pathsJson)
                .add("components", JSON.createObjectBuilder()
                        .add("schemas", JSON.createObjectBuilder().add(ERROR_SCHEMA, JSON.createObjectBuilder()
                                .add("type", "object")
                                .add("description", "The api-v2 error body.")
                                .add("required", JSON.createArrayBuilder().add("requestId").add("message"))
                                .add("properties", JSON.createObjectBuilder()
                                        .add("requestId", JSON.createObjectBuilder().add("type", "string"))
                                        .add("message", JSON.createObjectBuilder().add("type", "string"))
                                        .add("providerMessage", JSON.createObjectBuilder().add("type", "string")
                                                .add("description", "The provider's answer, when it answered with an error.")))))
                        .add("securitySchemes", JSON.createObjectBuilder()
                                .add(SECURITY_SCHEME, JSON.createObjectBuilder()
                                        .add("type", "apiKey")
                                        .add("in", "header")
                                        .add("name", "Authorization")
                                        .add("description", "`User <user secret>, Organization <organization secret>, "
                                                + "Element <instance token>`: the caller's secrets and the token of one "
                                                + "of the organization's " + element.key() + " instances."))))
                .build();
    }

    private static JsonObjectBuilder info(ElementDefinition element) {
        String about = element.description() == null || element.description().isBlank() ? "" : element.description().strip() + "\n\n";
        return JSON.createObjectBuilder()
                .add("title", element.name() + " (" + element.key() + ")")
                .add("version", "api-v2")
                .add("description", about + "The " + element.name() + " resources of the " + element.hub()
                        + " hub, called through an instance of the element: the hub maps each call to the provider's "
                        + "API, adds the instance's credentials and relays the provider's answer. Lists answer a plain "
                        + "JSON array, paged with pageSize and nextPage (Elements-Next-Page-Token) whatever the provider "
                        + "does. Failures are api-v2 errors: {\"requestId\", \"message\"}, with \"providerMessage\" "
                        + "and the provider's status when the provider answered with an error.");
    }

    private static JsonObjectBuilder operation(ResourceDefinition resource, String method, String path,
                                               Map<String, String> renamed, String tag, String operationId) {
        JsonObjectBuilder operation = JSON.createObjectBuilder()
                .add("tags", JSON.createArrayBuilder().add(tag))
                .add("operationId", operationId)
                .add("summary", resource.description() == null || resource.description().isBlank()
                        ? method + " " + path : resource.description().strip());
        List<ParameterDefinition> definitions = resource.parameters() == null ? List.of() : resource.parameters();
        JsonArrayBuilder parameters = JSON.createArrayBuilder();
        Set<String> declaredPathParameters = new HashSet<>();
        List<ParameterDefinition> body = new ArrayList<>();
        for (ParameterDefinition parameter : definitions) {
            switch (parameter.type()) {
                case "path" -> {
                    String name = renamed.getOrDefault(parameter.name(), parameter.name());
                    if (declaredPathParameters.add(name)) {
                        parameters.add(parameter(parameter, name, "path", true));
                    }
                }
                case "query", "header" -> parameters.add(parameter(parameter, parameter.name(), parameter.type(),
                        Boolean.TRUE.equals(parameter.required()) && parameter.defaultValue() == null));
                case "body" -> body.add(parameter);
                default -> {
                    // ElementRules admits no other place; nothing to document.
                }
            }
        }
        Matcher placeholders = PLACEHOLDER.matcher(path);
        while (placeholders.find()) {
            // A placeholder without a definition still takes a value (ElementRules refuses such
            // elements, but operator files may predate a rule); OpenAPI needs it declared.
            if (declaredPathParameters.add(placeholders.group(1))) {
                parameters.add(JSON.createObjectBuilder().add("name", placeholders.group(1)).add("in", "path")
                        .add("required", true).add("schema", JSON.createObjectBuilder().add("type", "string")));
            }
        }
        if (resource.where() != null && resource.where().fields() != null && !resource.where().fields().isEmpty()) {
            parameters.add(whereParameter(resource.where()));
        }
        if (resource.isList() && resource.paging() != null) {
            parameters.add(pageSize(resource.paging())).add(JSON.createObjectBuilder()
                    .add("name", "nextPage").add("in", "query").add("required", false)
                    .add("description", "The Elements-Next-Page-Token of the previous page, as it came; send the same "
                            + "other parameters again. A token of another resource or instance, or an altered one, is a 400.")
                    .add("schema", JSON.createObjectBuilder().add("type", "string")));
        }
        operation.add("parameters", parameters);
        if (!body.isEmpty() || METHODS_WITH_BODY.contains(method)) {
            operation.add("requestBody", requestBody(body));
        }
        return operation.add("responses", JSON.createObjectBuilder()
                .add("200", resource.isList() ? listAnswer(resource) : JSON.createObjectBuilder()
                        .add("description", "The provider's answer, relayed as it is.")
                        .add("content", JSON.createObjectBuilder().add("application/json", JSON.createObjectBuilder()
                                .add("schema", JSON.createObjectBuilder()))))
                .add("default", JSON.createObjectBuilder()
                        .add("description", "An api-v2 error: a provider error with the provider's status and its body "
                                + "as providerMessage; or the hub's own failure: 400 a required parameter missing, a where the resource "
                                + "cannot run"
                                + (resource.isList() && resource.paging() != null ? " or a bad pageSize or nextPage" : "")
                                + ", 401 the Authorization header or its Element token missing or invalid, 403 the "
                                + "instance disabled, 404 not an instance of this element, 429 the instance's rate limit, "
                                + "502 the provider unreachable" + (resource.isList() ? " or its list unusable" : "")
                                + ", 504 no answer in time.")
                        .add("content", JSON.createObjectBuilder().add("application/json", JSON.createObjectBuilder()
                                .add("schema", JSON.createObjectBuilder().add("$ref", "#/components/schemas/" + ERROR_SCHEMA))))));
    }

    /** {@code pageSize}: at least 1, at most the vendor's maximum, defaulting to what the hub asks for without one. */
    private static JsonObjectBuilder pageSize(ElementDefinition.Paging paging) {
        JsonObjectBuilder schema = JSON.createObjectBuilder().add("type", "integer").add("minimum", 1);
        if (paging.maxPageSize() != null) {
            schema.add("maximum", paging.maxPageSize());
        }
        paging.pageSizeByDefault().ifPresent(size -> schema.add("default", size));
        return JSON.createObjectBuilder().add("name", "pageSize").add("in", "query").add("required", false)
                .add("description", paging.sizeParameter() == null
                        ? "Records per page: the provider's page size is fixed, so this one has no effect."
                        : "Records per page; a larger number is capped at the maximum.")
                .add("schema", schema);
    }

    /** A list's page: a plain array of the provider's records, with the api-v2 list headers. */
    private static JsonObjectBuilder listAnswer(ResourceDefinition resource) {
        JsonObjectBuilder headers = JSON.createObjectBuilder()
                .add("Elements-Returned-Count", JSON.createObjectBuilder()
                        .add("description", "How many records this page holds.")
                        .add("schema", JSON.createObjectBuilder().add("type", "integer")));
        if (resource.paging() != null) {
            headers.add("Elements-Next-Page-Token", JSON.createObjectBuilder()
                    .add("description", "The nextPage of the next page; absent on the last page and on an empty one.")
                    .add("schema", JSON.createObjectBuilder().add("type", "string")));
        }
        return JSON.createObjectBuilder()
                .add("description", "One page of the provider's records as a plain JSON array.")
                .add("headers", headers)
                .add("content", JSON.createObjectBuilder().add("application/json", JSON.createObjectBuilder()
                        .add("schema", JSON.createObjectBuilder().add("type", "array")
                                .add("items", JSON.createObjectBuilder()))));
    }

    /**
     * {@code where}, with what this resource can filter on: in the description for people, and as
     * {@code x-where-fields} ({@code [{name, type, operators}]}) for tools, since OpenAPI has no
     * word for a query language's vocabulary.
     */
    private static JsonObjectBuilder whereParameter(WhereMapping where) {
        StringBuilder description = new StringBuilder("Filters the list, in the Cloud Elements query language: conditions "
                + "`field operator value` joined by `and`");
        boolean or = where.expression() != null && where.expression().or() != null;
        description.append(or ? " or `or` (with parentheses)" : " (`or` is refused: the provider cannot express it)")
                .append("; strings in single quotes ('' for a quote), numbers and true/false bare, dates as ISO 8601 strings "
                        + "such as '2024-05-01T12:00:00Z'. A field or operator not listed here is a 400. Fields:");
        JsonArrayBuilder fields = JSON.createArrayBuilder();
        String example = null;
        for (WhereMapping.Field field : where.fields()) {
            List<String> operators = field.operators() == null ? List.of()
                    : field.operators().stream().filter(Objects::nonNull).map(WhereMapping.Operator::operator).toList();
            description.append("\n- `").append(field.name()).append("` (").append(field.typeOrDefault()).append("): ")
                    .append(operators.stream().map(o -> "`" + o + "`").collect(Collectors.joining(", ")));
            if (field.description() != null && !field.description().isBlank()) {
                description.append(". ").append(field.description().strip());
            }
            JsonArrayBuilder operatorsJson = JSON.createArrayBuilder();
            operators.forEach(operatorsJson::add);
            fields.add(JSON.createObjectBuilder().add("name", field.name()).add("type", field.typeOrDefault())
                    .add("operators", operatorsJson));
            if (example == null && !operators.isEmpty()) {
                example = example(field, operators.get(0));
            }
        }
        JsonObjectBuilder parameter = JSON.createObjectBuilder().add("name", "where").add("in", "query").add("required", false)
                .add("description", description.toString())
                .add("schema", JSON.createObjectBuilder().add("type", "string"))
                .add("x-where-fields", fields);
        return example == null ? parameter : parameter.add("example", example);
    }

    private static String example(WhereMapping.Field field, String operator) {
        String value = switch (field.typeOrDefault()) {
            case "number" -> "42";
            case "boolean" -> "true";
            case "date" -> "'2024-05-01T12:00:00Z'";
            default -> operator.equals("like") ? "'A%'" : "'text'";
        };
        return field.name() + " " + operator + " " + (operator.equals("in") ? "(" + value + ")" : value);
    }

    private static JsonObjectBuilder parameter(ParameterDefinition parameter, String name, String in, boolean required) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("name", name).add("in", in).add("required", required);
        if (parameter.description() != null && !parameter.description().isBlank()) {
            json.add("description", parameter.description().strip());
        }
        return json.add("schema", schema(parameter.dataType(), in.equals("path") ? null : parameter.defaultValue()));
    }

    private static JsonObjectBuilder requestBody(List<ParameterDefinition> body) {
        JsonObjectBuilder schema;
        String description = "Sent to the provider as it is.";
        boolean required = body.stream().anyMatch(p -> Boolean.TRUE.equals(p.required()));
        if (body.size() == 1) {
            ParameterDefinition only = body.get(0);
            schema = schema(only.dataType() == null ? "object" : only.dataType(), null);
            if (only.description() != null && !only.description().isBlank()) {
                description = only.description().strip();
            }
        } else if (body.isEmpty()) {
            schema = JSON.createObjectBuilder().add("type", "object");
        } else {
            JsonObjectBuilder properties = JSON.createObjectBuilder();
            JsonArrayBuilder requiredProperties = JSON.createArrayBuilder();
            boolean anyRequired = false;
            for (ParameterDefinition field : body) {
                JsonObjectBuilder property = schema(field.dataType(), null);
                if (field.description() != null && !field.description().isBlank()) {
                    property.add("description", field.description().strip());
                }
                properties.add(field.name(), property);
                if (Boolean.TRUE.equals(field.required())) {
                    requiredProperties.add(field.name());
                    anyRequired = true;
                }
            }
            schema = JSON.createObjectBuilder().add("type", "object").add("properties", properties);
            if (anyRequired) {
                schema.add("required", requiredProperties);
            }
        }
        return JSON.createObjectBuilder()
                .add("description", description)
                .add("required", required)
                .add("content", JSON.createObjectBuilder().add("application/json",
                        JSON.createObjectBuilder().add("schema", schema)));
    }

    /** The parameter's type, and the default the hub sends when the caller omits it, typed to match. */
    private static JsonObjectBuilder schema(String dataType, String defaultValue) {
        String type = dataType != null && DATA_TYPES.contains(dataType) ? dataType : "string";
        JsonObjectBuilder schema = JSON.createObjectBuilder().add("type", type);
        if (type.equals("array")) {
            schema.add("items", JSON.createObjectBuilder().add("type", "string"));
        }
        if (defaultValue != null) {
            try {
                switch (type) {
                    case "integer" -> schema.add("default", Long.parseLong(defaultValue.strip()));
                    case "number" -> schema.add("default", new BigDecimal(defaultValue.strip()));
                    case "boolean" -> {
                        if (defaultValue.strip().equalsIgnoreCase("true") || defaultValue.strip().equalsIgnoreCase("false")) {
                            schema.add("default", Boolean.parseBoolean(defaultValue.strip()));
                        }
                    }
                    case "string" -> schema.add("default", defaultValue);
                    default -> {
                        // An object or array default is sent as text; JSON Schema cannot state it as one.
                    }
                }
            } catch (NumberFormatException notANumber) {
                // The hub sends the text as it is; a typed default cannot describe it, so none is given.
            }
        }
        return schema;
    }

    /** {@code /contacts/{id}/} and {@code contacts/{id}} both become {@code /contacts/{id}}. */
    private static String normalized(String path) {
        String trimmed = path == null ? "" : path.strip().replaceAll("^/+", "").replaceAll("/+$", "");
        return "/" + trimmed;
    }

    /** The later template's placeholder names mapped by position onto the first one's. */
    private static Map<String, String> renaming(String template, String path) {
        Map<String, String> renamed = new HashMap<>();
        if (template.equals(path)) {
            return renamed;
        }
        Matcher from = PLACEHOLDER.matcher(template);
        Matcher to = PLACEHOLDER.matcher(path);
        while (from.find() && to.find()) {
            renamed.put(from.group(1), to.group(1));
        }
        return renamed;
    }

    private static String tag(String path) {
        String first = path.replaceAll("^/+", "").split("/", 2)[0];
        return first.isEmpty() || PLACEHOLDER.matcher(first).matches() ? "resources" : first;
    }

    /** {@code GET /contacts/{id}} becomes {@code getContactsById}, as Cloud Elements names its operations. */
    static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            Matcher placeholder = PLACEHOLDER.matcher(segment);
            if (placeholder.matches()) {
                id.append("By").append(capitalized(placeholder.group(1)));
            } else {
                for (String word : segment.split("[^A-Za-z0-9]+")) {
                    id.append(capitalized(word));
                }
            }
        }
        return id.toString();
    }

    private static String uniqueId(String id, Set<String> taken) {
        String unique = id;
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + n;
        }
        return unique;
    }

    private static String capitalized(String word) {
        String letters = word.replaceAll("[^A-Za-z0-9]", "");
        return letters.isEmpty() ? "" : Character.toUpperCase(letters.charAt(0)) + letters.substring(1);
    }
}
