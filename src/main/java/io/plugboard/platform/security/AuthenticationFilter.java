package io.plugboard.platform.security;

import io.plugboard.platform.boundary.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Optional;

/**
 * Authenticates an api-v2 call from its {@code Authorization} header before the resource runs.
 * Missing or wrong credentials end the request with 401 in the api-v2 error shape; the reason
 * given never says which secret was wrong. One instance per resource method, bound by
 * {@link AuthenticationFeature}, so whether the method allows anonymous calls is known up front.
 */
final class AuthenticationFilter implements ContainerRequestFilter {

    private final boolean optional;
    private final CallerAuthenticator authenticator;
    private final CurrentCaller currentCaller;
    private final ErrorResponses errors;

    AuthenticationFilter(boolean optional, CallerAuthenticator authenticator, CurrentCaller currentCaller,
                         ErrorResponses errors) {
        this.optional = optional;
        this.authenticator = authenticator;
        this.currentCaller = currentCaller;
        this.errors = errors;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            if (!optional) {
                request.abortWith(errors.unauthorized(
                        "Authorization header required: User <user secret>, Organization <organization secret>"));
            }
            return;
        }
        Optional<Caller> caller = AuthorizationHeader.parse(header)
                .filter(AuthorizationHeader::hasUserAndOrganization)
                .flatMap(authenticator::authenticate);
        if (caller.isEmpty()) {
            request.abortWith(errors.unauthorized("Invalid credentials in the Authorization header."));
            return;
        }
        currentCaller.set(caller.get());
    }
}
