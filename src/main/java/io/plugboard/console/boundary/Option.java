package io.plugboard.console.boundary;

/**
 * One choice of a filter menu: the value submitted and the label read. Values are always text, so
 * a menu never needs a converter and a stale or forged value simply matches nothing.
 */
public record Option(String value, String label) {
}
