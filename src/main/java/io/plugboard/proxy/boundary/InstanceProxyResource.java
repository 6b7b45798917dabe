package io.plugboard.proxy.boundary;

import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

/** Raw passthrough by instance id: {@code /instances/{id}/proxy/{path}}, the twin of {@code /proxy/{path}}. */
@Path("instances/{id: [0-9]+}/proxy")
@ApplicationScoped
@Consumes("*/*")
@Produces("*/*")
public class InstanceProxyResource extends PassthroughEndpoints {

    @Inject
    Passthrough passthrough;
    @Inject
    CurrentCaller currentCaller;

    @Override
    Response call(String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        return passthrough.byInstanceId(currentCaller.require(), uri.getPathParameters().getFirst("id"),
                ProxyCalls.of(method, uri, headers, body));
    }
}
