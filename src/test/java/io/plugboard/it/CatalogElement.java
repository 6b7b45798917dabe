package io.plugboard.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One element file as the conformance test reads it: the configuration entries and resources of
 * the stand-in the suite's hub loaded, and what the data contract for authentication styles
 * (docs/elements.md, the configuration keys) says the hub must do with them. Everything the test
 * expects is derived here from the file alone, independently of the hub's own code, so a new file
 * needs no new test code.
 */
final class CatalogElement {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9._-]+)}");
    /** Keys the test gives as credentials, or that the hub sets itself: never "per-account" values. */
    private static final Set<String> CREDENTIAL_KEYS = Set.of("oauth.api.key", "oauth.api.secret", "oauth.callback.url",
            "username", "password", "api.key");

    final String file;
    final String key;
    final String hub;
    final String type;
    final JsonObject json;
    /** Entry key to its default value as written ({@code null} when none). */
    final Map<String, String> defaults = new LinkedHashMap<>();
    final Map<String, JsonObject> entries = new LinkedHashMap<>();
    final List<JsonObject> resources = new ArrayList<>();

    private CatalogElement(String file, JsonObject json) {
        this.file = file;
        this.json = json;
        this.key = json.getString("key");
        this.hub = json.getString("hub");
        this.type = json.getJsonObject("authentication").getString("type");
        for (JsonValue value : json.getJsonArray("configuration")) {
            JsonObject entry = value.asJsonObject();
            entries.put(entry.getString("key"), entry);
            defaults.put(entry.getString("key"), string(entry, "defaultValue"));
        }
        json.getJsonArray("resources").forEach(r -> resources.add(r.asJsonObject()));
    }

    static CatalogElement read(Path standIn) throws IOException {
        try (var reader = Json.createReader(new StringReader(Files.readString(standIn, StandardCharsets.UTF_8)))) {
            return new CatalogElement(standIn.getFileName().toString(), reader.readObject());
        }
    }

    static String string(JsonObject object, String field) {
        JsonValue value = object.get(field);
        return value instanceof JsonString s ? s.getString() : value == null || value == JsonValue.NULL ? null : value.toString();
    }

    // --- the contract's settings -----------------------------------------------------------------

    /** An entry's default when it is set (a blank default counts as missing, as in the hub's templates). */
    Optional<String> setting(String entry) {
        return Optional.ofNullable(defaults.get(entry)).filter(v -> !v.isBlank());
    }

    boolean flag(String entry, boolean otherwise) {
        return setting(entry).map(v -> Boolean.parseBoolean(v.strip())).orElse(otherwise);
    }

    boolean clientCredentials() {
        return "oauth2".equals(type) && "client_credentials".equals(setting("oauth.grant.type").orElse("authorization_code").strip());
    }

    boolean jsonTokenBody() {
        return "json".equalsIgnoreCase(setting("oauth.token.body.format").orElse("form").strip());
    }

    boolean basicClientAuthentication() {
        return flag("oauth.basic.header", false);
    }

    boolean pkce() {
        return !"false".equalsIgnoreCase(setting("oauth.pkce").orElse("true").strip());
    }

    /**
     * Whether an authorization-code element's tokens are refreshed: it declares where refreshes go
     * or an entry for the refresh token. Otherwise its tokens never expire, and the conformance run
     * answers the exchange without {@code expires_in} or a refresh token.
     */
    boolean refreshes() {
        return entries.containsKey("oauth.token.refresh_url") || entries.containsKey("oauth.user.refresh_token");
    }

    /** The default scope with the element's separator ({@code oauth.scope.separator}, a space by default). */
    Optional<String> scope() {
        String separator = Optional.ofNullable(defaults.get("oauth.scope.separator")).filter(s -> !s.isEmpty()).orElse(" ");
        return setting("oauth.scope").map(s -> String.join(separator, s.strip().split("[\\s,]+")));
    }

    /** {@code name=value&...} settings (extra authorize and token parameters), templates resolved. */
    Map<String, String> formSetting(String entry, Map<String, String> values) {
        return setting(entry).map(s -> decodeForm(resolve(s, values))).orElse(Map.of());
    }

    /** {@code a=b,c=d} pairs ({@code oauth.token.response.keep}, {@code oauth.lookup.keep}, {@code oauth.callback.keep}). */
    Map<String, String> pairs(String entry) {
        Map<String, String> pairs = new LinkedHashMap<>();
        setting(entry).ifPresent(s -> {
            for (String pair : s.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
        });
        return pairs;
    }

    /** {@code provider.headers}: one {@code Name: value} a line, templates resolved. */
    Map<String, String> providerHeaders(Map<String, String> values) {
        Map<String, String> headers = new LinkedHashMap<>();
        setting("provider.headers").ifPresent(s -> {
            for (String line : s.split("\\R")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip(), resolve(line.substring(colon + 1).strip(), values));
                }
            }
        });
        return headers;
    }

    /** {@code provider.headers} whose templates the values can fill (before a lookup, not those needing its answer). */
    Map<String, String> resolvableProviderHeaders(Map<String, String> values) {
        Map<String, String> headers = new LinkedHashMap<>();
        setting("provider.headers").ifPresent(s -> {
            for (String line : s.split("\\R")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    try {
                        headers.put(line.substring(0, colon).strip(), resolve(line.substring(colon + 1).strip(), values));
                    } catch (AssertionError unresolvable) {
                        // needs a value the instance does not have yet
                    }
                }
            }
        });
        return headers;
    }

    // --- per-account values and the instance's configuration ------------------------------------

    /**
     * The values an operator fills for one account: every visible entry without a default that is
     * required or that a template uses, except the credentials, which the test gives itself.
     */
    Map<String, String> accountValues() {
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach((entryKey, entry) -> {
            if (entry.getBoolean("hidden", false) || CREDENTIAL_KEYS.contains(entryKey) || entryKey.startsWith("oauth.user.")
                    || setting(entryKey).isPresent()) {
                return;
            }
            if (entry.getBoolean("required", false) || referenced(entryKey)) {
                values.put(entryKey, testValue(entryKey));
            }
        });
        return values;
    }

    private boolean referenced(String entryKey) {
        return defaults.values().stream().anyMatch(v -> v != null && v.contains("{" + entryKey + "}"));
    }

    /**
     * A test value for a configuration key: a URL below MockServer where a template starts with the
     * key ({@code {store.url}/api}, {@code {sfdc.instance.url}/services}), else a plain word that
     * fits in a host name or a path ({@code {subdomain}.zendesk.com}, {@code /accounts/{id}}).
     */
    String testValue(String entryKey) {
        String slug = entryKey.toLowerCase().replaceAll("[^a-z0-9]", "");
        boolean url = defaults.values().stream().anyMatch(v -> v != null && v.strip().startsWith("{" + entryKey + "}"));
        return url ? TestEnvironment.mockServerUrl() + "/" + slug + ".example" : "t" + slug;
    }

    /**
     * A value the provider's callback could carry for {@code entryKey}: it must match the element's
     * {@code oauth.callback.keep.pattern}, so the test takes the first of the entry's own default
     * (a real accounts server, moved under MockServer), the usual test value and a number that
     * does; an element whose pattern none of them matches fails with its key.
     */
    String callbackValue(String entryKey) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(setting("oauth.callback.keep.pattern")
                .orElseThrow(() -> new AssertionError(key + " keeps callback values without oauth.callback.keep.pattern")));
        return java.util.stream.Stream.of(setting(entryKey).orElse(null), testValue(entryKey), "4620816365")
                .filter(v -> v != null && pattern.matcher(v).matches()).findFirst()
                .orElseThrow(() -> new AssertionError(key + ": no test value for " + entryKey + " matches " + pattern));
    }

    /** What the instance's configuration holds: the defaults, then the given and kept values over them. */
    Map<String, String> instanceValues(Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        defaults.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        values.putAll(given);
        return values;
    }

    /** Fills {@code {key}} placeholders from {@code values}, recursively; an unknown one fails the test. */
    static String resolve(String template, Map<String, String> values) {
        String current = template;
        for (int depth = 0; depth < 8 && current.contains("{"); depth++) {
            Matcher matcher = PLACEHOLDER.matcher(current);
            StringBuilder out = new StringBuilder();
            boolean any = false;
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null || value.isBlank()) {
                    throw new AssertionError("The test has no value for {" + matcher.group(1) + "} in " + template);
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
                any = true;
            }
            matcher.appendTail(out);
            current = out.toString();
            if (!any) {
                break;
            }
        }
        return current;
    }

    /** A URL setting resolved against the instance's values: where MockServer receives its calls. */
    String url(String entry, Map<String, String> values) {
        String template = setting(entry).orElseThrow(() -> new AssertionError("no " + entry + " entry with a default"));
        return resolve(template, values);
    }

    static Map<String, String> decodeForm(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null || form.isBlank()) {
            return values;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public String toString() {
        return key;
    }
}
