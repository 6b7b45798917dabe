package io.plugboard.platform.security;

import io.plugboard.platform.boundary.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * Authenticates every api-v2 call from its {@code Authorization} header before the resource runs.
 * Missing or wrong credentials end the request with 401 in the api-v2 error shape; the reason
 * given never says which secret was wrong.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    CallerAuthenticator authenticator;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean optional = isOptional();
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

    private boolean isOptional() {
        return resourceInfo.getResourceMethod() != null
                && (resourceInfo.getResourceMethod().isAnnotationPresent(AuthenticationOptional.class)
                || resourceInfo.getResourceClass().isAnnotationPresent(AuthenticationOptional.class));
    }
}
