package io.plugboard.transformations.entity;

import java.util.List;

/**
 * One field of a mapping: the common object's {@code path} and {@code type}, and where the value
 * sits at the provider ({@code vendorPath}, dotted, with array indices such as
 * {@code emails[0].address}) with its {@code vendorType}. {@code configuration} holds the field's
 * {@code remove}, {@code passThrough} and date mask entries.
 */
public record FieldMapping(String path, String type, String vendorPath, String vendorType,
                           List<ConfigurationEntry> configuration) {

    public FieldMapping {
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
    }
}
