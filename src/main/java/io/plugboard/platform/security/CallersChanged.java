package io.plugboard.platform.security;

/**
 * A CDI event: a user or the secret of an organization changed (a user removed, a user secret or
 * the organization secret replaced), so whatever a node remembers about the callers of that
 * organization must be dropped.
 *
 * <p>Fired on the node that made the write and, relayed from the database, on every other node.
 * Observers drop a whole organization's entries: such writes are rare, and being coarse keeps
 * a revocation from being missed by a key that was computed differently.
 */
public record CallersChanged(long organizationId) {
}
