package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An instance's {@code event.poller.configuration}: what the hub reads, per resource, to find the
 * changes at a provider that pushes none. Parsed once into checked values, so a poll never meets
 * a bad pattern or zone halfway through, and an instance write with a bad value is answered with
 * a 400 that names the resource and the field.
 *
 * <p>The value is a JSON object keyed by resource name (Cloud Elements also stored it as a JSON
 * string holding that object; both are read). Unknown fields are refused, because a misspelt
 * field would otherwise be a silently ignored setting; {@code filterByUpdateDate}, a spelling the
 * Cloud Elements docs use, is read as {@code filterByUpdatedDate}.
 */
public record PollerConfiguration(List<Resource> resources) {

    /** {@code event.objects}: which of the resources to watch (all when unset). */
    public static final String OBJECTS_KEY = "event.objects";

    private static final String KEY = ElementDefinition.POLLER_CONFIGURATION_KEY;

    static final int DEFAULT_MAX_PAGES = 10;

    private static final Set<String> RESOURCE_FIELDS = Set.of("url", "idField", "recordsPath", "objectType",
            "filterByUpdatedDate", "filterByUpdateDate", "filterByCurrentDate", "datesConfiguration",
            "createdCheckTolerance", "pageSize", "pollDelay", "paging", "deletedField");
    private static final Set<String> DATE_FIELDS = Set.of("updatedDateField", "updatedDateFormat", "updatedDateTimezone",
            "createdDateField", "createdDateFormat", "createdDateTimezone");
    private static final Set<String> PAGING_FIELDS = Set.of("type", "pageParameter", "sizeParameter", "first", "maxPages");

    public PollerConfiguration {
        resources = List.copyOf(resources);
    }

    /**
     * One resource to poll.
     *
     * @param name                  the key in the configuration; names the raw data ({@code {"objectType": name, name: [...]}})
     * @param url                   a {@code /hubs/...} URL of the same instance, with date placeholders (see {@link PollerUrls})
     * @param idField               dotted path to the record's id (null: events carry no objectId)
     * @param recordsPath           JSON pointer to the records in the answer ("" : the answer itself)
     * @param objectType            the events' objectType
     * @param filterByUpdatedDate   records not updated after the window start are left out
     * @param filterByCurrentDate   records updated after the window end are left for the next window
     * @param dates                 where the dates are and how they are written
     * @param createdCheckTolerance seconds within which an updated date still counts as the created date
     * @param pageSize              records per page asked for, and what counts as a full page (null: not asked)
     * @param pollDelay             seconds the window starts before the end of the last one (for providers whose lists lag)
     * @param paging                how further pages are asked for
     * @param deletedField          dotted path to a value that marks a deleted record (null: none does)
     */
    public record Resource(String name, String url, String idField, String recordsPath, String objectType,
                           boolean filterByUpdatedDate, boolean filterByCurrentDate, Dates dates,
                           long createdCheckTolerance, Integer pageSize, long pollDelay, Paging paging,
                           String deletedField) {
    }

    /** The updated and created dates of a record; either may be absent. */
    public record Dates(Optional<DateField> updated, Optional<DateField> created) {
        static final Dates NONE = new Dates(Optional.empty(), Optional.empty());

        public boolean any() {
            return updated.isPresent() || created.isPresent();
        }
    }

    /**
     * One date of a record: its dotted path, and how it is written: a {@link DateTimeFormatter}
     * pattern read in {@code zone} unless the text carries its own offset, or {@code epoch}
     * (seconds) / {@code epochMillis}, as a number or a numeric string. Without a format, ISO 8601.
     */
    public record DateField(String path, DateFormat format, ZoneId zone) {
    }

    /** How a date is written. */
    public sealed interface DateFormat {
        record Pattern(String pattern, DateTimeFormatter formatter) implements DateFormat {
        }

        record Epoch(boolean millis) implements DateFormat {
        }

        record Iso() implements DateFormat {
        }
    }

    /**
     * Further pages: {@code page} numbers pages from {@code first}, {@code offset} counts records
     * from {@code first}; at most {@code maxPages} are read in one poll.
     */
    public record Paging(Type type, String pageParameter, String sizeParameter, long first, int maxPages) {
        public enum Type { NONE, PAGE, OFFSET }

        static final Paging NONE = new Paging(Type.NONE, null, null, 0, 1);
    }

    /** Reads the configuration value; a failure is {@link Outcome.Invalid} with a message naming the resource and field. */
    public static Outcome<PollerConfiguration> parse(String json) {
        if (json == null || json.isBlank()) {
            return Outcome.invalid(KEY + " is empty; it must be a JSON object keyed by resource.");
        }
        JsonValue value;
        try {
            value = read(json);
            if (value instanceof JsonString string) {
                value = read(string.getString());
            }
        } catch (JsonException | IllegalStateException e) {
            return Outcome.invalid(KEY + " is not valid JSON.");
        }
        if (!(value instanceof JsonObject object)) {
            return Outcome.invalid(KEY + " must be a JSON object keyed by resource.");
        }
        if (object.isEmpty()) {
            return Outcome.invalid(KEY + " names no resource to poll.");
        }
        List<Resource> resources = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            try {
                resources.add(resource(entry.getKey(), entry.getValue()));
            } catch (Refused refused) {
                return Outcome.invalid(KEY + ": resource '" + entry.getKey() + "': " + refused.getMessage());
            }
        }
        return Outcome.success(new PollerConfiguration(resources));
    }

    /**
     * Keeps the resources {@code event.objects} names (a comma-separated list of resource names
     * or objectTypes, case-insensitive); all of them when it is unset or blank.
     */
    public PollerConfiguration only(String eventObjects) {
        if (eventObjects == null || eventObjects.isBlank()) {
            return this;
        }
        Set<String> wanted = Arrays.stream(eventObjects.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new PollerConfiguration(resources.stream()
                .filter(r -> wanted.contains(r.name().toLowerCase(Locale.ROOT))
                        || wanted.contains(r.objectType().toLowerCase(Locale.ROOT)))
                .toList());
    }

    /** The names of {@code event.objects} that match no resource: worth a 400 when the objects are set. */
    public List<String> unknownObjects(String eventObjects) {
        if (eventObjects == null || eventObjects.isBlank()) {
            return List.of();
        }
        Set<String> known = resources.stream().flatMap(r -> java.util.stream.Stream.of(r.name(), r.objectType()))
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return Arrays.stream(eventObjects.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .filter(s -> !known.contains(s.toLowerCase(Locale.ROOT))).toList();
    }

    // --- parsing -------------------------------------------------------------------------------

    /** A field that cannot be used; its message completes "resource 'x': ". */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonValue read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static Resource resource(String name, JsonValue value) {
        if (name.isBlank()) {
            throw new Refused("a resource needs a name.");
        }
        if (!(value instanceof JsonObject fields)) {
            throw new Refused("must be a JSON object.");
        }
        unknownFields(fields, RESOURCE_FIELDS, "");
        String url = text(fields, "url").orElseThrow(() -> new Refused("url is required (a /hubs/... URL of the same instance)."));
        if (!url.startsWith("/hubs/")) {
            throw new Refused("url must be a /hubs/... URL of the same instance, not '" + url + "'.");
        }
        PollerUrls.check(url).ifPresent(problem -> {
            throw new Refused("url: " + problem);
        });
        String recordsPath = text(fields, "recordsPath").orElse("");
        if (!recordsPath.isEmpty() && !recordsPath.startsWith("/")) {
            throw new Refused("recordsPath must be a JSON pointer (\"/items\"), or absent when the answer is the list.");
        }
        boolean filterByUpdated = bool(fields, "filterByUpdatedDate").or(() -> bool(fields, "filterByUpdateDate")).orElse(true);
        Dates dates = fields.containsKey("datesConfiguration") ? dates(fields.get("datesConfiguration")) : Dates.NONE;
        Integer pageSize = number(fields, "pageSize", 1).map(Math::toIntExact).orElse(null);
        Paging paging = fields.containsKey("paging") ? paging(fields.get("paging"), pageSize) : Paging.NONE;
        return new Resource(name, url, text(fields, "idField").orElse(null), recordsPath,
                text(fields, "objectType").orElse(name), filterByUpdated, bool(fields, "filterByCurrentDate").orElse(false),
                dates, number(fields, "createdCheckTolerance", 0).orElse(0L), pageSize,
                number(fields, "pollDelay", 0).orElse(0L), paging, text(fields, "deletedField").orElse(null));
    }

    private static Dates dates(JsonValue value) {
        if (!(value instanceof JsonObject fields)) {
            throw new Refused("datesConfiguration must be a JSON object.");
        }
        unknownFields(fields, DATE_FIELDS, "datesConfiguration.");
        return new Dates(dateField(fields, "updated"), dateField(fields, "created"));
    }

    private static Optional<DateField> dateField(JsonObject fields, String which) {
        Optional<String> path = text(fields, which + "DateField");
        Optional<String> format = text(fields, which + "DateFormat");
        Optional<String> zone = text(fields, which + "DateTimezone");
        if (path.isEmpty()) {
            if (format.isPresent() || zone.isPresent()) {
                throw new Refused("datesConfiguration." + which + "DateField is required when its format or time zone is set.");
            }
            return Optional.empty();
        }
        ZoneId zoneId = zone.map(z -> zone("datesConfiguration." + which + "DateTimezone", z)).orElse(ZoneOffset.UTC);
        DateFormat dateFormat = format.map(f -> dateFormat("datesConfiguration." + which + "DateFormat", f))
                .orElse(new DateFormat.Iso());
        return Optional.of(new DateField(path.get(), dateFormat, zoneId));
    }

    static DateFormat dateFormat(String field, String format) {
        switch (format) {
            case "epoch", "epochSeconds" -> {
                return new DateFormat.Epoch(false);
            }
            case "epochMillis" -> {
                return new DateFormat.Epoch(true);
            }
            default -> {
                try {
                    return new DateFormat.Pattern(format, DateTimeFormatter.ofPattern(format, Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new Refused(field + " '" + format + "' is not a date pattern (" + e.getMessage()
                            + "); use a Java DateTimeFormatter pattern, epoch or epochMillis.");
                }
            }
        }
    }

    static ZoneId zone(String field, String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new Refused(field + " '" + zone + "' is not a time zone (e.g. GMT, UTC, Europe/Berlin, +02:00).");
        }
    }

    private static Paging paging(JsonValue value, Integer pageSize) {
        if (!(value instanceof JsonObject fields)) {
            throw new Refused("paging must be a JSON object.");
        }
        unknownFields(fields, PAGING_FIELDS, "paging.");
        String typeName = text(fields, "type").orElseThrow(() -> new Refused("paging.type is required: none, page or offset."));
        Paging.Type type;
        try {
            type = Paging.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("paging.type must be none, page or offset, not '" + typeName + "'.");
        }
        if (type == Paging.Type.NONE) {
            return Paging.NONE;
        }
        if (type == Paging.Type.OFFSET && pageSize == null) {
            throw new Refused("paging.type offset needs pageSize: the offset moves by one page.");
        }
        String pageParameter = text(fields, "pageParameter").orElse(type == Paging.Type.PAGE ? "page" : "offset");
        String sizeParameter = text(fields, "sizeParameter").orElse(null);
        long first = number(fields, "first", 0).orElse(type == Paging.Type.PAGE ? 1L : 0L);
        int maxPages = number(fields, "maxPages", 1).map(Math::toIntExact).orElse(DEFAULT_MAX_PAGES);
        return new Paging(type, pageParameter, sizeParameter, first, maxPages);
    }

    private static void unknownFields(JsonObject fields, Set<String> known, String prefix) {
        List<String> unknown = fields.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new Refused("unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(k -> prefix + k).collect(Collectors.joining(", "))
                    + "; known are " + known.stream().filter(k -> !k.equals("filterByUpdateDate")).sorted()
                    .map(k -> prefix + k).collect(Collectors.joining(", ")) + ".");
        }
    }

    private static Optional<String> text(JsonObject fields, String name) {
        JsonValue value = fields.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw new Refused(name + " must be a string.");
        }
        String text = string.getString().strip();
        if (text.isEmpty()) {
            throw new Refused(name + " must not be empty.");
        }
        return Optional.of(text);
    }

    /** A boolean, also as the strings "true" and "false" that configuration values often are. */
    private static Optional<Boolean> bool(JsonObject fields, String name) {
        JsonValue value = fields.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        if (value instanceof JsonString s && (s.getString().equalsIgnoreCase("true") || s.getString().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(s.getString()));
        }
        throw new Refused(name + " must be true or false.");
    }

    /** A whole number of at least {@code minimum}, also as a numeric string. */
    private static Optional<Long> number(JsonObject fields, String name, long minimum) {
        JsonValue value = fields.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        long number;
        try {
            if (value instanceof JsonNumber n && n.isIntegral()) {
                number = n.longValueExact();
            } else if (value instanceof JsonString s) {
                number = Long.parseLong(s.getString().strip());
            } else {
                throw new Refused(name + " must be a whole number.");
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Refused(name + " must be a whole number.");
        }
        if (number < minimum || number > Integer.MAX_VALUE) {
            throw new Refused(name + " must be " + minimum + " or more.");
        }
        return Optional.of(number);
    }
}
