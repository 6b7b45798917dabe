package io.plugboard.transformations.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The types of a common object's fields, as Cloud Elements names them. A {@code date} is an
 * ISO 8601 string on the application's side ({@code 2024-05-01T10:00:00Z}, or {@code 2024-05-01}
 * for a day), whatever the provider writes.
 */
public enum FieldType {
    STRING, NUMBER, BOOLEAN, DATE;

    /** The name in JSON: {@code string}, {@code number}, {@code boolean}, {@code date}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }

    /** The wire names, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(FieldType::wire).toList());
    }
}
