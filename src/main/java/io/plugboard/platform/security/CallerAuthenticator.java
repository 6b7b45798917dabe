package io.plugboard.platform.security;

import java.util.Optional;

/**
 * Checks presented secrets. Implemented by the organizations feature, which owns the principals;
 * the platform only knows it needs one.
 */
public interface CallerAuthenticator {

    /** The caller the secrets belong to, or empty when any of them is wrong. */
    Optional<Caller> authenticate(AuthorizationHeader header);
}
