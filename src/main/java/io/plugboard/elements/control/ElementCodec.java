package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;

import java.io.InputStream;
import java.util.Optional;

/** Reads and writes element definitions in their one JSON format. Thread-safe. */
public final class ElementCodec {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private ElementCodec() {
    }

    /** The definition, or empty when the text is not JSON of the element shape. */
    public static Optional<ElementDefinition> read(InputStream json) {
        try {
            return Optional.ofNullable(JSONB.fromJson(json, ElementDefinition.class));
        } catch (JsonbException e) {
            return Optional.empty();
        }
    }

    public static Optional<ElementDefinition> read(String json) {
        try {
            return Optional.ofNullable(JSONB.fromJson(json, ElementDefinition.class));
        } catch (JsonbException e) {
            return Optional.empty();
        }
    }

    public static String write(ElementDefinition definition) {
        return JSONB.toJson(definition);
    }
}
