package io.plugboard.proxy.boundary;

import io.plugboard.platform.security.Caller;
import io.plugboard.proxy.control.ProxyTargets;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Optional;

/**
 * A feature above the proxy that answers some {@code /hubs/{hub}/{path}} calls itself, such as an
 * organization's common objects ({@code io.plugboard.transformations}), which take over the name
 * they are mapped under. {@link HubsResource} offers each call to every route (CDI beans of this
 * type) before it maps the path to an element resource. The proxy knows only this interface, so
 * the dependency runs from the feature down to the proxy, as the feature levels require.
 */
public interface HubRoute {

    /**
     * One call, once the caller's instance is known and its element belongs to the hub.
     *
     * @param path the path below {@code /hubs/{hub}/}, still percent-encoded
     * @param body the request body, not yet read (null for GET and DELETE)
     */
    record Call(Caller caller, ProxyTargets.Target target, String method, String path, InputStream body, UriInfo uri,
                HttpHeaders headers) {
    }

    /** The answer, or empty when the call is not this route's and goes on to the element's resources. */
    Optional<Response> answer(Call call);
}
