package io.plugboard.instances.entity;

/**
 * A CDI event: the stored state of an instance (its row or one of its configuration entries) was
 * written or removed. Fired when the change is flushed and again when its transaction completes,
 * so per-node copies of an instance (the proxy's targets) can be dropped without ever re-reading
 * the state from before the commit.
 */
public record InstanceChanged(long instanceId) {
}
