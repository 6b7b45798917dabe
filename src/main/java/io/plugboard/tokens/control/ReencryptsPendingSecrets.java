package io.plugboard.tokens.control;

import java.util.Set;

/**
 * A feature that keeps short-lived secrets of its own under the encryption keys (pending OAuth
 * 1.0a request tokens, pending hosted connects). The key rotation, which lives with the
 * instances, collects every implementation ({@code Instance<ReencryptsPendingSecrets>}) instead
 * of reaching into the features' tables, so each feature keeps its rows to itself and no
 * dependency points from instances up to the features above it.
 */
public interface ReencryptsPendingSecrets {

    /**
     * The key ids the hub must be able to read at start-up for this feature's rows; empty when
     * an unreadable row is an expected outcome the feature answers itself.
     */
    Set<String> keyIdsInUse();

    /**
     * Brings the feature's pending rows to {@code currentKeyId}, in a transaction of its own.
     *
     * @return how many rows were changed or dropped
     */
    long rotatePendingSecrets(String currentKeyId);
}
