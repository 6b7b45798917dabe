package io.plugboard.instances.control;

import io.plugboard.instances.entity.InstanceChanged;
import io.plugboard.platform.persistence.DatabaseChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Turns the database's {@code instance} notices (a write of an instance or of its configuration,
 * committed by any node) into {@link InstanceChanged}, the event this node's copies of instances
 * already obey for local writes. The instances feature owns the topic, so the platform's relay
 * stays ignorant of instances.
 */
@ApplicationScoped
public class InstanceChangeTopic {

    /** The topic the {@code instance} and {@code instance_configuration} triggers name. */
    static final String TOPIC = "instance";

    @Inject
    Event<InstanceChanged> changes;

    void relayed(@Observes DatabaseChange change) {
        translate(change).ifPresent(changes::fire);
    }

    static Optional<InstanceChanged> translate(DatabaseChange change) {
        return TOPIC.equals(change.topic()) ? Optional.of(new InstanceChanged(change.id())) : Optional.empty();
    }
}
