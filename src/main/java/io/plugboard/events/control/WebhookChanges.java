package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * The changes a provider webhook reports, read with the element's {@code webhook.changes} pointers:
 * the items at {@code list} (or the whole payload as one item), and in each its object type, id,
 * event type (the provider's word mapped through {@code eventTypes}, UNKNOWN otherwise) and date
 * (ISO-8601, or epoch seconds or milliseconds; the time of receipt otherwise).
 *
 * <p>A webhook from which no change can be read still yields one UNKNOWN change, so the
 * application hears of it and finds the provider's data in {@code raw}.
 */
public final class WebhookChanges {

    /** Epoch numbers above this are milliseconds (10^11 s is in the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private WebhookChanges() {
    }

    public static List<Change> extract(ElementDefinition.Changes changes, JsonStructure payload, OffsetDateTime now) {
        if (changes == null) {
            return List.of(new Change(null, null, Change.EventType.UNKNOWN, now));
        }
        List<JsonValue> items = items(changes, payload);
        List<Change> found = new ArrayList<>(items.size());
        for (JsonValue item : items) {
            found.add(new Change(objectType(changes, item), text(item, changes.objectId()).orElse(null),
                    eventType(changes, item), date(item, changes.date()).orElse(now)));
        }
        if (found.isEmpty()) {
            found.add(new Change(objectType(changes, payload), null, Change.EventType.UNKNOWN, now));
        }
        return found;
    }

    private static List<JsonValue> items(ElementDefinition.Changes changes, JsonStructure payload) {
        if (changes.list() == null) {
            return List.of(payload);
        }
        Optional<JsonValue> list = at(payload, changes.list());
        if (list.isPresent() && list.get() instanceof JsonArray array) {
            return array;
        }
        return List.of();
    }

    private static String objectType(ElementDefinition.Changes changes, JsonValue item) {
        if (changes.objectTypeValue() != null) {
            return changes.objectTypeValue();
        }
        return text(item, changes.objectType()).orElse(null);
    }

    private static Change.EventType eventType(ElementDefinition.Changes changes, JsonValue item) {
        Map<String, String> mapped = changes.eventTypes() == null ? Map.of() : changes.eventTypes();
        return text(item, changes.eventType())
                .map(mapped::get)
                .flatMap(WebhookChanges::eventTypeNamed)
                .orElse(Change.EventType.UNKNOWN);
    }

    private static Optional<Change.EventType> eventTypeNamed(String name) {
        try {
            return Optional.of(Change.EventType.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<OffsetDateTime> date(JsonValue item, String pointer) {
        Optional<JsonValue> value = pointer == null ? Optional.empty() : at(item, pointer);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof JsonNumber number) {
            return epoch(number.bigDecimalValue());
        }
        if (value.get() instanceof JsonString string) {
            String text = string.getString().strip();
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return epoch(new BigDecimal(text));
            }
            return iso(text);
        }
        return Optional.empty();
    }

    private static Optional<OffsetDateTime> epoch(BigDecimal number) {
        try {
            long whole = number.longValue();
            Instant instant = Math.abs(whole) >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(whole) : Instant.ofEpochSecond(whole);
            return Optional.of(instant.atOffset(ZoneOffset.UTC));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** With an offset or a zone; a date-time without either is read as UTC, a date alone as its midnight UTC. */
    private static Optional<OffsetDateTime> iso(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(java.time.ZonedDateTime.parse(text).toOffsetDateTime());
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(java.time.LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonValue item, String pointer) {
        return pointer == null ? Optional.empty() : at(item, pointer).flatMap(WebhookRouting::text);
    }

    /** The value at a JSON pointer, or empty when the pointer is malformed or leads nowhere. */
    static Optional<JsonValue> at(JsonValue document, String pointer) {
        if (pointer.isEmpty()) {
            return Optional.of(document);
        }
        if (!(document instanceof JsonStructure structure)) {
            return Optional.empty();
        }
        try {
            var jsonPointer = JSON.createPointer(pointer);
            return jsonPointer.containsValue(structure) ? Optional.of(jsonPointer.getValue(structure)) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }
}
