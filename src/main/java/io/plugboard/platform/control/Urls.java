package io.plugboard.platform.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Small, exact URL work: query building and form decoding, with the encoding spelled out once. */
public final class Urls {

    private Urls() {
    }

    /** {@code application/x-www-form-urlencoded} encoding (space as {@code +}), as OAuth query strings use. */
    public static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Appends parameters (in order, nulls skipped) to a URL that may already have a query. */
    public static String withQuery(String url, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(formEncode(name) + "=" + formEncode(value));
            }
        });
        if (query.length() == 0) {
            return url;
        }
        int fragment = url.indexOf('#');
        String base = fragment >= 0 ? url.substring(0, fragment) : url;
        String tail = fragment >= 0 ? url.substring(fragment) : "";
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + separator + query + tail;
    }

    /** Decodes a form-encoded body or query; the last value wins for a repeated name. */
    public static Map<String, String> formDecode(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return values;
        }
        for (String pair : encoded.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq) : pair;
            String value = eq >= 0 ? pair.substring(eq + 1) : "";
            values.put(decode(name), decode(value));
        }
        return values;
    }

    /** Decodes leniently: a provider's malformed escape is kept as sent, not turned into an exception. */
    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    /** The URL if it is absolute http(s) with a host; empty otherwise. */
    public static Optional<URI> httpUrl(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return Optional.of(uri);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
