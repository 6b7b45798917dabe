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

/**
 * Raw passthrough: {@code /proxy/{path}} for the instance of the {@code Element} token, to
 * {@code {base.url}/{path}} with the query, body and safe headers, the instance's credentials
 * added. {@link InstanceProxyResource} is the same by instance id.
 */
@Path("proxy")
@ApplicationScoped
@Consumes("*/*")
@Produces("*/*")
public class ProxyResource extends PassthroughEndpoints {

    @Inject
    Passthrough passthrough;
    @Inject
    CurrentCaller currentCaller;

    @Override
    Response call(String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        return passthrough.byToken(currentCaller.require(), ProxyCalls.of(method, uri, headers, body));
    }
}
