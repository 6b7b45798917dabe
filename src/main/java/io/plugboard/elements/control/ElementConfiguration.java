package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an element's configuration entries combine with an instance's values: the one merge and
 * the one required-field check, used by every path that provisions or re-authenticates an
 * instance ({@code POST /instances}, {@code PATCH /instances/{id}} and the hosted connect), so
 * they cannot drift apart. The element owns its entries, hence this lives with the elements.
 */
public final class ElementConfiguration {

    private ElementConfiguration() {
    }

    /**
     * Every key the element defines, with its default, overlaid by the instance's stored values,
     * then by the requested ones: the configuration an exchange or a provider call runs with. Null
     * values never erase a value underneath; a requested key is stripped, a blank one ignored.
     */
    public static Map<String, String> effective(ElementDefinition element, Map<String, String> stored,
                                                Map<String, String> requested) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigurationDefinition definition : entries(element)) {
            values.put(definition.key(), definition.defaultValue());
        }
        stored.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        requested.forEach((key, value) -> {
            if (key != null && !key.isBlank() && value != null) {
                values.put(key.strip(), value);
            }
        });
        return values;
    }

    /** The element's required keys that have no value (null or blank) in {@code configuration}, in the element's order. */
    public static List<String> missingRequired(ElementDefinition element, Map<String, String> configuration) {
        List<String> missing = new ArrayList<>();
        for (ConfigurationDefinition definition : entries(element)) {
            String value = configuration.get(definition.key());
            if (definition.isRequired() && (value == null || value.isBlank())) {
                missing.add(definition.key());
            }
        }
        return missing;
    }

    private static List<ConfigurationDefinition> entries(ElementDefinition element) {
        return element.configuration() == null ? List.of() : element.configuration();
    }
}
