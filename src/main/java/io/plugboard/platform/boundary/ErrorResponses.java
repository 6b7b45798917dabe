package io.plugboard.platform.boundary;

import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The single place that turns a failure into an api-v2 error response. Resources use it for
 * expected outcomes (a missing parameter, a provider refusal), the exception mappers for the
 * unexpected; either way the body has the same shape and the request's id.
 */
@RequestScoped
public class ErrorResponses {

    @Inject
    RequestCorrelation correlation;

    public Response of(Response.StatusType status, String message) {
        return of(status.getStatusCode(), message, null);
    }

    public Response of(int status, String message, String providerMessage) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(correlation.id(), message, providerMessage))
                .build();
    }

    public Response badRequest(String message) {
        return of(Response.Status.BAD_REQUEST, message);
    }

    public Response notFound(String message) {
        return of(Response.Status.NOT_FOUND, message);
    }

    public Response conflict(String message) {
        return of(Response.Status.CONFLICT, message);
    }

    public Response forbidden(String message) {
        return of(Response.Status.FORBIDDEN, message);
    }

    public Response unauthorized(String message) {
        return of(Response.Status.UNAUTHORIZED, message);
    }

    /** A provider answered, but not with what the hub needed. */
    public Response providerFailed(String message, String providerMessage) {
        return of(Response.Status.BAD_GATEWAY.getStatusCode(), message, providerMessage);
    }

    public Response providerTimedOut(String message) {
        return of(Response.Status.GATEWAY_TIMEOUT, message);
    }

    /** The api-v2 error for a failed {@link Outcome}; the one mapping from failure kind to status. */
    public Response failure(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Invalid<?> invalid) {
            return of(Response.Status.BAD_REQUEST.getStatusCode(), invalid.message(), invalid.providerMessage());
        }
        if (outcome instanceof Outcome.NotFound<?> notFound) {
            return notFound(notFound.message());
        }
        if (outcome instanceof Outcome.Conflict<?> conflict) {
            return conflict(conflict.message());
        }
        if (outcome instanceof Outcome.ProviderFailed<?> failed) {
            return providerFailed(failed.message(), failed.providerMessage());
        }
        if (outcome instanceof Outcome.ProviderTimedOut<?> timedOut) {
            return providerTimedOut(timedOut.message());
        }
        throw new IllegalArgumentException("Not a failure: " + outcome);
    }
}
