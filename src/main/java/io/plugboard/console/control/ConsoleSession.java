package io.plugboard.console.control;

import java.time.Instant;

/**
 * What a console session cookie says, once its signature checked: ids and times, nothing that
 * would let its holder do more than the cookie itself lets them.
 *
 * @param id                 random, per sign-in; it stays the same while the session is renewed,
 *                           and the forms' CSRF tokens are bound to it
 * @param organizationId     the signed-in user's organization
 * @param userId             the signed-in user
 * @param credentials        a keyed fingerprint of the stored digests of both secrets at sign-in
 *                           (see {@link ConsoleSessionCodec#credentialsVersion}): it reveals
 *                           nothing, and stops matching when either secret is replaced
 * @param issuedAt           when the user signed in
 * @param idleExpiresAt      when the session ends unless used before; pushed forward as it is used
 * @param expiresAt          when the session ends however much it is used
 */
public record ConsoleSession(String id, long organizationId, long userId, String credentials,
                             Instant issuedAt, Instant idleExpiresAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "ConsoleSession[organization=" + organizationId + ", user=" + userId + ", issued=" + issuedAt + "]";
    }
}
