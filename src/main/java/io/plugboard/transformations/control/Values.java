package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.FieldType;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * Converts one JSON value to a field type, as far as the value allows: a number written as a
 * string ({@code "42"}) becomes the number, a number or a boolean becomes its text, {@code "true"}
 * and {@code 1} become true. Anything else (an object for a string, {@code "abc"} for a number)
 * has no conversion; the mapping decides what that means in its direction. Dates are the
 * mapping's business ({@link DateMask}, {@link Moment}).
 */
final class Values {

    private Values() {
    }

    static Optional<JsonValue> as(FieldType type, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.of(JsonValue.NULL);
        }
        return switch (type) {
            case STRING -> text(value);
            case NUMBER -> number(value);
            case BOOLEAN -> bool(value);
            case DATE -> value instanceof JsonString s ? Moment.parseIso(s.getString()).map(m -> JSON.createValue(m.iso()))
                    : Optional.empty();
        };
    }

    private static Optional<JsonValue> text(JsonValue value) {
        if (value instanceof JsonString) {
            return Optional.of(value);
        }
        if (value instanceof JsonNumber number) {
            return Optional.of(JSON.createValue(number.bigDecimalValue().toPlainString()));
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(JSON.createValue(String.valueOf(value == JsonValue.TRUE)));
        }
        return Optional.empty();
    }

    private static Optional<JsonValue> number(JsonValue value) {
        if (value instanceof JsonNumber) {
            return Optional.of(value);
        }
        if (value instanceof JsonString text) {
            try {
                return Optional.of(JSON.createValue(new BigDecimal(text.getString().strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonValue> bool(JsonValue value) {
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value);
        }
        if (value instanceof JsonString text) {
            return switch (text.getString().strip().toLowerCase(Locale.ROOT)) {
                case "true" -> Optional.of(JsonValue.TRUE);
                case "false" -> Optional.of(JsonValue.FALSE);
                default -> Optional.empty();
            };
        }
        if (value instanceof JsonNumber number) {
            BigDecimal decimal = number.bigDecimalValue();
            return decimal.compareTo(BigDecimal.ONE) == 0 ? Optional.of(JsonValue.TRUE)
                    : decimal.signum() == 0 ? Optional.of(JsonValue.FALSE) : Optional.empty();
        }
        return Optional.empty();
    }
}
