package io.plugboard.events.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Optional;

/** Provisional check of a poller configuration's outline until the full parser lands. */
final class PollerConfigurations {

    private PollerConfigurations() {
    }

    static Optional<String> refusal(String configuration) {
        try (var reader = Json.createReader(new StringReader(configuration))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonString text) {
                return refusal(text.getString());
            }
            if (!(value instanceof JsonObject resources) || resources.isEmpty()) {
                return Optional.of("event.poller.configuration must be a JSON object with one entry per resource.");
            }
            return Optional.empty();
        } catch (JsonException e) {
            return Optional.of("event.poller.configuration is not valid JSON.");
        }
    }
}
