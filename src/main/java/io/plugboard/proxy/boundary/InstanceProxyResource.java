package io.plugboard.proxy.boundary;

import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.proxy.control.ProxyCall;
import io.plugboard.proxy.control.ProxyService;
import jakarta.enterprise.context.RequestScoped;
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
@RequestScoped
@Consumes("*/*")
@Produces("*/*")
public class InstanceProxyResource {

    @Inject
    ProxyService proxy;
    @Inject
    ProxyResponses responses;
    @Inject
    CurrentCaller currentCaller;


    @PathParam("id")
    long id;

    @GET
    @Path("{path: .*}")
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return call("GET", null, uri, headers);
    }

    @POST
    @Path("{path: .*}")
    public Response post(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return call("POST", body, uri, headers);
    }

    @PUT
    @Path("{path: .*}")
    public Response put(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return call("PUT", body, uri, headers);
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return call("PATCH", body, uri, headers);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return call("DELETE", null, uri, headers);
    }

    private Response call(String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        return responses.of(proxy.call(currentCaller.require().organizationId(), id, ProxyCalls.of(method, uri, headers, body)));
    }
}
