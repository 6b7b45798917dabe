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

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @PathParam("id")
    long id;

    @GET
    @Path("{path: .*}")
    public Response get() {
        return call("GET", null);
    }

    @POST
    @Path("{path: .*}")
    public Response post(InputStream body) {
        return call("POST", body);
    }

    @PUT
    @Path("{path: .*}")
    public Response put(InputStream body) {
        return call("PUT", body);
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch(InputStream body) {
        return call("PATCH", body);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete() {
        return call("DELETE", null);
    }

    private Response call(String method, InputStream body) {
        return responses.of(proxy.call(currentCaller.require().organizationId(), id, ProxyCalls.of(method, uri, headers, body)));
    }
}
