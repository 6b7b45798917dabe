package io.plugboard.transformations.entity;

/**
 * One field of a common object: where it sits in the object ({@code name.first}: dotted paths nest
 * objects, {@code emails[0]} indexes arrays) and its type, one of {@link FieldType}'s wire names.
 */
public record ObjectField(String path, String type) {
}
