package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.platform.control.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The syntax of the OAuth configuration entries that hold more than a URL: the lists that copy
 * values a provider hands out during a connect into the instance's configuration
 * ({@code oauth.token.response.keep} and {@code oauth.lookup.keep}, {@code /json/pointer=config.key}
 * pairs; {@code oauth.callback.keep}, {@code queryParameter=config.key} pairs; each
 * comma-separated), the token response root (a JSON pointer) and the token body format. One
 * reading for the element rules (an element's defaults) and for the connect itself (an instance
 * may set its own value), so an entry means the same in both places.
 *
 * <p>Kept values are provider data: they may fill an element's own keys (an account's API host,
 * a tenant id), never the hub's credentials, its OAuth settings, its egress switch or its events
 * settings, which a provider's answer must not be able to change.
 */
public final class OAuthEntries {

    public static final String TOKEN_RESPONSE_KEEP = "oauth.token.response.keep";
    public static final String LOOKUP_KEEP = "oauth.lookup.keep";
    public static final String CALLBACK_KEEP = "oauth.callback.keep";
    /**
     * The regular expression every value kept from the callback must match in full. The callback
     * query arrives through the user's browser, so anyone can change it; a kept value often goes
     * into a URL (the token endpoint's host, a path segment of {@code base.url}), and without this
     * check the hub would send the client secret or the user's tokens wherever it pointed.
     */
    public static final String CALLBACK_KEEP_PATTERN = "oauth.callback.keep.pattern";
    public static final String TOKEN_RESPONSE_ROOT = "oauth.token.response.root";
    public static final String TOKEN_BODY_FORMAT = "oauth.token.body.format";

    /** RFC 6901, at least one reference token: a kept value is never the whole answer. */
    private static final Pattern POINTER = Pattern.compile("^(/([^~]|~[01])*)+$");
    /** RFC 6901 including "" (the whole document). */
    private static final Pattern POINTER_OR_ROOT = Pattern.compile("^(/([^~]|~[01])*)*$");
    /** The characters of a configuration key, as templates name them. */
    private static final Pattern CONFIG_KEY = Pattern.compile("^[A-Za-z0-9_.\\-]+$");
    private static final List<String> PROTECTED_PREFIXES = List.of("oauth.", "egress.", "event.");
    private static final Set<String> PROTECTED_KEYS = Set.of("password", "api.key", "username");

    private OAuthEntries() {
    }

    /** One {@code source=config.key} pair: a JSON pointer or a query parameter name, and where its value goes. */
    public record Pair(String source, String key) {
    }

    /** {@code /pointer=config.key, ...}; blank is no pair. */
    public static Outcome<List<Pair>> pointerPairs(String entryKey, String value) {
        return pairs(entryKey, value, true);
    }

    /** {@code parameter=config.key, ...}; blank is no pair. */
    public static Outcome<List<Pair>> parameterPairs(String entryKey, String value) {
        return pairs(entryKey, value, false);
    }

    /** Whether {@code value} is a JSON pointer usable as {@code oauth.token.response.root} ("" or blank: the whole answer). */
    public static boolean isRootPointer(String value) {
        return value == null || value.isBlank() || POINTER_OR_ROOT.matcher(value.strip()).matches();
    }

    /** {@code form} (also for blank) or {@code json}; empty for anything else. */
    public static java.util.Optional<String> bodyFormat(String value) {
        String format = value == null || value.isBlank() ? "form" : value.strip().toLowerCase(Locale.ROOT);
        return format.equals("form") || format.equals("json") ? java.util.Optional.of(format) : java.util.Optional.empty();
    }

    /**
     * The element rules for these entries' defaults: each list parses, its target keys are the
     * element's own configuration keys (so a kept value is declared and documented), the
     * response root is a pointer and the body format is known.
     */
    public static List<String> problems(List<ConfigurationDefinition> configuration, Set<String> configKeys) {
        List<String> problems = new ArrayList<>();
        for (ConfigurationDefinition entry : configuration) {
            if (entry == null || entry.key() == null || entry.defaultValue() == null) {
                continue;
            }
            String value = entry.defaultValue();
            Outcome<List<Pair>> parsed = switch (entry.key()) {
                case TOKEN_RESPONSE_KEEP, LOOKUP_KEEP -> pointerPairs(entry.key(), value);
                case CALLBACK_KEEP -> parameterPairs(entry.key(), value);
                default -> null;
            };
            if (parsed instanceof Outcome.Success<List<Pair>> pairs) {
                pairs.value().stream().map(Pair::key).filter(key -> !configKeys.contains(key)).forEach(key ->
                        problems.add("configuration '" + entry.key() + "' keeps a value in " + key
                                + ", which is not a configuration key of this element"));
            } else if (parsed instanceof Outcome.Invalid<List<Pair>> invalid) {
                problems.add(invalid.message());
            }
            if (entry.key().equals(CALLBACK_KEEP) && parsed instanceof Outcome.Success<List<Pair>> kept
                    && !kept.value().isEmpty() && callbackPattern(configuration).isEmpty()) {
                problems.add("configuration '" + CALLBACK_KEEP + "' needs '" + CALLBACK_KEEP_PATTERN
                        + "', a regular expression the provider's callback values must match");
            }
            if (entry.key().equals(CALLBACK_KEEP_PATTERN) && compiled(value).isEmpty()) {
                problems.add("configuration '" + CALLBACK_KEEP_PATTERN + "' is not a regular expression");
            }
            if (entry.key().equals(TOKEN_RESPONSE_ROOT) && !isRootPointer(value)) {
                problems.add("configuration '" + TOKEN_RESPONSE_ROOT + "' must be a JSON pointer such as /authed_user");
            }
            if (entry.key().equals(TOKEN_BODY_FORMAT) && bodyFormat(value).isEmpty()) {
                problems.add("configuration '" + TOKEN_BODY_FORMAT + "' must be form or json");
            }
        }
        return problems;
    }

    private static java.util.Optional<String> callbackPattern(List<ConfigurationDefinition> configuration) {
        return configuration.stream().filter(c -> c != null && CALLBACK_KEEP_PATTERN.equals(c.key()))
                .map(ConfigurationDefinition::defaultValue).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    /** The pattern, or empty when it does not compile. */
    public static java.util.Optional<java.util.regex.Pattern> compiled(String pattern) {
        try {
            return java.util.Optional.of(java.util.regex.Pattern.compile(pattern.strip()));
        } catch (java.util.regex.PatternSyntaxException e) {
            return java.util.Optional.empty();
        }
    }

    private static Outcome<List<Pair>> pairs(String entryKey, String value, boolean pointers) {
        List<Pair> pairs = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return Outcome.success(pairs);
        }
        for (String item : value.split(",")) {
            String pair = item.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.lastIndexOf('=');
            String source = eq < 0 ? "" : pair.substring(0, eq).strip();
            String key = eq < 0 ? "" : pair.substring(eq + 1).strip();
            String example = pointers ? "/instance_url=my.instance.url" : "realmId=my.realm.id";
            if (source.isEmpty() || key.isEmpty()) {
                return Outcome.invalid(entryKey + ": '" + pair + "' is not a pair such as " + example + ".");
            }
            if (pointers && !POINTER.matcher(source).matches()) {
                return Outcome.invalid(entryKey + ": '" + source + "' is not a JSON pointer such as /instance_url.");
            }
            if (!CONFIG_KEY.matcher(key).matches()) {
                return Outcome.invalid(entryKey + ": '" + key + "' is not a configuration key.");
            }
            if (isProtected(key)) {
                return Outcome.invalid(entryKey + ": a provider's value cannot be kept in " + key
                        + " (credentials, OAuth, egress and events settings are the hub's).");
            }
            if (pairs.stream().anyMatch(p -> p.key().equals(key))) {
                return Outcome.invalid(entryKey + ": " + key + " is kept twice.");
            }
            pairs.add(new Pair(source, key));
        }
        return Outcome.success(pairs);
    }

    private static boolean isProtected(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return PROTECTED_KEYS.contains(lower) || PROTECTED_PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
