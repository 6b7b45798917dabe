package io.plugboard.transformations.control;

/** A switch per direction, as Cloud Elements' {@code properties: {fromVendor, toVendor}} write it. */
public record Directions(boolean fromVendor, boolean toVendor) {

    public static final Directions NEITHER = new Directions(false, false);
    public static final Directions BOTH = new Directions(true, true);

    public boolean in(Direction direction) {
        return direction == Direction.FROM_VENDOR ? fromVendor : toVendor;
    }
}
