package io.plugboard.instances.control;

import io.plugboard.elements.entity.PrivateElementChanged;
import io.plugboard.instances.entity.InstanceChanged;
import io.plugboard.platform.persistence.DatabaseChangesMissed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * The invalidation every per-node copy of instance data needs, in one place: an instance's copy
 * is dropped on each announced write of it (when flushed, again after its transaction completes,
 * and when relayed from another node), and every copy on a private element's change (its defaults
 * are in each instance's effective configuration) or when this node may have missed announcements.
 * Subclasses are the copies ({@code ProxyTargets}, {@code EventTargets}); they say what to drop.
 */
public abstract class InstanceCopies {

    /** Drops what is kept of this instance. */
    protected abstract void forgetInstance(long instanceId);

    /** Drops everything kept. */
    protected abstract void forgetAll();

    /** Announcements may have been missed: by default everything kept is dropped. */
    protected void changesMayBeMissed() {
        forgetAll();
    }

    public void instanceWritten(@Observes InstanceChanged change) {
        forgetInstance(change.instanceId());
    }

    public void instanceCommitted(@Observes(during = TransactionPhase.AFTER_COMPLETION) InstanceChanged change) {
        forgetInstance(change.instanceId());
    }

    public void elementWritten(@Observes PrivateElementChanged change) {
        forgetAll();
    }

    public void elementCommitted(@Observes(during = TransactionPhase.AFTER_COMPLETION) PrivateElementChanged change) {
        forgetAll();
    }

    public void changesMissed(@Observes DatabaseChangesMissed missed) {
        changesMayBeMissed();
    }
}
