package io.plugboard.connect.boundary;

import io.plugboard.connect.control.ConnectFailed;
import io.plugboard.connect.control.ConnectLaunch;
import io.plugboard.platform.boundary.RequestCorrelation;
import io.plugboard.platform.security.AuthenticationOptional;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/**
 * {@code GET /elements/{keyOrId}/oauth/launch/{connectId}?t=<token>}: the one-time link that
 * {@code /oauth/connect} gives an application's server for its user's browser. Opening it sets
 * the connect's {@code PLUGBOARD_CONNECT} cookie in that browser and answers {@code 303} to the
 * provider's authorization page; from there the dance ends at the hub's callback as usual.
 *
 * <p>The browser brings no credentials (the token in the link is the credential), hence
 * {@link AuthenticationOptional}. A link that is unknown, already opened, expired or for another
 * element gets the same kind of HTML page as a failed callback ({@link ConnectPages}).
 */
@Path("elements/{keyOrId}/oauth/launch/{connectId}")
@RequestScoped
@AuthenticationOptional
public class ConnectLaunchResource {

    @Inject
    ConnectLaunch flow;
    @Inject
    ConnectRoutes routes;
    @Inject
    RequestCorrelation correlation;

    @GET
    public Response launch(@PathParam("keyOrId") String keyOrId, @PathParam("connectId") String connectId,
                           @QueryParam("t") String token, @Context UriInfo uriInfo) {
        ConnectLaunch.Result result = flow.launch(keyOrId, connectId, token);
        if (result instanceof ConnectLaunch.Launched launched) {
            return Response.seeOther(URI.create(launched.authorizationUrl()))
                    .header(HttpHeaders.SET_COOKIE,
                            routes.sessionCookie(uriInfo.getBaseUri(), launched.session(), launched.lifetime()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    // The link's token must not follow the browser anywhere as a referrer.
                    .header("Referrer-Policy", "no-referrer")
                    .build();
        }
        return ConnectPages.failure((ConnectFailed) result, correlation.id());
    }
}
