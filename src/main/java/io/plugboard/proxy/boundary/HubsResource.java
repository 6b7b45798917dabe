package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.proxy.control.HubLists;
import io.plugboard.proxy.control.ProxyCall;
import io.plugboard.proxy.control.ProxyService;
import io.plugboard.proxy.control.ProxyTargets;
import io.plugboard.proxy.control.ResourceMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code {METHOD} /hubs/{hub}/{path}}: runs the element resource of the {@code Element} token's
 * instance whose path and method match, with parameters moved to their vendor names and places.
 * A list resource (a GET with paging or root data) answers a page as a plain JSON array with
 * {@code pageSize}/{@code nextPage} paging ({@link HubLists}); any other resource streams the
 * provider's answer through. Either way a provider error comes back as an api-v2 error with the
 * provider's status and {@code providerMessage}.
 */
@Path("hubs/{hub}")
@ApplicationScoped
@Consumes("*/*")
@Produces("*/*")
public class HubsResource extends PassthroughEndpoints {

    @Inject
    ProxyService proxy;
    @Inject
    HubLists lists;
    @Inject
    ProxyTargets targets;
    @Inject
    ProxyResponses responses;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;
    /** Features above the proxy that answer some paths themselves (common objects); see {@link HubRoute}. */
    @Inject
    jakarta.enterprise.inject.Instance<HubRoute> routes;

    @Override
    Response call(String method, InputStream body, UriInfo uri, HttpHeaders headers) {
        String hub = uri.getPathParameters().getFirst("hub");
        Caller caller = currentCaller.require();
        if (caller.instanceToken().isEmpty()) {
            return errors.unauthorized("Hub calls need the instance: add Element <instance token> to the Authorization header.");
        }
        var found = targets.loadByToken(caller);
        if (found.isEmpty()) {
            return errors.unauthorized("Invalid instance token in the Authorization header.");
        }
        return found.get().fold(target -> callHub(caller, hub, target, method, body, uri, headers), errors::failure);
    }

    private Response callHub(Caller caller, String hub, ProxyTargets.Target target, String method, InputStream body,
                             UriInfo uri, HttpHeaders headers) {
        var element = target.element();
        if (!hub.equals(element.hub())) {
            return errors.notFound("The instance's element " + element.key() + " belongs to the hub " + element.hub()
                    + ", not " + hub + ".");
        }
        // --- routing hook: a route of a feature above the proxy (common objects) answers its own paths first.
        HubRoute.Call routed = new HubRoute.Call(caller, target, method, uri.getPathParameters(false).getFirst("path"),
                body, uri, headers);
        for (HubRoute route : routes) {
            Optional<Response> answered = route.answer(routed);
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        // --- end of the routing hook
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> requestHeaders.put(name, values.get(0)));
        String path = uri.getPathParameters(false).getFirst("path");
        var list = ResourceMapper.find(element, method, path).filter(found -> found.resource().isList());
        if (list.isPresent()) {
            return responses.ofList(lists.page(caller.organizationId(), target, list.get(), path,
                    uri.getQueryParameters(true), requestHeaders, new LinkedHashMap<>(headers.getRequestHeaders())));
        }
        return ResourceMapper.map(element, method, path,
                uri.getQueryParameters(true), requestHeaders).fold(vendor -> {
                    Map<String, List<String>> forwarded = new LinkedHashMap<>(headers.getRequestHeaders());
                    vendor.headers().forEach((name, value) -> forwarded.put(name, List.of(value)));
                    ProxyCall call = new ProxyCall(vendor.method(), vendor.path(), vendor.query(), forwarded, body,
                            ProxyCalls.contentLength(headers, body), headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
                    return responses.ofHub(proxy.call(caller.organizationId(), target, call));
                }, errors::failure);
    }
}
