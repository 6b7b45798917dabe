package io.plugboard.transformations.entity;

/**
 * A CDI event: a definition or a mapping of the organization's common objects was written, on this
 * node (fired by {@link CommonObjectsChangeListener} at flush and observed again after the commit)
 * or on another one (relayed from the database's {@code common_objects} notice). Nodes drop their
 * copy of the organization's set; the next hub call reads it again.
 */
public record CommonObjectsChanged(long organizationId) {
}
