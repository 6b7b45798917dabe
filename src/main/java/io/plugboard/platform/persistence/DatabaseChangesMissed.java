package io.plugboard.platform.persistence;

/**
 * A CDI event: this node may have missed changes (its listening connection was down, or a table
 * was truncated), so everything it remembers from the database must be dropped. Fired by
 * {@link ChangeRelay} on every (re)connect, once its {@code LISTEN} is in place, so no change made
 * after the drop can go unheard.
 */
public record DatabaseChangesMissed() {
}
