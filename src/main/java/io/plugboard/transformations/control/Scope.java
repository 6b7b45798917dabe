package io.plugboard.transformations.control;

/** Whose mappings a call is about: the organization's for one element, or one instance's own. */
public sealed interface Scope {

    /** {@code /organizations/elements/{keyOrId}/transformations}. */
    record OfElement(String keyOrId) implements Scope {
    }

    /** {@code /instances/{id}/transformations}. */
    record OfInstance(long instanceId) implements Scope {
    }
}
