package io.plugboard.elements.control;

import io.plugboard.platform.control.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration entry {@code provider.headers}: fixed extra headers an element sends on every
 * call of the provider's API (a version header, a tenant id), one {@code Name: value} per line,
 * values may be templates. Lives with the elements because both the element rules (a malformed
 * value is refused when the element is loaded) and every feature that calls a provider read it,
 * and they must read it the same way.
 */
public final class ProviderHeaders {

    /** The configuration key. */
    public static final String KEY = "provider.headers";

    /** RFC 9110 section 5.6.2: a header name is a token. */
    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$");
    /**
     * Headers the HTTP client or the hub itself manages (framing, the connection, the target):
     * a fixed value there would break the exchange rather than inform the provider.
     */
    private static final Set<String> MANAGED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-authorization", "proxy-connection");

    private ProviderHeaders() {
    }

    /** What is wrong with a {@code provider.headers} value, each problem once; empty when it is usable. */
    public static List<String> problems(String value) {
        List<String> problems = new ArrayList<>();
        parse(value, problems);
        return problems;
    }

    /**
     * The headers of a {@code provider.headers} value as written (templates not yet resolved), in
     * their order, or why the value is malformed. A blank or absent value is no headers.
     */
    public static Outcome<Map<String, String>> parse(String value) {
        List<String> problems = new ArrayList<>();
        Map<String, String> headers = parse(value, problems);
        return problems.isEmpty() ? Outcome.success(headers) : Outcome.invalid(KEY + ": " + String.join("; ", problems) + ".");
    }

    /**
     * The headers for a call with this configuration: {@code provider.headers} parsed and its
     * templates resolved against the configuration. Invalid when the value is malformed, a
     * template has no value, or a resolved value would break the header line.
     */
    public static Outcome<Map<String, String>> resolve(Map<String, String> configuration) {
        return parse(configuration.get(KEY)).flatMap(headers -> {
            Map<String, String> resolved = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : headers.entrySet()) {
                Outcome<String> value = resolveOne(header.getKey(), header.getValue(), configuration);
                if (!(value instanceof Outcome.Success<String> text)) {
                    return value.asFailure();
                }
                resolved.put(header.getKey(), text.value());
            }
            return Outcome.success(resolved);
        });
    }

    /**
     * The headers that can be filled with this configuration as it stands, the others left out:
     * for a call made before the instance has every value (the post-connect lookup, which brings
     * some of them). A malformed value is no headers, as {@link #resolve} would refuse it.
     */
    public static Map<String, String> resolvableNow(Map<String, String> configuration) {
        Map<String, String> known = new LinkedHashMap<>();
        if (parse(configuration.get(KEY)) instanceof Outcome.Success<Map<String, String>> headers) {
            headers.value().forEach((name, template) -> {
                if (resolveOne(name, template, configuration) instanceof Outcome.Success<String> text) {
                    known.put(name, text.value());
                }
            });
        }
        return known;
    }

    private static Outcome<String> resolveOne(String name, String template, Map<String, String> configuration) {
        ConfigTemplates.Resolution resolution = ConfigTemplates.resolve(template, configuration::get);
        if (resolution instanceof ConfigTemplates.Resolution.Unresolved unresolved) {
            return Outcome.invalid(KEY + ": the header " + name + " needs a value for " + String.join(", ", unresolved.missing()) + ".");
        }
        String text = ((ConfigTemplates.Resolution.Resolved) resolution).value().strip();
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            // A template value may come from the instance: it must not start a header of its own.
            return Outcome.invalid(KEY + ": the value of the header " + name + " has a line break.");
        }
        return Outcome.success(text);
    }

    private static Map<String, String> parse(String value, List<String> problems) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return headers;
        }
        Set<String> seen = new java.util.HashSet<>();
        int number = 0;
        for (String line : value.split("\\R")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                problems.add("line " + number + " is not of the form 'Name: value'");
                continue;
            }
            String name = line.substring(0, colon).strip();
            String headerValue = line.substring(colon + 1).strip();
            if (!TOKEN.matcher(name).matches()) {
                problems.add("line " + number + ": '" + name + "' is not a header name");
            } else if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add("line " + number + ": the header " + name + " is set by the HTTP exchange itself");
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.add("line " + number + ": the header " + name + " appears twice");
            } else if (headerValue.isEmpty()) {
                problems.add("line " + number + ": the header " + name + " has no value");
            } else if (headerValue.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                problems.add("line " + number + ": the value of " + name + " has a control character");
            } else {
                headers.put(name, headerValue);
            }
        }
        return headers;
    }
}
