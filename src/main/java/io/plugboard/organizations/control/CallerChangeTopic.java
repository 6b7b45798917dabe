package io.plugboard.organizations.control;

import io.plugboard.platform.persistence.DatabaseChange;
import io.plugboard.platform.security.CallersChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Turns the database's {@code callers} notices (a user or an organization row written by any
 * node, the id being the organization) into {@link CallersChanged}, so a removed user or a
 * replaced secret stops working on every node, not only where the change was made.
 */
@ApplicationScoped
public class CallerChangeTopic {

    static final String TOPIC = "callers";

    @Inject
    Event<CallersChanged> changes;

    void relayed(@Observes DatabaseChange change) {
        translate(change).ifPresent(changes::fire);
    }

    static Optional<CallersChanged> translate(DatabaseChange change) {
        return TOPIC.equals(change.topic()) ? Optional.of(new CallersChanged(change.id())) : Optional.empty();
    }
}
