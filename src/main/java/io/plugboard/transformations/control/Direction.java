package io.plugboard.transformations.control;

/** Which way a value travels: from the provider's answer to the application, or from the application's request to the provider. */
public enum Direction {
    FROM_VENDOR, TO_VENDOR
}
