package io.plugboard.platform.boundary;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Checks an OpenAPI document the hub serves the way a client generator would read it: the
 * swagger-parser validator must have nothing to say, and every path template's placeholders
 * must be declared as path parameters of each of its operations (which the validator does not
 * check, and without which generated clients cannot fill the path). Shared by the unit tests and
 * the over-HTTP tests.
 */
public final class OpenApiDocuments {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    private OpenApiDocuments() {
    }

    /** The document, parsed with every reference resolved, after asserting that it is valid. */
    public static OpenAPI valid(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(),
                "the validator's messages on the document");
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api, "a document");
        List<String> undeclared = new ArrayList<>();
        operations(api).forEach((operation, details) -> {
            Set<String> placeholders = new TreeSet<>();
            Matcher matcher = PLACEHOLDER.matcher(details.path());
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
            Set<String> declared = new TreeSet<>(details.parameterNames("path"));
            if (!placeholders.equals(declared)) {
                undeclared.add(operation + ": placeholders " + placeholders + ", path parameters " + declared);
            }
        });
        assertEquals(List.of(), undeclared, "path parameters");
        return api;
    }

    /** An operation with the parameters of its path item and its own. */
    public record OperationDetails(String path, PathItem.HttpMethod method, Operation operation, List<Parameter> parameters) {

        public List<String> parameterNames(String in) {
            return parameters.stream().filter(p -> in.equals(p.getIn())).map(Parameter::getName).toList();
        }
    }

    /** Every operation of a (fully resolved) document, keyed {@code "GET /path"}, sorted. */
    public static Map<String, OperationDetails> operations(OpenAPI api) {
        Map<String, OperationDetails> operations = new TreeMap<>();
        if (api.getPaths() == null) {
            return operations;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<Parameter> parameters = new ArrayList<>();
            if (item.getParameters() != null) {
                parameters.addAll(item.getParameters());
            }
            if (operation.getParameters() != null) {
                parameters.addAll(operation.getParameters());
            }
            operations.put(method + " " + path, new OperationDetails(path, method, operation, parameters));
        }));
        return operations;
    }
}
