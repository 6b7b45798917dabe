package io.plugboard.events.control;

import io.plugboard.events.control.PollerConfiguration.DateField;
import io.plugboard.events.control.PollerConfiguration.DateFormat;
import io.plugboard.events.control.PollerConfiguration.Resource;
import io.plugboard.platform.control.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Optional;

/**
 * What a poll makes of a provider's list: the records (at a JSON pointer), and for each record
 * whether it changed in the window and how: its id at a dotted path, its dates read as the
 * resource says they are written, CREATED when updated equals created within the tolerance,
 * UPDATED when later, DELETED when the record carries a deletion mark, UNKNOWN when the dates
 * cannot tell. A record not updated after the window start was reported by an earlier window and
 * is left out.
 */
final class PolledRecords {

    /** A record that changed in the window, and the change it makes. */
    record Polled(Change change, JsonValue record) {
    }

    private PolledRecords() {
    }

    /**
     * The records of one answer: the array at {@code recordsPath}, or the values of an object
     * there (some providers key their lists by id).
     */
    static Outcome<List<JsonValue>> records(Resource resource, byte[] body) {
        JsonValue answer;
        try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
            answer = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return new Outcome.ProviderFailed<>("Resource '" + resource.name() + "': the provider's answer is not JSON.", null);
        }
        JsonValue list;
        if (resource.recordsPath().isEmpty()) {
            list = answer;
        } else if (answer instanceof JsonStructure structure) {
            try {
                list = Json.createPointer(resource.recordsPath()).getValue(structure);
            } catch (JsonException e) {
                list = null;
            }
        } else {
            list = null;
        }
        if (list instanceof JsonArray array) {
            return Outcome.success(List.copyOf(array));
        }
        if (list instanceof JsonObject keyed) {
            return Outcome.success(List.copyOf(keyed.values()));
        }
        if (list == null || list == JsonValue.NULL) {
            // An empty list is often left out entirely: no records rather than a broken answer.
            return Outcome.success(List.of());
        }
        return new Outcome.ProviderFailed<>("Resource '" + resource.name() + "': the answer holds no list at recordsPath '"
                + resource.recordsPath() + "'.", null);
    }

    /** The change a record makes in the window {@code (windowStart, windowEnd]}, or empty when it is left out. */
    static Outcome<Optional<Polled>> classify(Resource resource, JsonValue record, OffsetDateTime windowStart,
                                              OffsetDateTime windowEnd) {
        Optional<OffsetDateTime> updated;
        Optional<OffsetDateTime> created;
        try {
            updated = resource.dates().updated().flatMap(field -> date(field, record));
            created = resource.dates().created().flatMap(field -> date(field, record));
        } catch (Unreadable e) {
            return new Outcome.ProviderFailed<>("Resource '" + resource.name() + "': " + e.getMessage(), null);
        }
        Optional<OffsetDateTime> changed = updated.or(() -> created);
        if (changed.isPresent() && resource.filterByUpdatedDate() && !changed.get().isAfter(windowStart)) {
            return Outcome.success(Optional.empty());
        }
        if (changed.isPresent() && resource.filterByCurrentDate() && changed.get().isAfter(windowEnd)) {
            return Outcome.success(Optional.empty());
        }
        Change.EventType type;
        if (resource.deletedField() != null && marksDeleted(at(record, resource.deletedField()))) {
            type = Change.EventType.DELETED;
        } else if (created.isPresent() && updated.isPresent()) {
            long apart = Math.abs(Duration.between(created.get(), updated.get()).toMillis());
            type = apart <= resource.createdCheckTolerance() * 1000 ? Change.EventType.CREATED : Change.EventType.UPDATED;
        } else if (created.isPresent()) {
            type = Change.EventType.CREATED;   // never updated, or the provider keeps no updated date
        } else {
            type = Change.EventType.UNKNOWN;   // an updated date alone cannot tell a new record from a changed one
        }
        String id = resource.idField() == null ? null : scalar(at(record, resource.idField()));
        return Outcome.success(Optional.of(new Polled(
                new Change(resource.objectType(), id, type, changed.orElse(windowEnd)), record)));
    }

    // --- paths ---------------------------------------------------------------------------------

    /** The value at a dotted path ({@code data.id}; a number steps into an array), or null. */
    static JsonValue at(JsonValue value, String dottedPath) {
        JsonValue current = value;
        for (String step : dottedPath.split("\\.")) {
            if (current instanceof JsonObject object) {
                current = object.get(step);
            } else if (current instanceof JsonArray array && step.matches("\\d{1,9}")) {
                int index = Integer.parseInt(step);
                current = index < array.size() ? array.get(index) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** A value as an id: strings as they are, numbers in their JSON form, anything else null. */
    static String scalar(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString();
        }
        return null;
    }

    /** Set, true, non-zero, non-empty; a {@code "false"} or {@code "0"} string does not mark a record deleted. */
    static boolean marksDeleted(JsonValue value) {
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value instanceof JsonString string) {
            String text = string.getString().strip();
            return !(text.isEmpty() || text.equalsIgnoreCase("false") || text.equals("0"));
        }
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue().signum() != 0;
        }
        if (value instanceof JsonArray array) {
            return !array.isEmpty();
        }
        if (value instanceof JsonObject object) {
            return !object.isEmpty();
        }
        return true;
    }

    // --- dates ---------------------------------------------------------------------------------

    /** A date the resource's format cannot read: the poll fails with this, it does not guess. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The record's date at the field, in UTC; empty when the record has none (absent, null or blank). */
    static Optional<OffsetDateTime> date(DateField field, JsonValue record) {
        JsonValue value = at(record, field.path());
        if (value == null || value == JsonValue.NULL || (value instanceof JsonString s && s.getString().isBlank())) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(field, value).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new Unreadable("the date " + value + " at '" + field.path() + "' does not match its format "
                    + describe(field.format()) + ".");
        }
    }

    private static OffsetDateTime parse(DateField field, JsonValue value) {
        if (field.format() instanceof DateFormat.Epoch epoch) {
            BigDecimal number = value instanceof JsonNumber n ? n.bigDecimalValue()
                    : value instanceof JsonString s ? new BigDecimal(s.getString().strip()) : null;
            if (number == null) {
                throw new DateTimeException("not a number");
            }
            long millis = (epoch.millis() ? number : number.movePointRight(3)).longValue();
            return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
        }
        if (!(value instanceof JsonString string)) {
            throw new DateTimeException("not a string");
        }
        String text = string.getString().strip();
        DateTimeFormatter formatter = field.format() instanceof DateFormat.Pattern pattern
                ? pattern.formatter() : DateTimeFormatter.ISO_DATE_TIME;
        TemporalAccessor parsed;
        try {
            parsed = formatter.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        } catch (DateTimeException e) {
            if (!(field.format() instanceof DateFormat.Iso)) {
                throw e;
            }
            parsed = LocalDate.parse(text);
        }
        if (parsed instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime();   // the text carries its own offset or zone
        }
        if (parsed instanceof LocalDateTime local) {
            return local.atZone(field.zone()).toOffsetDateTime();
        }
        return ((LocalDate) parsed).atStartOfDay(field.zone()).toOffsetDateTime();
    }

    private static String describe(DateFormat format) {
        if (format instanceof DateFormat.Pattern pattern) {
            return "'" + pattern.pattern() + "'";
        }
        if (format instanceof DateFormat.Epoch epoch) {
            return epoch.millis() ? "epochMillis" : "epoch (seconds)";
        }
        return "ISO 8601";
    }
}
