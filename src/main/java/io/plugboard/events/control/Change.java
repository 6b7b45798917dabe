package io.plugboard.events.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * One change at the provider, normalized the way Cloud Elements normalizes it: which object, of
 * which type, created, updated or deleted, and when. Everything else stays in the provider's raw
 * data next to it.
 */
public record Change(String objectType, String objectId, EventType eventType, OffsetDateTime date) {

    public enum EventType { CREATED, UPDATED, DELETED, UNKNOWN }

    private static final DateTimeFormatter WIRE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /** As the notification carries it: {@code {objectType, objectId, eventType, elementKey, date}}. */
    public JsonObject toJson(String elementKey) {
        var json = JSON.createObjectBuilder();
        add(json, "objectType", objectType);
        add(json, "objectId", objectId);
        json.add("eventType", eventType.name());
        add(json, "elementKey", elementKey);
        json.add("date", WIRE_DATE.format(date.withOffsetSameInstant(ZoneOffset.UTC)));
        return json.build();
    }

    /** The stored form of a notification's changes (a JSON array). */
    public static String toJson(List<Change> changes, String elementKey) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        changes.forEach(change -> array.add(change.toJson(elementKey)));
        return array.build().toString();
    }

    /** Reads the stored form back. */
    public static JsonArray storedArray(String stored) {
        try (var reader = JSON.createReader(new StringReader(stored))) {
            return reader.readArray();
        }
    }

    private static void add(jakarta.json.JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.add(name, JsonValue.NULL);
        } else {
            json.add(name, value);
        }
    }
}
