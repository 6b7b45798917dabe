package io.plugboard.platform.security;

import java.util.Optional;

/**
 * Who is calling, once the secrets have been checked: the organization every query is scoped to,
 * the user, and the instance token when the call is instance-scoped.
 *
 * <p>{@code administrator}: the user administers their own organization (removes users, rotates
 * other users' and the organization's secrets). {@code bootstrapAdministrator}: an administrator of
 * the first organization, who may also create organizations; it implies {@code administrator}.
 */
public record Caller(long organizationId, long userId, boolean bootstrapAdministrator, boolean administrator,
                     String elementToken) {

    /** A caller known only by ids (a connect's callback, tests): administrator only if bootstrap administrator. */
    public Caller(long organizationId, long userId, boolean bootstrapAdministrator, String elementToken) {
        this(organizationId, userId, bootstrapAdministrator, bootstrapAdministrator, elementToken);
    }

    public Optional<String> instanceToken() {
        return Optional.ofNullable(elementToken);
    }

    /** The same principal, calling with another (or no) instance token. */
    public Caller withElementToken(String token) {
        return new Caller(organizationId, userId, bootstrapAdministrator, administrator, token);
    }

    @Override
    public String toString() {
        return "Caller[organization=" + organizationId + ", user=" + userId + "]";
    }
}
