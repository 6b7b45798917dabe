package io.plugboard.elements.entity;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/** Announces every write of a private element as a {@link PrivateElementChanged} event. */
public class PrivateElementChangeListener {

    @Inject
    Event<PrivateElementChanged> changes;

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(PrivateElementRecord element) {
        changes.fire(new PrivateElementChanged(element.getOrganizationId(), element.getKey()));
    }
}
