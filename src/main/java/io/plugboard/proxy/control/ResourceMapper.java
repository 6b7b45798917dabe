package io.plugboard.proxy.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ParameterDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.Urls;
import io.plugboard.proxy.control.where.WhereQuery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a {@code /hubs/{hub}/{path}} call onto the element resource it names: matches the hub's
 * path template and method, then moves each parameter to its vendor name and place (query, path,
 * header) and fills defaults, so the call becomes {@code vendorMethod base.url + vendorPath}.
 * Query parameters the resource does not define pass through unchanged, except {@code where}, which
 * becomes the provider's own filter parameters ({@link WhereQuery}) or a refusal.
 */
public final class ResourceMapper {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

    private ResourceMapper() {
    }

    /** The vendor call: method, encoded path below base.url, encoded query, headers to add. */
    public record VendorCall(String method, String path, String query, Map<String, String> headers) {
    }

    /** The element's resource that serves a method and path, and the values its path template captured. */
    public record Match(ResourceDefinition resource, Map<String, String> pathValues) {
    }

    public static Outcome<VendorCall> map(ElementDefinition element, String method, String path, Map<String, List<String>> query,
                                          Map<String, String> requestHeaders) {
        return find(element, method, path).map(found -> map(found.resource(), found.pathValues(), query, requestHeaders))
                .orElseGet(() -> Outcome.notFound("The element " + element.key() + " has no resource " + method + " "
                        + normalized(path) + "."));
    }

    /** The first resource whose method and path template match, as {@link #map} chooses it. */
    public static Optional<Match> find(ElementDefinition element, String method, String path) {
        String normalized = normalized(path);
        for (ResourceDefinition resource : element.resources()) {
            if (!resource.method().equalsIgnoreCase(method)) {
                continue;
            }
            Optional<Map<String, String>> captured = match(resource.path(), normalized);
            if (captured.isPresent()) {
                return Optional.of(new Match(resource, captured.get()));
            }
        }
        return Optional.empty();
    }

    private static String normalized(String path) {
        return "/" + (path == null ? "" : path.replaceAll("^/+", "").replaceAll("/+$", ""));
    }

    private static Outcome<VendorCall> map(ResourceDefinition resource, Map<String, String> pathValues,
                                           Map<String, List<String>> query, Map<String, String> requestHeaders) {
        Map<String, String> vendorPathValues = new LinkedHashMap<>();
        Map<String, List<String>> vendorQuery = new LinkedHashMap<>();
        Map<String, String> vendorHeaders = new LinkedHashMap<>();
        Map<String, List<String>> passThrough = new LinkedHashMap<>(query);
        Outcome<Map<String, List<String>>> where = WhereQuery.vendorParameters(resource,
                passThrough.remove(WhereQuery.PARAMETER), passThrough);
        if (!(where instanceof Outcome.Success<Map<String, List<String>>> filter)) {
            return where.asFailure();
        }
        List<String> missing = new ArrayList<>();
        List<ParameterDefinition> parameters = resource.parameters() == null ? List.of() : resource.parameters();
        for (ParameterDefinition parameter : parameters) {
            if ("body".equals(parameter.type())) {
                continue;
            }
            List<String> values = switch (parameter.type()) {
                case "path" -> Optional.ofNullable(pathValues.get(parameter.name())).map(List::of).orElse(List.of());
                case "query" -> Optional.ofNullable(passThrough.remove(parameter.name())).orElse(List.of());
                case "header" -> Optional.ofNullable(requestHeaders.get(parameter.name())).map(List::of).orElse(List.of());
                default -> List.of();
            };
            if (values.isEmpty() && parameter.defaultValue() != null) {
                values = List.of(parameter.defaultValue());
            }
            if (values.isEmpty()) {
                if (Boolean.TRUE.equals(parameter.required())) {
                    missing.add(parameter.name());
                }
                continue;
            }
            switch (parameter.vendorType()) {
                case "path" -> vendorPathValues.put(parameter.vendorName(), values.get(0));
                case "header" -> vendorHeaders.put(parameter.vendorName(), values.get(0));
                default -> vendorQuery.computeIfAbsent(parameter.vendorName(), k -> new ArrayList<>()).addAll(values);
            }
        }
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing required parameters: " + String.join(", ", missing) + ".");
        }
        passThrough.forEach((name, values) -> vendorQuery.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        vendorQuery.putAll(filter.value());   // replaces only defaults: the query setting one of these was refused above
        Matcher matcher = PLACEHOLDER.matcher(resource.vendorPath());
        StringBuilder vendorPath = new StringBuilder();
        while (matcher.find()) {
            String value = vendorPathValues.get(matcher.group(1));
            if (value == null) {
                return Outcome.invalid("The resource's vendor path needs {" + matcher.group(1) + "}, which no parameter supplies.");
            }
            matcher.appendReplacement(vendorPath, Matcher.quoteReplacement(encodeSegment(value)));
        }
        matcher.appendTail(vendorPath);
        List<String> pairs = new ArrayList<>();
        vendorQuery.forEach((name, values) -> values.forEach(v -> pairs.add(Urls.formEncode(name) + "=" + Urls.formEncode(v))));
        return Outcome.success(new VendorCall(resource.vendorMethod(), vendorPath.toString(), String.join("&", pairs), vendorHeaders));
    }

    /** Matches {@code /orders/{id}} against {@code /orders/42}: the captured values by name, or empty. */
    static Optional<Map<String, String>> match(String template, String path) {
        String[] want = template.replaceAll("^/+", "").replaceAll("/+$", "").split("/", -1);
        String[] got = path.replaceAll("^/+", "").replaceAll("/+$", "").split("/", -1);
        if (want.length != got.length) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            Matcher placeholder = PLACEHOLDER.matcher(want[i]);
            if (placeholder.matches()) {
                if (got[i].isEmpty()) {
                    return Optional.empty();
                }
                values.put(placeholder.group(1), java.net.URLDecoder.decode(got[i], StandardCharsets.UTF_8));
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /**
     * A path value becomes exactly one segment (RFC 3986 pchar: unreserved, sub-delims, ':' and
     * '@' kept, everything else percent-encoded): a slash or dots inside it cannot change the path.
     */
    static String encodeSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        String encoded = out.toString();
        return encoded.equals("..") || encoded.equals(".") ? encoded.replace(".", "%2E") : encoded;
    }
}
