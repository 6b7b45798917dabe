package io.plugboard.transformations.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.transformations.entity.ConfigurationEntry;
import io.plugboard.transformations.entity.FieldMapping;
import io.plugboard.transformations.entity.FieldType;
import io.plugboard.transformations.entity.ObjectField;
import io.plugboard.transformations.entity.TransformationDefinition;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a common object's definition and a mapping must be, and the compilation of a stored
 * mapping into a runnable {@link Mapping}. Every problem is collected, so a caller fixes a body in
 * one round; the messages name the field they are about.
 *
 * <p>Compiling is strict when a mapping is written (every field must be one of the object's, of
 * its type) and lenient when one runs: a definition changed since the mapping was written is the
 * truth about the common shape, so fields it no longer has are skipped and its types win. Any
 * other problem fails the whole compilation either way: a mapping never runs half.
 */
public final class TransformationRules {

    /** A common object's name: it becomes a hub path segment ({@code /hubs/crm/{name}}). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    /** A vendor name: one hub path segment of the element's resources. */
    static final Pattern VENDOR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.~-]{0,99}");
    /** Names the hub's own resources take below {@code /hubs/{hub}}. */
    static final Set<String> RESERVED = Set.of("objects");
    public static final int MAX_FIELDS = 500;

    static final String REMOVE = "remove";
    static final String PASS_THROUGH = "passThrough";
    static final String DATE = "date";
    public static final String SCRIPT_REFUSED = "Scripts are not supported: the hub runs no code of its users (map fields with"
            + " paths, types, date masks, remove and passThrough instead).";

    private TransformationRules() {
    }

    public static List<String> nameProblems(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return List.of("A common object's name is 1 to 100 letters, digits, '_' or '-', starting with a letter or digit: "
                    + name + ".");
        }
        if (RESERVED.contains(name)) {
            return List.of("The name " + name + " is reserved: /hubs/{hub}/" + name + " is the hub's own resource.");
        }
        return List.of();
    }

    /** A definition's fields: at least one, at most {@link #MAX_FIELDS}, paths distinct and not nested in each other. */
    public static List<String> definitionProblems(List<ObjectField> fields) {
        List<String> problems = new ArrayList<>();
        if (fields == null || fields.isEmpty()) {
            return List.of("fields: a common object has at least one field.");
        }
        if (fields.size() > MAX_FIELDS) {
            return List.of("fields: at most " + MAX_FIELDS + " fields.");
        }
        List<FieldPath> paths = new ArrayList<>();
        for (ObjectField field : fields) {
            Outcome<FieldPath> path = FieldPath.parse(field.path());
            if (path instanceof Outcome.Success<FieldPath> parsed) {
                if (paths.contains(parsed.value())) {
                    problems.add("fields: " + field.path() + " appears twice.");
                }
                paths.add(parsed.value());
            } else {
                problems.add("fields: " + message(path));
            }
            if (FieldType.fromWire(field.type()).isEmpty()) {
                problems.add("fields: " + field.path() + " has type " + field.type() + "; the types are " + FieldType.names() + ".");
            }
        }
        problems.addAll(nesting("fields", paths));
        return problems;
    }

    /**
     * The problems of a mapping about to be written for {@code element}: those of
     * {@link #compile strict compilation}, and a {@code vendorName} that is no resource of the
     * element ({@code /{vendorName}} or {@code /{vendorName}/{id}} on its hub).
     */
    public static List<String> problems(TransformationDefinition mapping, List<ObjectField> objectFields,
                                        ElementDefinition element) {
        List<String> problems = new ArrayList<>(compilation(mapping, objectFields, true).problems());
        String vendorName = mapping.vendorName();
        if (vendorName != null && VENDOR_NAME.matcher(vendorName).matches() && !hasResource(element, vendorName)) {
            problems.add("vendorName: the element " + element.key() + " has no resource /" + vendorName + " or /"
                    + vendorName + "/{id}.");
        }
        return problems;
    }

    /** Whether the element has {@code /{vendorName}} or {@code /{vendorName}/{placeholder}} among its resources. */
    static boolean hasResource(ElementDefinition element, String vendorName) {
        return element.resources() != null && element.resources().stream().map(ElementDefinition.ResourceDefinition::path)
                .anyMatch(path -> path.equals("/" + vendorName) || path.matches("/" + Pattern.quote(vendorName) + "/\\{[^}/]+}"));
    }

    /** The runnable mapping, or every problem of the stored one (strict: as when it is written). */
    public static Outcome<Mapping> compile(TransformationDefinition mapping, List<ObjectField> objectFields, boolean strict) {
        Compilation compiled = compilation(mapping, objectFields, strict);
        return compiled.problems().isEmpty() ? Outcome.success(compiled.mapping())
                : Outcome.invalid(String.join(" ", compiled.problems()));
    }

    private record Compilation(Mapping mapping, List<String> problems) {
    }

    private static Compilation compilation(TransformationDefinition mapping, List<ObjectField> objectFields, boolean strict) {
        List<String> problems = new ArrayList<>();
        String vendorName = mapping.vendorName();
        if (vendorName == null || !VENDOR_NAME.matcher(vendorName).matches()) {
            problems.add("vendorName: the name of one of the element's resources (letters, digits, '_', '-', '.', '~'), not "
                    + vendorName + ".");
        }
        Directions unmapped = mappingConfiguration(mapping.configuration(), problems);
        Map<FieldPath, FieldType> types = new HashMap<>();
        for (ObjectField field : objectFields) {
            FieldPath.parse(field.path()).map(path -> types.put(path, FieldType.fromWire(field.type()).orElse(FieldType.STRING)));
        }
        if (mapping.fields().isEmpty() && strict) {
            problems.add("fields: a mapping maps at least one field.");
        }
        if (mapping.fields().size() > MAX_FIELDS) {
            problems.add("fields: at most " + MAX_FIELDS + " fields.");
        }
        List<Mapping.Field> fields = new ArrayList<>();
        Set<FieldPath> seen = new HashSet<>();
        for (FieldMapping field : mapping.fields()) {
            if (!strict && FieldPath.parse(field.path()) instanceof Outcome.Success<FieldPath> path
                    && !types.containsKey(path.value())) {
                continue;   // lenient: the definition no longer has the field, so it is not mapped
            }
            Optional<Mapping.Field> compiled = field(field, types, strict, problems);
            if (compiled.isPresent() && !seen.add(compiled.get().path())) {
                problems.add("fields: " + field.path() + " is mapped twice.");
            }
            compiled.ifPresent(fields::add);
        }
        problems.addAll(nesting("vendorPath", fields.stream().map(Mapping.Field::vendorPath).distinct().toList()));
        return new Compilation(new Mapping(vendorName, unmapped, fields), problems);
    }

    private static Optional<Mapping.Field> field(FieldMapping field, Map<FieldPath, FieldType> types, boolean strict,
                                                 List<String> problems) {
        String name = field.path() == null ? "a field" : field.path();
        Outcome<FieldPath> path = FieldPath.parse(field.path());
        Outcome<FieldPath> vendorPath = FieldPath.parse(field.vendorPath());
        if (!(path instanceof Outcome.Success<FieldPath> common)) {
            problems.add("fields: path: " + message(path));
            return Optional.empty();
        }
        if (!(vendorPath instanceof Outcome.Success<FieldPath> vendor)) {
            problems.add("fields: " + name + ": vendorPath: " + message(vendorPath));
            return Optional.empty();
        }
        FieldType objectType = types.get(common.value());
        if (objectType == null) {
            problems.add("fields: " + name + " is not a field of the common object.");
            return Optional.empty();
        }
        FieldType type = objectType;
        if (field.type() != null && !field.type().equals(objectType.wire()) && strict) {
            problems.add("fields: " + name + " has type " + field.type() + " here and " + objectType.wire() + " in the common object.");
        }
        FieldType vendorType = null;
        if (field.vendorType() != null) {
            vendorType = FieldType.fromWire(field.vendorType()).orElse(null);
            if (vendorType == null) {
                problems.add("fields: " + name + ": vendorType " + field.vendorType() + " is not one of " + FieldType.names() + ".");
            }
        }
        FieldConfiguration configuration = fieldConfiguration(name, field.configuration(), problems);
        DateMask mask = null;
        if (vendorType == FieldType.DATE) {
            if (configuration.mask() == null) {
                problems.add("fields: " + name + ": vendorType date needs a date mask in configuration, such as "
                        + "{\"type\": \"date\", \"properties\": {\"pattern\": \"yyyy-MM-dd'T'HH:mm:ssX\"}}.");
            } else {
                mask = configuration.mask();
            }
            if (type == FieldType.BOOLEAN) {
                problems.add("fields: " + name + ": a boolean cannot be a date at the provider.");
            }
        } else {
            if (configuration.mask() != null) {
                problems.add("fields: " + name + ": a date mask needs vendorType date.");
            }
            if (type == FieldType.DATE && vendorType != null && vendorType != FieldType.STRING) {
                problems.add("fields: " + name + ": a date is a " + vendorType.wire()
                        + " at the provider only through vendorType date and a mask (epochMillis, epoch).");
            }
        }
        return Optional.of(new Mapping.Field(common.value(), type, vendor.value(), vendorType, mask,
                configuration.remove(), configuration.passThrough()));
    }

    private record FieldConfiguration(Directions remove, Directions passThrough, DateMask mask) {
    }

    private static FieldConfiguration fieldConfiguration(String name, List<ConfigurationEntry> entries, List<String> problems) {
        Directions remove = Directions.NEITHER;
        Directions passThrough = null;
        DateMask mask = null;
        Set<String> seen = new HashSet<>();
        for (ConfigurationEntry entry : entries) {
            String where = "fields: " + name + ": configuration";
            JsonObject properties = entry.properties() == null ? JsonValue.EMPTY_JSON_OBJECT : entry.properties();
            if (isScript(entry)) {
                problems.add(where + ": " + SCRIPT_REFUSED);
                continue;
            }
            String type = entry.type() == null && properties.containsKey("pattern") ? DATE : entry.type();
            if (type != null && !seen.add(type)) {
                problems.add(where + ": " + type + " appears twice.");
                continue;
            }
            switch (type == null ? "" : type) {
                case REMOVE -> remove = directions(where + " remove", properties, problems);
                case PASS_THROUGH -> passThrough = directions(where + " passThrough", properties, problems);
                case DATE -> {
                    String pattern = properties.get("pattern") instanceof JsonString s ? s.getString() : null;
                    String zone = properties.get("timezone") instanceof JsonString s ? s.getString() : null;
                    Outcome<DateMask> parsed = DateMask.of(pattern, zone);
                    if (parsed instanceof Outcome.Success<DateMask> success) {
                        mask = success.value();
                    } else {
                        problems.add(where + " date: " + message(parsed));
                    }
                }
                default -> problems.add(where + ": unknown type " + type + "; a field's entries are remove, passThrough and"
                        + " date (a mask: {\"type\": \"date\", \"properties\": {\"pattern\": ...}}).");
            }
        }
        return new FieldConfiguration(remove, passThrough, mask);
    }

    private static Directions mappingConfiguration(List<ConfigurationEntry> entries, List<String> problems) {
        Directions unmapped = Directions.BOTH;
        Set<String> seen = new HashSet<>();
        for (ConfigurationEntry entry : entries) {
            JsonObject properties = entry.properties() == null ? JsonValue.EMPTY_JSON_OBJECT : entry.properties();
            if (isScript(entry)) {
                problems.add("configuration: " + SCRIPT_REFUSED);
            } else if (PASS_THROUGH.equals(entry.type())) {
                if (!seen.add(entry.type())) {
                    problems.add("configuration: passThrough appears twice.");
                }
                unmapped = directions("configuration passThrough", properties, problems);
            } else if ("inherit".equals(entry.type())) {
                problems.add("configuration: inherit is not supported: an instance's mapping replaces the organization's"
                        + " whole; repeat the fields it should keep.");
            } else {
                problems.add("configuration: unknown type " + entry.type() + "; a mapping's entry is passThrough"
                        + " (whether unmapped fields pass through, per direction).");
            }
        }
        return unmapped;
    }

    /** Both switches, each a JSON boolean: a missing one would leave a direction to guesswork. */
    private static Directions directions(String where, JsonObject properties, List<String> problems) {
        JsonValue from = properties.get("fromVendor");
        JsonValue to = properties.get("toVendor");
        if (!isBoolean(from) || !isBoolean(to)) {
            problems.add(where + ": properties need fromVendor and toVendor, each true or false.");
            return Directions.NEITHER;
        }
        return new Directions(from == JsonValue.TRUE, to == JsonValue.TRUE);
    }

    private static boolean isBoolean(JsonValue value) {
        return value == JsonValue.TRUE || value == JsonValue.FALSE;
    }

    /** A configuration entry that carries code: refused wherever it appears. */
    static boolean isScript(ConfigurationEntry entry) {
        return "script".equalsIgnoreCase(String.valueOf(entry.type()))
                || (entry.properties() != null && (entry.properties().containsKey("script") || entry.properties().containsKey("body")));
    }

    /** Paths that sit inside another's value: writing both would overwrite one with the other. */
    private static List<String> nesting(String what, List<FieldPath> paths) {
        List<String> problems = new ArrayList<>();
        for (FieldPath outer : paths) {
            for (FieldPath inner : paths) {
                if (outer.isProperPrefixOf(inner)) {
                    problems.add(what + ": " + inner + " lies inside " + outer + "; map one or the other.");
                }
            }
        }
        return problems;
    }

    private static String message(Outcome<?> failure) {
        return failure instanceof Outcome.Invalid<?> invalid ? invalid.message() : String.valueOf(failure);
    }
}
