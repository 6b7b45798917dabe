package io.plugboard.oauth.control;

import io.plugboard.platform.control.JsonProviders;
import jakarta.json.JsonException;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.util.Optional;

/**
 * Reading a provider's answer at a JSON pointer (RFC 6901), for the token response's root and the
 * values a connect keeps. Whatever is absent, or not where the pointer leads (a member of a
 * string, an index past an array's end), reads as nothing rather than as an error: the caller
 * decides whether a missing value fails the connect.
 */
final class JsonPointers {

    private JsonPointers() {
    }

    /** The value at {@code pointer} ({@code ""}: the document itself), or null where there is none. */
    static JsonValue at(JsonValue document, String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return document;
        }
        if (!(document instanceof JsonStructure structure)) {
            return null;
        }
        try {
            return JsonProviders.JSON.createPointer(pointer).getValue(structure);
        } catch (JsonException e) {
            return null;
        }
    }

    /** The string, number or boolean at {@code pointer} as text; empty for null, objects, arrays and absence. */
    static Optional<String> text(JsonValue document, String pointer) {
        JsonValue value = at(document, pointer);
        return value == null ? Optional.empty() : Optional.ofNullable(ProviderTokens.scalar(value)).filter(s -> !s.isBlank());
    }
}
