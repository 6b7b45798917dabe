package io.plugboard.elements.boundary;

import io.plugboard.elements.entity.ElementDefinition;

import java.util.List;

/**
 * {@code GET /elements/{keyOrId}/metadata}: what an application asks before turning events on, in
 * Cloud Elements' shape ({@code events.supported}, {@code events.methods}: {@code polling} and/or
 * {@code webhook}), read from the element's {@code events} data. An element without that data
 * supports no events.
 */
public record ElementMetadata(Long id, String key, String name, String hub, EventsMetadata events) {

    public record EventsMetadata(boolean supported, List<String> methods) {
    }

    public static ElementMetadata of(ElementDefinition element) {
        ElementDefinition.Events events = element.events();
        // The same test an instance write applies before it lets events be turned on (EventSettings).
        boolean supported = events != null && Boolean.TRUE.equals(events.supported())
                && events.methods() != null && !events.methods().isEmpty();
        List<String> methods = supported && events.methods() != null ? List.copyOf(events.methods()) : List.of();
        return new ElementMetadata(element.id(), element.key(), element.name(), element.hub(),
                new EventsMetadata(supported, methods));
    }
}
