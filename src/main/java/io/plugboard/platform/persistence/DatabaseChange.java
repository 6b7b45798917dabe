package io.plugboard.platform.persistence;

import java.util.Optional;

/**
 * A CDI event: a committed write that another node (or an operator's SQL) made to something the
 * nodes keep in memory, as announced by the database ({@code db/postgresql}) and relayed by
 * {@link ChangeRelay}.
 *
 * <p>It names a topic, not a feature's type: the platform must not know the features. Each feature
 * observes this event and turns the topics it owns into its own event ({@code instance} into
 * {@code InstanceChanged}, {@code private_element} into {@code PrivateElementChanged},
 * {@code callers} into {@code CallersChanged}), so the caches keep the single set of events they
 * already react to for local writes.
 *
 * @param topic  what changed, e.g. {@code instance}
 * @param id     the id the topic is about (an instance id, an organization id)
 * @param detail more of the subject when the id alone does not name it (a private element's key),
 *               else empty
 */
public record DatabaseChange(String topic, long id, String detail) {

    /** The topic that means "anything may have changed" (a table was truncated). */
    static final String EVERYTHING = "*";

    public DatabaseChange {
        detail = detail == null ? "" : detail;
    }

    /**
     * Reads a notice's payload, {@code <topic> <id>[ <detail>]}; the detail is the rest of the
     * payload, spaces included. Empty when the payload is not of that form (a notice from a newer
     * or older version of the triggers is ignored rather than failing the relay).
     */
    public static Optional<DatabaseChange> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        String[] parts = payload.split(" ", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DatabaseChange(parts[0], Long.parseLong(parts[1]), parts.length > 2 ? parts[2] : ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True for the notice that anything may have changed. */
    public boolean everything() {
        return EVERYTHING.equals(topic);
    }
}
