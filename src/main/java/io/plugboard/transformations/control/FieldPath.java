package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * A field's place in a JSON object, in the notation Cloud Elements uses for {@code path} and
 * {@code vendorPath}: keys separated by dots, each optionally followed by array indices
 * ({@code name.first}, {@code emails[0].address}, {@code matrix[1][2]}).
 *
 * <p>Reading, writing and removing are pure functions over immutable JSON-P values: each returns a
 * new value and leaves its argument untouched, so one mapping can be applied to many objects (a
 * list) and tested without a server. The richer selectors of Cloud Elements' paths (filters such
 * as {@code [?(@.id==2)]}, {@code [*].size()}) are not supported: a path that uses them fails to
 * parse, so a mapping that needs them is refused when it is written, not misread when it runs.
 *
 * <p>An index is at most {@link #MAX_INDEX}: writing {@code emails[3]} into an empty array pads it
 * with nulls, and a bound keeps a mapping from making the hub build a huge array.
 */
public final class FieldPath {

    public static final int MAX_INDEX = 999;
    public static final int MAX_LENGTH = 255;
    public static final int MAX_STEPS = 32;

    /** One step down: a key of an object, or a position in an array. */
    public sealed interface Step {
        record Key(String name) implements Step {
        }

        record Index(int position) implements Step {
        }
    }

    private final String text;
    private final List<Step> steps;

    private FieldPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** The path, or why {@code text} is not one (the message names it). */
    public static Outcome<FieldPath> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Outcome.invalid("A path is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            return Outcome.invalid("The path " + text.substring(0, 40) + "... is longer than " + MAX_LENGTH + " characters.");
        }
        List<Step> steps = new ArrayList<>();
        for (String segment : text.split("\\.", -1)) {
            int bracket = segment.indexOf('[');
            String key = bracket >= 0 ? segment.substring(0, bracket) : segment;
            if (key.isEmpty() || key.isBlank() || key.indexOf(']') >= 0 || key.chars().anyMatch(Character::isISOControl)) {
                return Outcome.invalid("The path " + text + " is not a dotted path with array indices (such as emails[0].address).");
            }
            steps.add(new Step.Key(key));
            String rest = bracket >= 0 ? segment.substring(bracket) : "";
            while (!rest.isEmpty()) {
                int close = rest.indexOf(']');
                if (!rest.startsWith("[") || close < 2 || !rest.substring(1, close).chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Outcome.invalid("The path " + text + " is not a dotted path with array indices (such as "
                            + "emails[0].address): filters, wildcards and functions are not supported.");
                }
                String digits = rest.substring(1, close);
                if (digits.length() > 3 || Integer.parseInt(digits) > MAX_INDEX) {
                    return Outcome.invalid("The path " + text + " has an index above " + MAX_INDEX + ".");
                }
                steps.add(new Step.Index(Integer.parseInt(digits)));
                rest = rest.substring(close + 1);
            }
        }
        if (steps.size() > MAX_STEPS) {
            return Outcome.invalid("The path " + text + " is more than " + MAX_STEPS + " steps deep.");
        }
        return Outcome.success(new FieldPath(text, steps));
    }

    public List<Step> steps() {
        return steps;
    }

    /** The value at this path, if every step exists (a JSON null there is present, as null). */
    public Optional<JsonValue> read(JsonValue root) {
        JsonValue node = root;
        for (Step step : steps) {
            if (step instanceof Step.Key key && node instanceof JsonObject object && object.containsKey(key.name())) {
                node = object.get(key.name());
            } else if (step instanceof Step.Index index && node instanceof JsonArray array && index.position() < array.size()) {
                node = array.get(index.position());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /**
     * {@code root} with {@code value} at this path. Missing objects and arrays on the way are
     * created (an array padded with nulls up to the index); a step that meets a value of the other
     * kind replaces it, since the path says what belongs there. A null root is an empty object.
     */
    public JsonValue write(JsonValue root, JsonValue value) {
        return write(root == null ? JsonValue.EMPTY_JSON_OBJECT : root, 0, value);
    }

    private JsonValue write(JsonValue node, int at, JsonValue value) {
        if (at == steps.size()) {
            return value;
        }
        Step step = steps.get(at);
        if (step instanceof Step.Key key) {
            JsonObject object = node instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            return JSON.createObjectBuilder(object).add(key.name(), write(object.get(key.name()), at + 1, value)).build();
        }
        int position = ((Step.Index) step).position();
        JsonArray array = node instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        JsonArrayBuilder builder = JSON.createArrayBuilder(array);
        for (int i = array.size(); i < position; i++) {
            builder.addNull();
        }
        if (position < array.size()) {
            builder.set(position, write(array.get(position), at + 1, value));
        } else {
            builder.add(write(null, at + 1, value));
        }
        return builder.build();
    }

    /**
     * {@code root} without the value at this path: what is left of an object once a mapping has
     * taken its fields. An object emptied by the removal goes too (no {@code "address": {}} left
     * behind); an array keeps its length, the removed element becoming null, so the positions of
     * the others do not shift.
     */
    public JsonValue remove(JsonValue root) {
        return remove(root, 0);
    }

    private JsonValue remove(JsonValue node, int at) {
        Step step = steps.get(at);
        boolean last = at == steps.size() - 1;
        if (step instanceof Step.Key key) {
            if (!(node instanceof JsonObject object) || !object.containsKey(key.name())) {
                return node;
            }
            JsonValue child = object.get(key.name());
            if (last) {
                return JSON.createObjectBuilder(object).remove(key.name()).build();
            }
            JsonValue rest = remove(child, at + 1);
            boolean emptied = rest != child && rest instanceof JsonObject o && o.isEmpty();
            return emptied ? JSON.createObjectBuilder(object).remove(key.name()).build()
                    : JSON.createObjectBuilder(object).add(key.name(), rest).build();
        }
        int position = ((Step.Index) step).position();
        if (!(node instanceof JsonArray array) || position >= array.size()) {
            return node;
        }
        JsonValue rest = last ? JsonValue.NULL : remove(array.get(position), at + 1);
        return JSON.createArrayBuilder(array).set(position, rest).build();
    }

    /** Whether this path leads to a place inside {@code other}'s value ({@code a} of {@code a.b}, {@code a} of {@code a[0]}). */
    public boolean isProperPrefixOf(FieldPath other) {
        return steps.size() < other.steps.size() && other.steps.subList(0, steps.size()).equals(steps);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath path && path.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    /** The path as written. */
    @Override
    public String toString() {
        return text;
    }
}
