package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.events.entity.EventPoller;
import io.plugboard.instances.control.InstanceConfigurationRule;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code event.*} keys of an instance's configuration: what makes a configuration with events
 * on acceptable (the element supports the chosen way, the callback URL passes the egress guard,
 * the poller settings parse), and the poller row that exists exactly while an instance's events
 * come from polling. Runs inside every instance write (see {@link InstanceConfigurationRule}), so
 * a refused configuration stores nothing and an accepted one starts or stops its poller in the
 * same transaction.
 */
@ApplicationScoped
public class EventSettings implements InstanceConfigurationRule {

    public static final String VENDOR_TYPE = "event.vendor.type";
    public static final String SIGNATURE_KEY = "event.notification.signature.key";
    public static final String REFRESH_INTERVAL = "event.poller.refresh_interval";
    public static final String OBJECTS = "event.objects";
    /** A week: longer than that is a setting mistake, not a poll interval. */
    static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;

    @Inject
    EgressGuard egress;
    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    @ConfigProperty(name = "plugboard.events.poll.default-interval-minutes", defaultValue = "15")
    long defaultIntervalMinutes;

    @Override
    public Optional<String> refusal(ElementDefinition element, Map<String, String> before, Map<String, String> effective) {
        if (!enabled(effective)) {
            return Optional.empty();
        }
        ElementDefinition.Events events = element.events();
        if (events == null || !Boolean.TRUE.equals(events.supported()) || events.methods() == null || events.methods().isEmpty()) {
            return Optional.of("The element " + element.key() + " does not support events.");
        }
        Optional<String> method = method(element, effective);
        if (method.isEmpty()) {
            return Optional.of(VENDOR_TYPE + " must be polling or webhook.");
        }
        if (!events.supports(method.get())) {
            return Optional.of("The element " + element.key() + " does not support " + method.get() + " events; it supports "
                    + String.join(", ", events.methods()) + ".");
        }
        // Judged when events are turned on or the URL changes, not on every later write: a rename
        // must not fail because the application's host does not resolve at that moment.
        boolean callbackChanged = !enabled(before) || !Objects.equals(before.get(CALLBACK_URL_KEY), effective.get(CALLBACK_URL_KEY));
        Optional<String> callback = callbackChanged ? callbackRefusal(effective.get(CALLBACK_URL_KEY)) : Optional.empty();
        if (callback.isPresent()) {
            return callback;
        }
        if (ElementDefinition.Events.POLLING.equals(method.get())) {
            return pollingRefusal(effective);
        }
        return Optional.empty();
    }

    @Override
    public void stored(StoredInstance instance) {
        boolean polls = instance.eventsEnabled()
                && method(instance.element(), instance.configuration()).filter(ElementDefinition.Events.POLLING::equals).isPresent();
        EventPoller poller = em.find(EventPoller.class, instance.instanceId());
        if (polls && poller == null) {
            // The instance row goes first: the poller row references it, and nothing tells the
            // unit of work that order (a provisioning write otherwise fails on the foreign key).
            em.flush();
            em.persist(new EventPoller(instance.instanceId(), instance.organizationId(), EventStore.now()));
        } else if (polls) {
            // Any other write (a rename, a new token) leaves the schedule alone: the poll reads the
            // configuration it runs with anyway. Only a shorter interval brings the next poll forward.
            OffsetDateTime latest = EventStore.now().plusMinutes(intervalMinutes(instance.configuration(), defaultIntervalMinutes));
            if (poller.getNextPollAt().isAfter(latest)) {
                poller.dueAt(latest);
            }
        } else if (poller != null) {
            em.remove(poller);
        }
    }

    /** Whether an instance's configuration turns events on. */
    public static boolean enabled(Map<String, String> configuration) {
        String flag = configuration.get(EVENTS_ENABLED_KEY);
        return flag != null && Boolean.parseBoolean(flag.strip());
    }

    /**
     * How the instance's events arrive: its {@code event.vendor.type} ({@code webhooks} read as
     * {@code webhook}), or the element's first method when it sets none; empty for a value that is neither.
     */
    public static Optional<String> method(ElementDefinition element, Map<String, String> configuration) {
        String chosen = configuration.get(VENDOR_TYPE);
        if (chosen == null || chosen.isBlank()) {
            var events = element.events();
            return events == null || events.methods() == null ? Optional.empty() : events.methods().stream().findFirst();
        }
        return switch (chosen.strip().toLowerCase(Locale.ROOT)) {
            case "polling" -> Optional.of(ElementDefinition.Events.POLLING);
            case "webhook", "webhooks" -> Optional.of(ElementDefinition.Events.WEBHOOK);
            default -> Optional.empty();
        };
    }

    /** Minutes between polls: the instance's {@code event.poller.refresh_interval}, else {@code fallback}. */
    public static long intervalMinutes(Map<String, String> configuration, long fallback) {
        String value = configuration.get(REFRESH_INTERVAL);
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private Optional<String> callbackRefusal(String callbackUrl) {
        if (callbackUrl == null || callbackUrl.isBlank()) {
            return Optional.of(CALLBACK_URL_KEY + " is required when events are enabled.");
        }
        URI uri;
        try {
            uri = new URI(callbackUrl.strip());
        } catch (URISyntaxException e) {
            return Optional.of(CALLBACK_URL_KEY + " is not a URL.");
        }
        if (egress.check(uri, false) instanceof EgressGuard.Verdict.Refused refused) {
            return Optional.of(CALLBACK_URL_KEY + " is not allowed: " + refused.reason());
        }
        return Optional.empty();
    }

    private static Optional<String> pollingRefusal(Map<String, String> effective) {
        String interval = effective.get(REFRESH_INTERVAL);
        if (interval != null && !interval.isBlank()) {
            long minutes;
            try {
                minutes = Long.parseLong(interval.strip());
            } catch (NumberFormatException e) {
                minutes = -1;
            }
            if (minutes < 1 || minutes > MAX_INTERVAL_MINUTES) {
                return Optional.of(REFRESH_INTERVAL + " must be a whole number of minutes from 1 to " + MAX_INTERVAL_MINUTES + ".");
            }
        }
        String configuration = effective.get(ElementDefinition.POLLER_CONFIGURATION_KEY);
        if (configuration == null || configuration.isBlank()) {
            return Optional.of(ElementDefinition.POLLER_CONFIGURATION_KEY + " is required for polling events.");
        }
        Outcome<PollerConfiguration> parsed = PollerConfiguration.parse(configuration);
        if (!(parsed instanceof Outcome.Success<PollerConfiguration> poller)) {
            return Optional.of(EventPolling.message(parsed));
        }
        List<String> unknown = poller.value().unknownObjects(effective.get(PollerConfiguration.OBJECTS_KEY));
        if (!unknown.isEmpty()) {
            return Optional.of(PollerConfiguration.OBJECTS_KEY + " names " + String.join(", ", unknown)
                    + ", which the poller configuration does not poll.");
        }
        return Optional.empty();
    }
}
