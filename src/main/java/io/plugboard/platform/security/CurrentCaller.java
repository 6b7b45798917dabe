package io.plugboard.platform.security;

import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** The authenticated caller of the current request, set by {@link AuthenticationFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** Present on every endpoint except the few marked {@link AuthenticationOptional}. */
    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }

    /** For endpoints that require authentication, where the filter guarantees a caller. */
    public Caller require() {
        if (caller == null) {
            throw new IllegalStateException("No authenticated caller on an endpoint that requires one");
        }
        return caller;
    }

    public Optional<Long> organizationId() {
        return get().map(Caller::organizationId);
    }
}
