package io.plugboard.instances.control;

import io.plugboard.elements.entity.ElementDefinition;

import java.util.Map;
import java.util.Optional;

/**
 * What a feature built on instances (events, for one) requires of an instance's configuration,
 * and what it keeps in step with it. Instances knows nothing of those features: each one
 * implements this interface as a CDI bean, and {@link InstanceService} asks every such bean
 * before it writes and tells it, inside the writing transaction, once the write is done. So a
 * refused configuration stores nothing, and an accepted one is stored together with whatever the
 * feature derives from it.
 */
public interface InstanceConfigurationRule {

    /** Turns an instance's events on; kept in step with the instance JSON's {@code eventsEnabled}. */
    String EVENTS_ENABLED_KEY = "event.notification.enabled";
    /** Where the application wants its events; the instance JSON's {@code eventsNotificationCallbackUrl}. */
    String CALLBACK_URL_KEY = "event.notification.callback.url";

    /**
     * Why an instance of {@code element} may not go from the {@code before} configuration (empty
     * when it is being provisioned) to the {@code effective} one (its own values over the element's
     * defaults, in plaintext), or empty when it may. Knowing {@code before} lets a rule judge only
     * what changes: a rename must not fail because a check of an unchanged value fails today.
     */
    Optional<String> refusal(ElementDefinition element, Map<String, String> before, Map<String, String> effective);

    /** Called in the writing transaction once the instance's configuration is stored. */
    void stored(StoredInstance instance);

    /** An instance as just written: ids, element, effective configuration in plaintext. */
    record StoredInstance(long organizationId, long instanceId, ElementDefinition element,
                          Map<String, String> configuration, boolean eventsEnabled) {
        @Override
        public String toString() {
            return "StoredInstance[id=" + instanceId + ", element=" + element.key() + "]";
        }
    }
}
