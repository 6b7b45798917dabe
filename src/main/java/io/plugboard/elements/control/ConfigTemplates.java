package io.plugboard.elements.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration values are templates: {@code "{store.url}/api/rest"} takes {@code store.url} from
 * the same configuration. Resolution is recursive (a value may refer to a value that is itself a
 * template) with a depth limit, so a cycle fails instead of looping.
 */
public final class ConfigTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.\\-]+)}");
    private static final int MAX_DEPTH = 8;

    private ConfigTemplates() {
    }

    /** Either the resolved text, or the placeholders that had no value. */
    public sealed interface Resolution {
        record Resolved(String value) implements Resolution {
        }

        record Unresolved(List<String> missing) implements Resolution {
        }
    }

    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    public static Resolution resolve(String template, Map<String, String> values) {
        return resolve(template, values::get);
    }

    public static Resolution resolve(String template, Function<String, String> values) {
        if (template == null) {
            return new Resolution.Resolved(null);
        }
        List<String> missing = new ArrayList<>();
        String resolved = substitute(template, values, missing, 0);
        return missing.isEmpty() ? new Resolution.Resolved(resolved) : new Resolution.Unresolved(List.copyOf(missing));
    }

    private static String substitute(String template, Function<String, String> values, List<String> missing, int depth) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.apply(name);
            if (value == null || value.isBlank() || depth >= MAX_DEPTH) {
                if (!missing.contains(name)) {
                    missing.add(name);
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
            } else {
                matcher.appendReplacement(out, Matcher.quoteReplacement(substitute(value, values, missing, depth + 1)));
            }
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
