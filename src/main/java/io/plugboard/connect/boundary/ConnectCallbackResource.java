package io.plugboard.connect.boundary;

import io.plugboard.connect.control.ConnectCallback;
import io.plugboard.connect.control.ConnectFailed;
import io.plugboard.connect.control.ConnectStart;
import io.plugboard.platform.boundary.RequestCorrelation;
import io.plugboard.platform.security.AuthenticationOptional;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /elements/{keyOrId}/oauth/callback}: where the provider sends the user's browser
 * back during a hosted connect. It arrives without credentials (the pending connect that the
 * signed state names says who is connecting), so it is marked {@link AuthenticationOptional}.
 *
 * <p>On success it answers {@code 303} to the application's return URL with {@code instanceId}.
 * Anything else is a person looking at a browser, not a program reading JSON, so the answer is a
 * small HTML page ({@link ConnectPages}) that says what happened and that nothing was saved:
 * {@code 400} for a bad, replayed, expired or foreign state or a provider's refusal, {@code 502}
 * or {@code 504} when the provider failed the exchange. No {@code @Produces}: whatever the
 * browser's Accept says, it gets the page rather than a 406.
 */
@Path("elements/{keyOrId}/oauth/callback")
@RequestScoped
@AuthenticationOptional
public class ConnectCallbackResource {

    @Inject
    ConnectCallback flow;
    @Inject
    RequestCorrelation correlation;

    /** The parameters bound by name below; the exchange's own values never come from the rest. */
    private static final Set<String> NAMED = Set.of("state", ConnectStart.OAUTH1_STATE_PARAMETER, "code", "error",
            "error_description", "oauth_token", "oauth_verifier", "denied", "code_verifier", "secret");

    @PathParam("keyOrId")
    String keyOrId;

    @GET
    public Response callback(@QueryParam("state") String state,
                             @QueryParam(ConnectStart.OAUTH1_STATE_PARAMETER) String connectState,
                             @QueryParam("code") String code,
                             @QueryParam("error") String error,
                             @QueryParam("error_description") String errorDescription,
                             @QueryParam("oauth_token") String oauthToken,
                             @QueryParam("oauth_verifier") String oauthVerifier,
                             @QueryParam("denied") String denied,
                             @CookieParam(ConnectRoutes.SESSION_COOKIE) String session,
                             @Context UriInfo uriInfo) {
        var query = new ConnectCallback.CallbackQuery(state, connectState, code, error, errorDescription, oauthToken,
                oauthVerifier, denied, others(uriInfo));
        ConnectCallback.Result result = flow.complete(keyOrId, query, session);
        if (result instanceof ConnectCallback.Connected connected) {
            return Response.seeOther(URI.create(connected.location()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    // The callback's own URL carries the code: never let it travel on as a referrer.
                    .header("Referrer-Policy", "no-referrer")
                    .build();
        }
        return ConnectPages.failure((ConnectFailed) result, correlation.id());
    }

    /** The query's other parameters, first value each: values a provider adds that an element may keep. */
    private static Map<String, String> others(UriInfo uriInfo) {
        Map<String, String> others = new LinkedHashMap<>();
        uriInfo.getQueryParameters().forEach((name, values) -> {
            if (!NAMED.contains(name) && !values.isEmpty()) {
                others.put(name, values.get(0));
            }
        });
        return others;
    }
}
