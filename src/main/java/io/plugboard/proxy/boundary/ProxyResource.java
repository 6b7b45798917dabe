package io.plugboard.proxy.boundary;

import io.plugboard.platform.control.Outcome;
import io.plugboard.proxy.control.ProxyTargets;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.proxy.control.ProxyCall;
import io.plugboard.proxy.control.ProxyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Optional;

/**
 * Raw passthrough: {@code /proxy/{path}} for the instance of the {@code Element} token, and
 * {@code /instances/{id}/proxy/{path}} by id, both to {@code {base.url}/{path}} with the query,
 * body and safe headers, the instance's credentials added.
 */
@Path("proxy")
@ApplicationScoped
@Consumes("*/*")
@Produces("*/*")
public class ProxyResource {

    @Inject
    ProxyService proxy;
    @Inject
    ProxyResponses responses;
    @Inject
    ProxyTargets targets;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;


    @GET
    @Path("{path: .*}")
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return byToken("GET", null, uri, headers);
    }

    @POST
    @Path("{path: .*}")
    public Response post(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return byToken("POST", body, uri, headers);
    }

    @PUT
    @Path("{path: .*}")
    public Response put(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return byToken("PUT", body, uri, headers);
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return byToken("PATCH", body, uri, headers);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return byToken("DELETE", null, uri, headers);
    }

    private Response byToken(String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        Caller caller = currentCaller.require();
        if (caller.instanceToken().isEmpty()) {
            return errors.unauthorized("This call needs the instance: add Element <instance token> to the Authorization header.");
        }
        Optional<Outcome<ProxyTargets.Target>> target = targets.loadByToken(caller);
        if (target.isEmpty()) {
            return errors.unauthorized("Invalid instance token in the Authorization header.");
        }
        if (!(target.get() instanceof Outcome.Success<ProxyTargets.Target> loaded)) {
            return errors.failure(target.get());
        }
        return responses.of(proxy.call(caller.organizationId(), loaded.value(), ProxyCalls.of(method, uri, headers, body)));
    }
}
