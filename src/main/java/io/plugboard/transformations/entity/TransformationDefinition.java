package io.plugboard.transformations.entity;

import java.util.List;

/**
 * A common object mapped to an element's vendor object, as stored and as the API shows it:
 * {@code vendorName} names the element's resource ({@code /{vendorName}} and
 * {@code /{vendorName}/{id}} on the hub), {@code configuration} holds mapping-wide entries
 * ({@code passThrough} of unmapped fields), {@code fields} the field mappings. No script: the hub
 * runs no code of its users.
 */
public record TransformationDefinition(String vendorName, List<ConfigurationEntry> configuration,
                                       List<FieldMapping> fields) {

    public TransformationDefinition {
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
