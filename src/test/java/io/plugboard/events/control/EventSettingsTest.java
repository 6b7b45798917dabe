package io.plugboard.events.control;

import io.plugboard.elements.control.ElementCodec;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.EgressGuard;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link EventSettings} accepts of an instance's {@code event.*} keys, with an egress guard that refuses one host. */
class EventSettingsTest {

    private static final String REFUSED_HOST = "refused.example";

    private final EventSettings settings = new EventSettings();

    EventSettingsTest() {
        settings.egress = new EgressGuard() {
            @Override
            public Verdict check(URI uri, boolean httpAllowed) {
                return REFUSED_HOST.equals(uri.getHost()) ? new Verdict.Refused("The destination host does not resolve.")
                        : new Verdict.Allowed(uri);
            }
        };
    }

    private static ElementDefinition element(String events) {
        return ElementCodec.read("""
                {"name": "Sample", "key": "sample", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [], "resources": [{"path": "/contacts", "method": "GET", "vendorPath": "/contacts", "vendorMethod": "GET"}]
                 %s}
                """.formatted(events == null ? "" : ", \"events\": " + events)).orElseThrow().normalized();
    }

    private static final ElementDefinition POLLING = element("""
            {"supported": true, "methods": ["polling", "webhook"],
             "polling": {"contacts": {"url": "/hubs/crm/contacts", "idField": "id"}}}""");

    private static Map<String, String> on(String callback, String... more) {
        Map<String, String> configuration = new HashMap<>(POLLING.configuration().stream()
                .filter(c -> c.defaultValue() != null)
                .collect(java.util.stream.Collectors.toMap(ElementDefinition.ConfigurationDefinition::key,
                        ElementDefinition.ConfigurationDefinition::defaultValue)));
        configuration.put("event.notification.enabled", "true");
        configuration.put("event.notification.callback.url", callback);
        for (int i = 0; i < more.length; i += 2) {
            configuration.put(more[i], more[i + 1]);
        }
        return configuration;
    }

    private Optional<String> refusal(Map<String, String> before, Map<String, String> after) {
        return settings.refusal(POLLING, before, after);
    }

    @Test
    void eventsOffNeedNothing() {
        assertEquals(Optional.empty(), settings.refusal(element(null), Map.of(), Map.of("event.notification.enabled", "false")));
    }

    @Test
    void turningEventsOnChecksTheElementTheMethodAndTheCallback() {
        assertEquals(Optional.empty(), refusal(Map.of(), on("https://app.example/hook")));
        assertTrue(settings.refusal(element(null), Map.of(), on("https://app.example/hook")).orElseThrow()
                .contains("does not support events"));
        assertTrue(refusal(Map.of(), on("https://app.example/hook", "event.vendor.type", "pigeon")).orElseThrow()
                .contains("event.vendor.type"));
        assertEquals(Optional.empty(), refusal(Map.of(), on("https://app.example/hook", "event.vendor.type", "webhooks")),
                "webhooks is read as webhook");
        assertTrue(refusal(Map.of(), on("https://" + REFUSED_HOST + "/hook")).orElseThrow().contains("not allowed"));
        assertTrue(refusal(Map.of(), on(" ")).orElseThrow().contains("is required"));
    }

    @Test
    void pollingSettingsAreChecked() {
        assertTrue(refusal(Map.of(), on("https://app.example/hook", "event.poller.refresh_interval", "0")).orElseThrow()
                .contains("event.poller.refresh_interval"));
        assertTrue(refusal(Map.of(), on("https://app.example/hook", "event.poller.configuration", "{not json")).isPresent());
        assertTrue(refusal(Map.of(), on("https://app.example/hook", "event.objects", "contacts,invoices")).orElseThrow()
                .contains("invoices"));
    }

    @Test
    void anUnchangedCallbackIsNotJudgedAgainOnALaterWrite() {
        Map<String, String> before = on("https://" + REFUSED_HOST + "/hook");
        Map<String, String> renamed = new HashMap<>(before);
        renamed.put("some.other.key", "changed");

        assertEquals(Optional.empty(), refusal(before, renamed), "a write that leaves the callback alone is not refused");
        assertTrue(refusal(on("https://app.example/hook"), before).isPresent(), "a changed callback is judged");
        Map<String, String> wasOff = new HashMap<>(before);
        wasOff.put("event.notification.enabled", "false");
        assertTrue(refusal(wasOff, before).isPresent(), "turning events on judges the callback");
    }
}
