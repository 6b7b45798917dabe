package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.transformations.entity.FieldType;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * A mapping ready to run, compiled from a stored one by {@link TransformationRules}: pure
 * functions from the provider's JSON to the common object and back, applied to whatever the
 * element's resource answers (an object, or a list as a JSON array, item by item).
 *
 * <p>The semantics, as Cloud Elements documents them:
 * <ul>
 * <li>Each field copies the value at {@code vendorPath} to {@code path} (and back), converting it
 *     to the field's type; a {@code date} travels as ISO 8601 on the application's side and in
 *     the field's date mask on the provider's. A value that is absent stays absent; a JSON null
 *     stays null.</li>
 * <li>A field's {@code remove} drops it in the directions it names: not in the answer
 *     ({@code fromVendor}), not sent to the provider ({@code toVendor}).</li>
 * <li>A field's {@code passThrough} names the directions in which the value is copied as it is,
 *     without conversion; in a direction it does not name, the field is dropped.</li>
 * <li>The mapping's {@code passThrough} ({@link #unmapped}) says whether the fields the mapping
 *     does not mention pass through as they are, in each direction. Without the entry they do, as
 *     in Cloud Elements; {@code {"fromVendor": false, "toVendor": false}} makes answers carry
 *     exactly the common object's fields, which is what makes two providers answer alike.</li>
 * </ul>
 * A provider's value that cannot be converted (text in a number field) reaches the application as
 * the provider wrote it rather than failing a read; an application's value that cannot be
 * converted is the application's error, reported by field.
 *
 * @param vendorName the element resource the common object maps to
 * @param unmapped   whether unmapped fields pass through, per direction
 * @param fields     the mapped fields, in the order they are applied
 */
public record Mapping(String vendorName, Directions unmapped, List<Field> fields) {

    public Mapping {
        fields = List.copyOf(fields);
    }

    /**
     * One mapped field.
     *
     * @param vendorType  the provider's type; null when it is the field's own
     * @param mask        how the provider writes the date; set exactly when {@code vendorType} is {@code date}
     * @param remove      the directions in which the field is dropped
     * @param passThrough the directions in which it is copied as it is (dropped in the others); null: converted both ways
     */
    public record Field(FieldPath path, FieldType type, FieldPath vendorPath, FieldType vendorType, DateMask mask,
                        Directions remove, Directions passThrough) {

        boolean dropped(Direction direction) {
            return remove.in(direction) || (passThrough != null && !passThrough.in(direction));
        }

        boolean copiedAsIs(Direction direction) {
            return passThrough != null && passThrough.in(direction);
        }
    }

    // ------------------------------------------------------------------ provider to application

    /** The provider's answer in the common shape: an object mapped, an array mapped item by item, anything else as it is. */
    public JsonValue fromVendor(JsonValue vendor) {
        if (vendor instanceof JsonArray items) {
            var mapped = JSON.createArrayBuilder();
            items.forEach(item -> mapped.add(fromVendor(item)));
            return mapped.build();
        }
        return vendor instanceof JsonObject object ? fromVendorObject(object) : vendor;
    }

    private JsonValue fromVendorObject(JsonObject vendor) {
        JsonValue common = unmapped.fromVendor() ? without(vendor, Direction.FROM_VENDOR) : JsonValue.EMPTY_JSON_OBJECT;
        for (Field field : fields) {
            if (field.dropped(Direction.FROM_VENDOR)) {
                continue;
            }
            Optional<JsonValue> value = field.vendorPath().read(vendor);
            if (value.isPresent()) {
                common = field.path().write(common, field.copiedAsIs(Direction.FROM_VENDOR) ? value.get() : toCommon(field, value.get()));
            }
        }
        return common;
    }

    private static JsonValue toCommon(Field field, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return value;
        }
        if (field.mask() != null) {
            Optional<Moment> moment = field.mask().read(value);
            if (moment.isEmpty()) {
                return value;
            }
            return field.type() == FieldType.NUMBER ? JSON.createValue(moment.get().epochMillis(zone(field)))
                    : JSON.createValue(moment.get().iso());
        }
        return Values.as(field.type(), value).orElse(value);
    }

    // ------------------------------------------------------------------ application to provider

    /**
     * The application's body in the provider's shape: an object, or an array of objects item by
     * item. Every value that cannot be converted is named in one {@code Invalid}.
     */
    public Outcome<JsonValue> toVendor(JsonValue common) {
        List<String> problems = new ArrayList<>();
        JsonValue vendor;
        if (common instanceof JsonArray items) {
            var mapped = JSON.createArrayBuilder();
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof JsonObject item)) {
                    return Outcome.invalid("Item " + i + " of the body is not a JSON object.");
                }
                String prefix = "item " + i + ": ";
                mapped.add(toVendorObject(item, problem -> problems.add(prefix + problem)));
            }
            vendor = mapped.build();
        } else if (common instanceof JsonObject object) {
            vendor = toVendorObject(object, problems::add);
        } else {
            return Outcome.invalid("The body must be a JSON object of the common object's fields.");
        }
        return problems.isEmpty() ? Outcome.success(vendor) : Outcome.invalid(String.join(" ", problems));
    }

    private JsonValue toVendorObject(JsonObject common, java.util.function.Consumer<String> problems) {
        JsonValue vendor = unmapped.toVendor() ? without(common, Direction.TO_VENDOR) : JsonValue.EMPTY_JSON_OBJECT;
        for (Field field : fields) {
            if (field.dropped(Direction.TO_VENDOR)) {
                continue;
            }
            Optional<JsonValue> value = field.path().read(common);
            if (value.isEmpty()) {
                continue;
            }
            if (field.copiedAsIs(Direction.TO_VENDOR)) {
                vendor = field.vendorPath().write(vendor, value.get());
                continue;
            }
            Optional<JsonValue> converted = toProvider(field, value.get());
            if (converted.isPresent()) {
                vendor = field.vendorPath().write(vendor, converted.get());
            } else {
                problems.accept(field.path() + ": " + describe(value.get()) + " is not " + expected(field) + ".");
            }
        }
        return vendor;
    }

    private static Optional<JsonValue> toProvider(Field field, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.of(value);
        }
        if (field.mask() != null) {
            Optional<Moment> moment = value instanceof JsonString text ? Moment.parseIso(text.getString())
                    : value instanceof JsonNumber millis && field.type() == FieldType.NUMBER
                    ? epochMillis(millis) : Optional.empty();
            return moment.flatMap(field.mask()::write);
        }
        Optional<JsonValue> common = Values.as(field.type(), value);
        FieldType vendorType = field.vendorType() == null ? field.type() : field.vendorType();
        return common.flatMap(v -> Values.as(vendorType, v));
    }

    private static Optional<Moment> epochMillis(JsonNumber millis) {
        try {
            return Optional.of(new Moment.At(java.time.Instant.ofEpochMilli(millis.longValueExact())));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String expected(Field field) {
        if (field.mask() != null) {
            return field.type() == FieldType.NUMBER ? "a date as milliseconds since the epoch" : "an ISO 8601 date";
        }
        String type = field.type() == FieldType.DATE ? "an ISO 8601 date" : "a " + field.type().wire();
        return field.vendorType() == null || field.vendorType() == field.type() ? type
                : type + " the provider takes as a " + field.vendorType().wire();
    }

    private static String describe(JsonValue value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static java.time.ZoneId zone(Field field) {
        return field.mask() instanceof DateMask.Pattern pattern ? pattern.zone() : ((DateMask.Epoch) field.mask()).zone();
    }

    /**
     * What passes through unmapped: the object less every path the mapping reads in this
     * direction, removed fields included (a removed field is withheld, not passed on raw).
     */
    private JsonValue without(JsonObject object, Direction direction) {
        JsonValue rest = object;
        for (Field field : fields) {
            rest = (direction == Direction.FROM_VENDOR ? field.vendorPath() : field.path()).remove(rest);
        }
        return rest;
    }
}
