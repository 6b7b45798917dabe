package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.ObjectField;
import io.plugboard.transformations.entity.TransformationDefinition;

import java.util.List;
import java.util.Map;

/**
 * A shipped example of a common object: its definition and its mappings for elements of the
 * catalog, by element key. An organization copies one into its own objects on request; it is never
 * in force by itself (see {@link ObjectTemplates}).
 */
public record ObjectTemplate(String name, String description, List<ObjectField> fields,
                             Map<String, TransformationDefinition> transformations) {

    public ObjectTemplate {
        fields = List.copyOf(fields);
        transformations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(transformations));
    }
}
