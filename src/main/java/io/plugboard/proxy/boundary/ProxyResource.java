package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.proxy.control.ProxyService;
import io.plugboard.proxy.control.ProxyTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Optional;

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
    ProxyService proxy;
    @Inject
    ProxyResponses responses;
    @Inject
    ProxyTargets targets;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    @Override
    Response call(String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        Caller caller = currentCaller.require();
        if (caller.instanceToken().isEmpty()) {
            return errors.unauthorized("This call needs the instance: add Element <instance token> to the Authorization header.");
        }
        Optional<Outcome<ProxyTargets.Target>> target = targets.loadByToken(caller);
        if (target.isEmpty()) {
            return errors.unauthorized("Invalid instance token in the Authorization header.");
        }
        return target.get().fold(loaded -> responses.of(proxy.call(caller.organizationId(), loaded,
                ProxyCalls.of(method, uri, headers, body))), errors::failure);
    }
}
