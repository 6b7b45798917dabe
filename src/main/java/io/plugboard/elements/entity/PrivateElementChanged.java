package io.plugboard.elements.entity;

/**
 * A CDI event: an organization's private element was created, replaced or deleted. Fired when the
 * change is flushed and again when its transaction completes, so per-node copies that embed the
 * definition (the proxy's targets) are dropped.
 */
public record PrivateElementChanged(long organizationId, String key) {
}
