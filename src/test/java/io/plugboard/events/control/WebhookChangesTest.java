package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition.Changes;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookChangesTest {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    static final Map<String, String> TYPES = Map.of("created", "CREATED", "updated", "UPDATED", "removed", "DELETED");

    static JsonStructure json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        }
    }

    @Test
    void aListOfChangesWithPointersMappedTypesAndEveryDateForm() {
        Changes changes = new Changes("/events", "/object", null, "/id", "/action", TYPES, "/at");
        List<Change> found = WebhookChanges.extract(changes, json("""
                {"events": [
                  {"object": "contact", "id": "c1", "action": "created", "at": "2026-11-30T10:15:30+01:00"},
                  {"object": "deal", "id": 77, "action": "updated", "at": 1764500000},
                  {"object": "deal", "id": 78, "action": "removed", "at": 1764500000123},
                  {"object": "lead", "id": "l1", "action": "merged", "at": "yesterday"},
                  {"object": "lead", "id": "l2", "action": "created", "at": "2026-11-30T10:15:30"}
                ]}"""), NOW);
        assertEquals(List.of(
                new Change("contact", "c1", Change.EventType.CREATED, OffsetDateTime.parse("2026-11-30T10:15:30+01:00")),
                new Change("deal", "77", Change.EventType.UPDATED, OffsetDateTime.parse("2025-11-30T10:53:20Z")),
                new Change("deal", "78", Change.EventType.DELETED, OffsetDateTime.parse("2025-11-30T10:53:20.123Z")),
                new Change("lead", "l1", Change.EventType.UNKNOWN, NOW),
                new Change("lead", "l2", Change.EventType.CREATED, OffsetDateTime.parse("2026-11-30T10:15:30Z"))), found);
    }

    @Test
    void withoutAListThePayloadIsOneChangeAndAFixedObjectTypeWins() {
        Changes changes = new Changes(null, "/type", "Ticket", "/ticket/id", "/kind", TYPES, "/ticket/updated");
        assertEquals(List.of(new Change("Ticket", "991", Change.EventType.UPDATED, OffsetDateTime.parse("2026-01-02T03:04:05Z"))),
                WebhookChanges.extract(changes, json("""
                        {"type": "ignored", "kind": "updated", "ticket": {"id": "991", "updated": "1767323045"}}"""), NOW));
    }

    @Test
    void anEventTypeTheMapDoesNotNameIsUnknownEvenIfItLooksNormalized() {
        Changes changes = new Changes(null, null, "Contact", "/id", "/action", Map.of("add", "CREATED"), null);
        assertEquals(Change.EventType.UNKNOWN, WebhookChanges.extract(changes, json("{\"id\":\"1\",\"action\":\"CREATED\"}"), NOW)
                .get(0).eventType());
    }

    @Test
    void aWebhookWithNoReadableChangeStillYieldsOneUnknownChange() {
        Changes changes = new Changes("/events", "/objectType", null, "/id", "/action", TYPES, "/at");
        assertEquals(List.of(new Change("account", null, Change.EventType.UNKNOWN, NOW)),
                WebhookChanges.extract(changes, json("{\"objectType\": \"account\", \"events\": []}"), NOW));
        assertEquals(List.of(new Change(null, null, Change.EventType.UNKNOWN, NOW)),
                WebhookChanges.extract(changes, json("{\"events\": \"not a list\"}"), NOW));
        assertEquals(List.of(new Change(null, null, Change.EventType.UNKNOWN, NOW)),
                WebhookChanges.extract(null, json("[1, 2]"), NOW), "no changes data at all");
    }

    @Test
    void itemsThatAreNotObjectsGiveEmptyFields() {
        Changes changes = new Changes("/ids", null, "File", "", null, null, null);
        assertEquals(List.of(new Change("File", "a", Change.EventType.UNKNOWN, NOW), new Change("File", "5", Change.EventType.UNKNOWN, NOW)),
                WebhookChanges.extract(changes, json("{\"ids\": [\"a\", 5]}"), NOW), "the empty pointer is the item itself");
    }
}
