package io.plugboard.platform.security;

import java.util.Optional;

/**
 * Who is calling, once the secrets have been checked: the organization every query is scoped to,
 * the user, and the instance token when the call is instance-scoped.
 */
public record Caller(long organizationId, long userId, boolean bootstrapAdministrator, String elementToken) {

    public Optional<String> instanceToken() {
        return Optional.ofNullable(elementToken);
    }

    /** The same principal, calling with another (or no) instance token. */
    public Caller withElementToken(String token) {
        return new Caller(organizationId, userId, bootstrapAdministrator, token);
    }

    @Override
    public String toString() {
        return "Caller[organization=" + organizationId + ", user=" + userId + "]";
    }
}
