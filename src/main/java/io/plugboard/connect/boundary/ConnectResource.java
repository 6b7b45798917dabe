package io.plugboard.connect.boundary;

import io.plugboard.connect.control.ConnectStart;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /elements/{keyOrId}/oauth/connect}: starts a hosted connect for the authenticated
 * caller. The instance's settings come in the query ({@code config[<key>]=<value>}, {@code name},
 * {@code tags}), so that a plain link or redirect can carry them; {@code instanceId} makes the
 * connect re-authenticate that existing instance in place instead of creating one.
 *
 * <p>Answers {@code 303 See Other} to the provider's authorization page, so a browser can be sent
 * straight here; with {@code Accept: application/json} it answers {@code 200 {"oauthUrl",
 * "element", "launchUrl", "expiresIn"}} instead. Either way the answer sets the
 * {@code PLUGBOARD_CONNECT} cookie that the callback must present (HttpOnly, SameSite=Lax so it
 * rides along on the provider's top-level redirect back, Secure over https). An application's
 * server, which receives that cookie itself, sends its user's browser to {@code launchUrl}
 * instead: a one-time link ({@link ConnectLaunchResource}) that gives the browser the cookie and
 * forwards it to the provider. Errors are api-v2 JSON like every other call's; the query is
 * bound and checked as a {@link ConnectQuery}.
 *
 * <p>A class of its own (not methods on {@code OAuthResource}): the helper calls need no
 * credentials, this one does.
 */
@Path("elements/{keyOrId}/oauth/connect")
@RequestScoped
public class ConnectResource {

    @Inject
    ConnectStart flow;
    @Inject
    ConnectRoutes routes;
    @Inject
    CurrentCaller caller;
    @Inject
    ErrorResponses errors;

    @Context
    UriInfo uriInfo;
    @Context
    HttpHeaders headers;

    @PathParam("keyOrId")
    String keyOrId;

    @GET
    public Response connect(@CookieParam(ConnectRoutes.SESSION_COOKIE) String session, @Valid @BeanParam ConnectQuery query) {
        Optional<String> repeated = query.repeatedConfigParameter();
        if (repeated.isPresent()) {
            return errors.badRequest(repeated.get() + " is given more than once.");
        }
        URI requestApiBase = uriInfo.getBaseUri();
        Outcome<ConnectStart.Started> outcome = flow.start(caller.require(), keyOrId, query.request(), session,
                routes.callbacks(requestApiBase));
        if (!(outcome instanceof Outcome.Success<ConnectStart.Started> success)) {
            return errors.failure(outcome);
        }
        ConnectStart.Started started = success.value();
        Response.ResponseBuilder answer = wantsJson()
                ? Response.ok(new ConnectLinks(started.authorizationUrl(), started.elementKey(),
                        routes.launchUrl(requestApiBase, started).orElse(null), started.lifetime().toSeconds()),
                        MediaType.APPLICATION_JSON_TYPE)
                : Response.seeOther(URI.create(started.authorizationUrl()));
        return answer.header(HttpHeaders.SET_COOKIE, routes.sessionCookie(requestApiBase, started.session(), started.lifetime()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /**
     * The JSON answer: where to send the browser. {@code launchUrl} for a browser other than the
     * caller (one use, within {@code expiresIn} seconds); {@code oauthUrl} only from a client that
     * also holds the cookie this answer sets.
     */
    public record ConnectLinks(String oauthUrl, String element, String launchUrl, long expiresIn) {
        @Override
        public String toString() {
            return "ConnectLinks[element=" + element + "]";
        }
    }

    /** JSON only when asked for first: a browser's Accept puts text/html (or a wildcard) first. */
    private boolean wantsJson() {
        List<MediaType> acceptable = headers.getAcceptableMediaTypes();
        return !acceptable.isEmpty() && !acceptable.get(0).isWildcardType() && !acceptable.get(0).isWildcardSubtype()
                && acceptable.get(0).isCompatible(MediaType.APPLICATION_JSON_TYPE);
    }
}
