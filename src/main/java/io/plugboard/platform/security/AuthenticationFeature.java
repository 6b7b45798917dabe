package io.plugboard.platform.security;

import io.plugboard.platform.boundary.ErrorResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts an {@link AuthenticationFilter} in front of every api-v2 resource method, deciding once, at
 * deployment, whether the method is {@link AuthenticationOptional}. (A single global filter would
 * have to ask an injected {@code ResourceInfo} proxy on every request, and that proxy takes a
 * lock that request threads queued on under load.) A method whose marker ignores the header gets
 * no filter at all.
 */
@Provider
@ApplicationScoped
public class AuthenticationFeature implements DynamicFeature {

    @Inject
    ApiAuthentication authentication;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        AuthenticationOptional marker = resource.getResourceMethod().getAnnotation(AuthenticationOptional.class);
        if (marker == null) {
            marker = resource.getResourceClass().getAnnotation(AuthenticationOptional.class);
        }
        if (marker != null && marker.ignoreAuthorization()) {
            return; // a provider's endpoint: its Authorization header is not ours to judge
        }
        boolean optional = marker != null;
        context.register(new AuthenticationFilter(optional, authentication, currentCaller, errors), Priorities.AUTHENTICATION);
    }
}
