package io.plugboard.events.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What one POST to the application carries: a batch of changes and the provider's raw data they
 * were read from (a JSON text, or null).
 */
public record Notification(List<Change> changes, String raw) {

    /** At most this many changes per notification, as Cloud Elements sends them. */
    public static final int POLLING_BATCH = 10;
    public static final int WEBHOOK_BATCH = 20;

    public Notification {
        changes = List.copyOf(changes);
    }

    /**
     * Splits changes into notifications of at most {@code batch} changes, each with the raw data
     * {@code rawFor} gives for its slice (a webhook repeats its whole body in each; a poll sends
     * the records of the slice).
     */
    public static List<Notification> batches(List<Change> changes, int batch, Function<List<Change>, String> rawFor) {
        List<Notification> notifications = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += batch) {
            List<Change> slice = changes.subList(from, Math.min(changes.size(), from + batch));
            notifications.add(new Notification(slice, rawFor.apply(slice)));
        }
        return notifications;
    }

    @Override
    public String toString() {
        return "Notification[" + changes.size() + " changes]";
    }
}
