package io.plugboard.instances.entity;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Announces every write of an instance or of one of its configuration entries as an
 * {@link InstanceChanged} event. A JPA listener rather than calls in each service method: a new
 * write path cannot forget it. (Instances are never written by bulk JPQL, which would bypass it.)
 */
public class InstanceChangeListener {

    @Inject
    Event<InstanceChanged> changes;

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Object entity) {
        Long id = null;
        if (entity instanceof Instance instance) {
            id = instance.getId();
        } else if (entity instanceof InstanceConfigurationEntry entry && entry.getInstance() != null) {
            id = entry.getInstance().getId();
        }
        if (id != null) {
            changes.fire(new InstanceChanged(id));
        }
    }
}
