package io.plugboard.transformations.entity;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/** Announces every write of a definition or a mapping as a {@link CommonObjectsChanged} event. */
public class CommonObjectsChangeListener {

    @Inject
    Event<CommonObjectsChanged> changes;

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Object record) {
        if (record instanceof ObjectDefinitionRecord definition) {
            changes.fire(new CommonObjectsChanged(definition.getOrganizationId()));
        } else if (record instanceof TransformationRecord transformation) {
            changes.fire(new CommonObjectsChanged(transformation.getOrganizationId()));
        }
    }
}
