package io.plugboard.platform.security;

import io.plugboard.platform.boundary.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Authenticates an api-v2 call from its {@code Authorization} header before the resource runs.
 * Missing or wrong credentials end the request with 401 in the api-v2 error shape; the reason
 * given never says which secret was wrong. One instance per resource method, bound by
 * {@link AuthenticationFeature}, so whether the method allows anonymous calls is known up front.
 */
final class AuthenticationFilter implements ContainerRequestFilter {

    private final boolean optional;
    private final ApiAuthentication authentication;
    private final CurrentCaller currentCaller;
    private final ErrorResponses errors;

    AuthenticationFilter(boolean optional, ApiAuthentication authentication, CurrentCaller currentCaller,
                         ErrorResponses errors) {
        this.optional = optional;
        this.authentication = authentication;
        this.currentCaller = currentCaller;
        this.errors = errors;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        ApiAuthentication.Decision decision = optional ? authentication.decide(header) : authentication.require(header);
        if (decision instanceof ApiAuthentication.Decision.Refused refused) {
            request.abortWith(errors.unauthorized(refused.message()));
        } else if (decision instanceof ApiAuthentication.Decision.Authenticated authenticated) {
            currentCaller.set(authenticated.caller());
        }
    }
}
