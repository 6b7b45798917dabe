package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.TransformationDefinition;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The common objects the WAR ships as examples ({@code transformations/templates/*.json}, listed
 * in {@code index.txt}): a definition plus mappings for catalog elements, such as {@code contacts}
 * over the CRM elements.
 *
 * <p>Why examples an organization installs, not defaults every organization sees: a common object
 * takes over its name on the hub, so a default {@code contacts} would change what
 * {@code /hubs/crm/contacts} answers for every existing application the day it shipped. An
 * organization opts in ({@code POST /organizations/objects/templates/{name}}, or by posting the same
 * JSON itself), and then owns a copy it can change. {@code GET /organizations/objects/definitions?systemOnly=true}
 * lists the templates' definitions, which is where Cloud Elements lists its own templates.
 *
 * <p>{@code ObjectTemplatesTest} checks every shipped template against the shipped elements.
 */
@ApplicationScoped
public class ObjectTemplates {

    static final String DIRECTORY = "/transformations/templates/";

    private Map<String, ObjectTemplate> templates;

    @PostConstruct
    void load() {
        templates = readShipped();
    }

    public List<ObjectTemplate> all() {
        return List.copyOf(templates.values());
    }

    public Optional<ObjectTemplate> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    /** Every template the index lists, in its order. A broken file is a packaging bug: it fails loudly. */
    static Map<String, ObjectTemplate> readShipped() {
        Map<String, ObjectTemplate> read = new LinkedHashMap<>();
        for (String file : index()) {
            try (InputStream in = resource(DIRECTORY + file)) {
                ObjectTemplate template = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                read.put(template.name(), template);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the template " + file, e);
            }
        }
        return read;
    }

    static ObjectTemplate parse(String json) {
        JsonObject template = CommonObjectCodec.parse(json).asJsonObject();
        Map<String, TransformationDefinition> transformations = new LinkedHashMap<>();
        template.getJsonObject("transformations").forEach((elementKey, mapping) ->
                transformations.put(elementKey, CommonObjectCodec.readMapping(mapping.asJsonObject())));
        JsonValue description = template.get("description");
        return new ObjectTemplate(template.getString("name"),
                description instanceof JsonString text ? text.getString() : null,
                CommonObjectCodec.readFields(template.getJsonArray("fields")), transformations);
    }

    private static List<String> index() {
        try (InputStream in = resource(DIRECTORY + "index.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> files = new ArrayList<>();
            lines.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ObjectTemplates.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Missing classpath resource " + name);
        }
        return in;
    }
}
