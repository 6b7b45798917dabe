package io.plugboard.instances.control;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An instance as the api-v2 answers it. Built from the entity by {@link InstanceViews}: secrets
 * masked, the element and user summarized, nothing of the persistence model exposed.
 */
public record InstanceView(long id, String name, String token, ElementSummary element, long elementId,
                           List<String> tags, List<Object> provisionInteractions, boolean valid, boolean disabled,
                           int maxCacheSize, int cacheTimeToLive, Map<String, String> configuration,
                           boolean eventsEnabled, String eventsNotificationCallbackUrl, boolean traceLoggingEnabled, boolean cachingEnabled,
                           String externalAuthentication, OffsetDateTime createdDate, UserSummary user) {

    public record ElementSummary(Long id, String name, String key, String description, String image, Boolean active,
                                 Boolean deleted, Boolean typeOauth, Boolean trialAccount, String hub,
                                 Map<String, String> authentication) {
    }

    public record UserSummary(long id, String emailAddress, String firstName, String lastName) {
    }

    /** One row of {@code GET /instances/{id}/configuration}. */
    public record ConfigurationEntry(long id, String key, String propertyValue) {
    }

    /** One entry of an instance's credential history. */
    public record Event(String type, String detail, OffsetDateTime createdDate) {
    }

    @Override
    public String toString() {
        return "InstanceView[id=" + id + ", name=" + name + ", element=" + (element == null ? null : element.key()) + "]";
    }
}
