package io.plugboard.transformations.entity;

import java.util.Locale;

/** Where a mapping is defined: for all of an element's instances, or for one instance (which wins). */
public enum Level {
    ORGANIZATION, INSTANCE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
