package io.plugboard.elements.control;

import io.plugboard.elements.entity.PrivateElementChanged;
import io.plugboard.platform.persistence.DatabaseChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Turns the database's {@code private_element} notices (the id is the organization, the detail the
 * element's key) into {@link PrivateElementChanged}, the event local writes fire, so copies that
 * embed a definition are dropped whichever node changed it.
 */
@ApplicationScoped
public class PrivateElementChangeTopic {

    static final String TOPIC = "private_element";

    @Inject
    Event<PrivateElementChanged> changes;

    void relayed(@Observes DatabaseChange change) {
        translate(change).ifPresent(changes::fire);
    }

    static Optional<PrivateElementChanged> translate(DatabaseChange change) {
        return TOPIC.equals(change.topic()) ? Optional.of(new PrivateElementChanged(change.id(), change.detail()))
                : Optional.empty();
    }
}
