package io.plugboard.proxy.boundary;

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

/** Raw passthrough by instance id: {@code /instances/{id}/proxy/{path}}, the twin of {@code /proxy/{path}}. */
@Path("instances/{id: [0-9]+}/proxy")
@ApplicationScoped
@Consumes("*/*")
@Produces("*/*")
public class InstanceProxyResource {

    @Inject
    ProxyService proxy;
    @Inject
    ProxyResponses responses;
    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("id") long id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(id, "GET", null, uri, headers);
    }

    @POST
    @Path("{path: .*}")
    public Response post(@PathParam("id") long id, @Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return call(id, "POST", body, uri, headers);
    }

    @PUT
    @Path("{path: .*}")
    public Response put(@PathParam("id") long id, @Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return call(id, "PUT", body, uri, headers);
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch(@PathParam("id") long id, @Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return call(id, "PATCH", body, uri, headers);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@PathParam("id") long id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(id, "DELETE", null, uri, headers);
    }

    private Response call(long id, String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        return responses.of(proxy.call(currentCaller.require().organizationId(), id, ProxyCalls.of(method, uri, headers, body)));
    }
}
