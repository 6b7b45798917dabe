package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.Urls;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code /hubs/{hub}/{path}?query} URL as the hub's own features write it (a poller
 * configuration, say): the hub, the path below it, and the query decoded into parameters, the
 * way JAX-RS hands them to {@code HubsResource}. Decoding is lenient, so a hand-written URL with
 * a raw quote or space in its query ({@code where=updated >'...'}) reads as meant.
 */
public record HubUrl(String hub, String path, Map<String, List<String>> query) {

    public HubUrl {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        query.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        query = java.util.Collections.unmodifiableMap(copy);
    }

    public static Outcome<HubUrl> parse(String url) {
        if (url == null || !url.startsWith("/hubs/")) {
            return Outcome.invalid("Not a /hubs/... URL: " + url);
        }
        int question = url.indexOf('?');
        String pathPart = question >= 0 ? url.substring(0, question) : url;
        String rest = pathPart.substring("/hubs/".length());
        int slash = rest.indexOf('/');
        String hub = slash >= 0 ? rest.substring(0, slash) : rest;
        if (hub.isEmpty()) {
            return Outcome.invalid("The URL names no hub: " + url);
        }
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : url.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(eq >= 0 ? decode(pair.substring(eq + 1)) : "");
            }
        }
        return Outcome.success(new HubUrl(hub, path, query));
    }

    /** The same URL with {@code name} set to this one value (replacing any it had). */
    public HubUrl with(String name, String value) {
        Map<String, List<String>> changed = new LinkedHashMap<>(query);
        changed.put(name, List.of(value));
        return new HubUrl(hub, path, changed);
    }

    /** The URL written back, query form-encoded. */
    @Override
    public String toString() {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(v -> pairs.add(Urls.formEncode(name) + "=" + Urls.formEncode(v))));
        return "/hubs/" + hub + (path.isEmpty() ? "" : "/" + path) + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }
}
