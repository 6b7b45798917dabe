package io.plugboard.proxy.boundary;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

/**
 * The five HTTP methods of an endpoint that passes a call on to a provider, {@code {path}} being
 * everything below the endpoint's own path. Subclasses say what a call does; the JAX-RS
 * annotations here are inherited by their methods (public: Jersey ignores resource methods
 * declared in a class that is not).
 */
public abstract class PassthroughEndpoints {

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

    /** The call, with the request's {@code body} (null for GET and DELETE) not yet read. */
    abstract Response call(String method, InputStream body, UriInfo uri, HttpHeaders headers);
}
