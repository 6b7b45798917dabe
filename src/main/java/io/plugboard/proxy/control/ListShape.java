package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * Where a vendor's list sits in its answer, and the records in it: the element's {@code root}
 * (a JSON pointer; absent, the answer itself) holds an array, or an object keyed by id whose
 * values are the records, or nothing (many vendors leave an empty list out); the
 * element's {@code itemRoot} unwraps each entry (a CRM answering {@code items[].data}). Anything
 * else at the root is not a list, and the hub says so rather than guess.
 */
final class ListShape {

    private ListShape() {
    }

    /**
     * One page as read: the answer, the list in it (an array or a keyed object; null when the
     * root is absent or null) and its entries as the vendor wrote them.
     */
    record Located(JsonValue answer, JsonValue list, List<JsonValue> entries) {
    }

    /** The answer's list; an empty body is an empty list. */
    static Outcome<Located> locate(byte[] body, String root) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return Outcome.success(new Located(JsonValue.NULL, null, List.of()));
        }
        JsonValue answer;
        try (var reader = JSON.createReader(new ByteArrayInputStream(body))) {
            answer = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return new Outcome.ProviderFailed<>("The provider's answer to a list is not JSON.", null);
        }
        JsonValue list = at(answer, root);
        if (list instanceof JsonArray array) {
            return Outcome.success(new Located(answer, array, List.copyOf(array)));
        }
        if (list instanceof JsonObject keyed) {
            return Outcome.success(new Located(answer, keyed, List.copyOf(keyed.values())));
        }
        if (list == null || list == JsonValue.NULL) {
            return Outcome.success(new Located(answer, null, List.of()));
        }
        return new Outcome.ProviderFailed<>("The provider's answer holds no list at "
                + (root == null || root.isEmpty() ? "its top level" : root) + ".", null);
    }

    /** The records: each entry, or what its {@code itemRoot} points at (the entry itself where that is absent). */
    static List<JsonValue> records(List<JsonValue> entries, String itemRoot) {
        if (itemRoot == null || itemRoot.isEmpty()) {
            return entries;
        }
        List<JsonValue> records = new ArrayList<>(entries.size());
        for (JsonValue entry : entries) {
            JsonValue record = at(entry, itemRoot);
            records.add(record == null ? entry : record);
        }
        return records;
    }

    /** The value at a JSON pointer, or null where there is none. */
    static JsonValue at(JsonValue value, String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return value;
        }
        if (!(value instanceof JsonStructure structure)) {
            return null;
        }
        try {
            return JSON.createPointer(pointer).getValue(structure);
        } catch (JsonException e) {
            return null;
        }
    }

    /**
     * A short digest of a page's entries: two pages with the same digest hold the same records,
     * which is how a vendor repeating its last page past the end is caught.
     */
    static String digest(List<JsonValue> entries) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        entries.forEach(array::add);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(array.build().toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * The first page's answer with its list holding every page's entries, for the hub's own reads
     * (a poller's {@code recordsPath} points into the vendor's answer, so the answer keeps its
     * shape): arrays are concatenated, keyed objects merged.
     */
    static JsonValue merged(Located first, List<Located> pages, String root) {
        JsonValue list;
        if (pages.stream().anyMatch(page -> page.list() instanceof JsonObject)) {
            JsonObjectBuilder keyed = JSON.createObjectBuilder();
            pages.forEach(page -> {
                if (page.list() instanceof JsonObject object) {
                    object.forEach(keyed::add);
                }
            });
            list = keyed.build();
        } else {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            pages.forEach(page -> page.entries().forEach(array::add));
            list = array.build();
        }
        if (root == null || root.isEmpty() || !(first.answer() instanceof JsonStructure structure)) {
            return list;
        }
        try {
            var pointer = JSON.createPointer(root);
            return pointer.containsValue(structure) ? pointer.replace(structure, list) : pointer.add(structure, list);
        } catch (JsonException e) {
            return list;   // the root's parent is missing too: the list alone is the best answer
        }
    }
}
