package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.ConfigurationEntry;
import io.plugboard.transformations.entity.FieldMapping;
import io.plugboard.transformations.entity.ObjectField;
import io.plugboard.transformations.entity.TransformationDefinition;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * Definitions and mappings as stored: the API's own JSON, written and read with JSON-P so that
 * the stored text is exactly the shape the API shows ({@code configuration} properties kept as
 * given, absent values left out) whatever JSON-B implementation the server brings. Also reads the
 * shipped templates, which use the same shapes.
 */
public final class CommonObjectCodec {

    private CommonObjectCodec() {
    }

    public static String writeFields(List<ObjectField> fields) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        fields.forEach(field -> array.add(JSON.createObjectBuilder().add("path", field.path()).add("type", field.type())));
        return array.build().toString();
    }

    public static List<ObjectField> readFields(String json) {
        return readFields(parse(json).asJsonArray());
    }

    static List<ObjectField> readFields(JsonArray array) {
        List<ObjectField> fields = new ArrayList<>();
        for (JsonValue value : array) {
            JsonObject field = value.asJsonObject();
            fields.add(new ObjectField(text(field, "path"), text(field, "type")));
        }
        return List.copyOf(fields);
    }

    public static String writeMapping(TransformationDefinition mapping) {
        return toJson(mapping).toString();
    }

    static JsonObject toJson(TransformationDefinition mapping) {
        JsonArrayBuilder fields = JSON.createArrayBuilder();
        for (FieldMapping field : mapping.fields()) {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("path", field.path());
            addIfPresent(json, "type", field.type());
            json.add("vendorPath", field.vendorPath());
            addIfPresent(json, "vendorType", field.vendorType());
            json.add("configuration", configuration(field.configuration()));
            fields.add(json);
        }
        return JSON.createObjectBuilder()
                .add("vendorName", mapping.vendorName())
                .add("configuration", configuration(mapping.configuration()))
                .add("fields", fields)
                .build();
    }

    public static TransformationDefinition readMapping(String json) {
        return readMapping(parse(json).asJsonObject());
    }

    static TransformationDefinition readMapping(JsonObject json) {
        List<FieldMapping> fields = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("fields")) {
            JsonObject field = value.asJsonObject();
            fields.add(new FieldMapping(text(field, "path"), text(field, "type"), text(field, "vendorPath"),
                    text(field, "vendorType"), configuration(field.get("configuration"))));
        }
        return new TransformationDefinition(text(json, "vendorName"), configuration(json.get("configuration")), fields);
    }

    private static JsonArrayBuilder configuration(List<ConfigurationEntry> entries) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ConfigurationEntry entry : entries) {
            JsonObjectBuilder json = JSON.createObjectBuilder();
            addIfPresent(json, "type", entry.type());
            json.add("properties", entry.properties() == null ? JsonValue.EMPTY_JSON_OBJECT : entry.properties());
            array.add(json);
        }
        return array;
    }

    private static List<ConfigurationEntry> configuration(JsonValue json) {
        if (!(json instanceof JsonArray array)) {
            return List.of();
        }
        List<ConfigurationEntry> entries = new ArrayList<>();
        for (JsonValue value : array) {
            JsonObject entry = value.asJsonObject();
            entries.add(new ConfigurationEntry(text(entry, "type"),
                    entry.get("properties") instanceof JsonObject properties ? properties : JsonValue.EMPTY_JSON_OBJECT));
        }
        return entries;
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString value ? value.getString() : null;
    }

    static JsonValue parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new JsonException("Stored common object JSON does not parse", e);
        }
    }
}
