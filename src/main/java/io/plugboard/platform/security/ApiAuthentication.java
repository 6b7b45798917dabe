package io.plugboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The one decision on an api-v2 {@code Authorization} header, taken by the JAX-RS
 * {@link AuthenticationFilter} and by the proxy's servlet fast path alike, so that both refuse the
 * same headers with the same words.
 */
@ApplicationScoped
public class ApiAuthentication {

    static final String MISSING = "Authorization header required: User <user secret>, Organization <organization secret>";
    static final String INVALID = "Invalid credentials in the Authorization header.";

    @Inject
    CallerAuthenticator authenticator;

    /** What a header comes to: no header at all, a refusal (with the reason to give), or a caller. */
    public sealed interface Decision {
        record Absent() implements Decision {
        }

        record Refused(String message) implements Decision {
        }

        record Authenticated(Caller caller) implements Decision {
        }
    }

    public Decision decide(String header) {
        if (header == null || header.isBlank()) {
            return new Decision.Absent();
        }
        Optional<Caller> caller = AuthorizationHeader.parse(header)
                .filter(AuthorizationHeader::hasUserAndOrganization)
                .flatMap(authenticator::authenticate);
        return caller.<Decision>map(Decision.Authenticated::new).orElseGet(() -> new Decision.Refused(INVALID));
    }

    /** As {@link #decide}, for an endpoint that needs a caller: no header is refused too. */
    public Decision require(String header) {
        Decision decision = decide(header);
        return decision instanceof Decision.Absent ? new Decision.Refused(MISSING) : decision;
    }
}
