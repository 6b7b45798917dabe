package io.plugboard.console.control;

import io.plugboard.console.control.ConsoleViews.Notice;
import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.events.control.EventQueries;
import io.plugboard.events.control.EventSettings;
import io.plugboard.instances.control.InstanceRequest;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's door to an instance's provider events, beside {@link ConsoleFacade}: whether they
 * are on and how they arrive, the poller's state, the latest events with their delivery attempts,
 * and the operator's actions (turn events on or off, redeliver). Scoped to the caller's
 * organization like every console read; it uses the services the api-v2 uses, so the console
 * cannot turn events on with a configuration the API would refuse.
 */
@ApplicationScoped
public class ConsoleEvents {

    static final int RECENT = 20;

    @Inject
    EventQueries events;
    @Inject
    InstanceService instances;
    @Inject
    ElementService elements;

    /** The events card of an instance page. */
    public record EventsPanel(boolean supported, boolean enabled, String method, String callbackUrl,
                              EventQueries.PollerView poller, long queued, List<EventRow> recent) implements Serializable {
    }

    /** One event: what changed (a short summary), its delivery state and its attempts. */
    public record EventRow(long id, String origin, String status, OffsetDateTime received, String summary,
                           OffsetDateTime nextAttempt, List<EventQueries.AttemptView> attempts) implements Serializable {
        public boolean queued() {
            return "QUEUED".equals(status);
        }
    }

    /** The panel, or empty for an unknown (or another organization's) instance. */
    public Optional<EventsPanel> panel(Caller caller, long instanceId) {
        long org = caller.organizationId();
        Outcome<InstanceService.Configured> configured = instances.configured(org, instanceId);
        if (!(configured instanceof Outcome.Success<InstanceService.Configured> found)) {
            return Optional.empty();
        }
        var configuration = found.value().configuration();
        Optional<ElementDefinition> element = elements.find(found.value().elementKey(), Optional.of(org))
                .map(ElementService.Element::definition);
        boolean supported = element.map(ElementDefinition::events).map(e -> Boolean.TRUE.equals(e.supported())).orElse(false);
        String method = element.flatMap(e -> EventSettings.method(e, configuration)).orElse(null);
        List<EventRow> recent = events.page(org, Optional.of(instanceId), RECENT, null)
                .fold(page -> page.events().stream().map(ConsoleEvents::row).toList(), failed -> List.of());
        EventQueries.PollerView poller = events.poller(org, instanceId).fold(p -> p.orElse(null), failed -> null);
        return Optional.of(new EventsPanel(supported, EventSettings.enabled(configuration), method,
                configuration.get(EventSettings.CALLBACK_URL_KEY), poller, events.queuedCount(org, instanceId), recent));
    }

    /** Turns events on or off through the same update (and the same checks) as {@code PATCH /instances/{id}}. */
    public Notice setEnabled(Caller caller, long instanceId, boolean enabled) {
        InstanceRequest request = InstanceRequest.builder().eventsEnabled(enabled).build();
        return instances.update(caller.organizationId(), instanceId, request, false).fold(
                saved -> Notice.success("Events are " + (enabled ? "on" : "off") + " for “" + saved.name() + "”."),
                ConsoleFacade::failure);
    }

    public Notice redeliver(Caller caller, long instanceId, long eventId) {
        return events.redeliver(caller.organizationId(), Optional.of(instanceId), eventId).fold(
                event -> Notice.success("Event " + eventId + " is on its way again."), ConsoleFacade::failure);
    }

    public Notice redeliverQueued(Caller caller, long instanceId) {
        return events.redeliverQueued(caller.organizationId(), instanceId).fold(
                count -> count == 0 ? Notice.info("No event was queued.")
                        : Notice.success(count + (count == 1 ? " queued event is" : " queued events are") + " on its way again."),
                ConsoleFacade::failure);
    }

    private static EventRow row(EventQueries.EventView event) {
        String summary = event.events().stream().map(JsonObject.class::cast).limit(3)
                .map(c -> c.getString("eventType", "UNKNOWN") + " " + c.getString("objectType", "?")
                        + (c.isNull("objectId") ? "" : " " + c.getString("objectId", "")))
                .collect(Collectors.joining(", "));
        if (event.events().size() > 3) {
            summary += " and " + (event.events().size() - 3) + " more";
        }
        return new EventRow(event.id(), event.origin(), event.status(), event.eventDate(), summary,
                event.nextAttemptDate(), event.deliveries());
    }
}
