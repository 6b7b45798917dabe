package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Which instances a provider webhook is for, by the element's {@code webhook.routing} data, tried
 * in the order the element lists them; the first style the request carries decides:
 * <ul>
 *   <li>{@code path}: {@code /events/{key}/{id}}, the id base64 (or base64url, padding optional)
 *       encoded, as most Cloud Elements elements register it, or plain, as Zuora's does;</li>
 *   <li>{@code header}: {@code Element-Instances: id[,id...]}, fanning out to each;</li>
 *   <li>{@code payload}: the value at {@code finder.pointer}, matched by the caller against the
 *       instances' {@code finder.configurationKey} values.</li>
 * </ul>
 * Pure: it reads the request only; checking that an id exists, belongs to the element and takes
 * events is {@link WebhookIntake}'s.
 */
public final class WebhookRouting {

    public static final String PATH = "path";
    public static final String HEADER = "header";
    public static final String PAYLOAD = "payload";
    public static final String INSTANCES_HEADER = "Element-Instances";

    private WebhookRouting() {
    }

    /** What the request names. */
    public sealed interface Selection {
        /** Instance ids, in the order given, without repeats. */
        record Ids(List<Long> ids) implements Selection {
        }

        /** A payload value to find among the instances' {@code configurationKey} values. */
        record ByValue(String configurationKey, String value) implements Selection {
        }

        /** Nothing in the request names an instance the element's way. */
        record Nothing(String reason) implements Selection {
        }
    }

    public static Selection select(ElementDefinition.Webhook webhook, String pathSegment, String instancesHeader,
                                   JsonStructure payload) {
        List<String> routing = webhook.routing() == null ? List.of() : webhook.routing();
        for (String style : routing) {
            switch (style) {
                case PATH -> {
                    if (pathSegment != null && !pathSegment.isBlank()) {
                        return pathId(pathSegment).<Selection>map(id -> new Selection.Ids(List.of(id)))
                                .orElseGet(() -> new Selection.Nothing("The path does not name an instance: "
                                        + "expected the instance id, base64 encoded."));
                    }
                }
                case HEADER -> {
                    if (instancesHeader != null && !instancesHeader.isBlank()) {
                        return headerIds(instancesHeader);
                    }
                }
                case PAYLOAD -> {
                    Optional<String> value = finderValue(webhook.finder(), payload);
                    if (value.isPresent()) {
                        return new Selection.ByValue(webhook.finder().configurationKey(), value.get());
                    }
                }
                default -> {
                    // A style this hub does not know: the element data is newer than the code; try the next.
                }
            }
        }
        return new Selection.Nothing("The webhook does not name an instance the way the element routes them ("
                + String.join(", ", routing) + ").");
    }

    /** The instance id in a path segment: plain digits, or their base64 / base64url encoding with or without padding. */
    public static Optional<Long> pathId(String segment) {
        String trimmed = segment.strip();
        Optional<Long> plain = number(trimmed);
        if (plain.isPresent()) {
            return plain;
        }
        String unpadded = trimmed.replaceAll("=+$", "").replace('-', '+').replace('_', '/');
        try {
            return number(new String(Base64.getDecoder().decode(pad(unpadded)), StandardCharsets.UTF_8).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Selection headerIds(String header) {
        List<Long> ids = new ArrayList<>();
        for (String part : header.split(",")) {
            Optional<Long> id = number(part.strip());
            if (id.isEmpty()) {
                return new Selection.Nothing("The " + INSTANCES_HEADER + " header must list instance ids separated by commas.");
            }
            if (!ids.contains(id.get())) {
                ids.add(id.get());
            }
        }
        return new Selection.Ids(List.copyOf(ids));
    }

    private static Optional<String> finderValue(ElementDefinition.Finder finder, JsonStructure payload) {
        if (finder == null || finder.pointer() == null || finder.configurationKey() == null || payload == null) {
            return Optional.empty();
        }
        return WebhookChanges.at(payload, finder.pointer()).flatMap(WebhookRouting::text);
    }

    /** A string as it is, a number as written; anything else names nothing. */
    static Optional<String> text(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString().isEmpty() ? Optional.empty() : Optional.of(string.getString());
        }
        if (value instanceof JsonNumber number) {
            return Optional.of(number.toString());
        }
        return Optional.empty();
    }

    private static Optional<Long> number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static String pad(String base64) {
        int remainder = base64.length() % 4;
        // A remainder of 1 is never valid base64: left as it is, the decoder refuses it.
        return remainder < 2 ? base64 : base64 + "=".repeat(4 - remainder);
    }
}
