package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.proxy.control.ProxyService;
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
    ProxyService proxy;
    @Inject
    ProxyResponses responses;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    @Override
    Response call(String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        String id = uri.getPathParameters().getFirst("id");
        if (id.length() > 18) {
            return errors.notFound("No instance with id " + id + ".");
        }
        return responses.of(proxy.call(currentCaller.require().organizationId(), Long.parseLong(id),
                ProxyCalls.of(method, uri, headers, body)));
    }
}
