package io.plugboard.events.control;

import java.util.List;

/** What became of a provider webhook; every expected refusal is a value, never an exception. */
public sealed interface WebhookResult {

    /** Stored durably (the transaction committed): one event id per notification, over all target instances. */
    record Accepted(List<Long> eventIds) implements WebhookResult {
        public Accepted {
            eventIds = List.copyOf(eventIds);
        }
    }

    /** Unknown element, an element without webhook data, or no instance that takes this webhook: 404. */
    record NotFound(String message) implements WebhookResult {
    }

    /** The element takes webhooks, but not with this HTTP method: 405 with {@code allowed}. */
    record MethodNotAllowed(String message, List<String> allowed) implements WebhookResult {
    }

    /** The provider's signature is missing or wrong for some target instance: 401, nothing stored. */
    record Unauthorized(String message) implements WebhookResult {
    }

    /** Its events were not committed in time (the database is slow or down): 503, the provider sends it again. */
    record Unavailable(String message) implements WebhookResult {
    }

    /** Oversized, or not the JSON or form body it claims to be: 400. */
    record Invalid(String message) implements WebhookResult {
    }
}
