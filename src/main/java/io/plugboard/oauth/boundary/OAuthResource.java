package io.plugboard.oauth.boundary;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.oauth.control.OAuthFlows;
import io.plugboard.oauth.control.OAuthParameters;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.AuthenticationOptional;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code /elements/{keyOrId}/oauth}: the helper calls an application makes before it has an
 * instance. The seed guides document them without credentials, so they work without; sent
 * credentials are checked and make the organization's private elements reachable too.
 */
@Path("elements/{keyOrId}/oauth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AuthenticationOptional
public class OAuthResource {

    @Inject
    OAuthFlows flows;
    @Inject
    ElementService elements;
    @Inject
    CurrentCaller caller;
    @Inject
    ErrorResponses errors;

    @PathParam("keyOrId")
    String keyOrId;

    /** The query parameters of both calls. */
    public static class Query {
        @QueryParam("apiKey")
        String apiKey;
        @QueryParam("apiSecret")
        String apiSecret;
        @QueryParam("callbackUrl")
        String callbackUrl;
        @QueryParam("state")
        String state;
        @QueryParam("scope")
        String scope;
        @QueryParam("siteAddress")
        String siteAddress;
        @QueryParam("requestToken")
        String requestToken;

        OAuthParameters toParameters() {
            return new OAuthParameters(apiKey, apiSecret, callbackUrl, state, scope, siteAddress, requestToken);
        }
    }

    /** The JSON body of {@code POST /oauth/url}: the same fields as the query. */
    public record Body(String apiKey, String apiSecret, String callbackUrl, String state, String scope,
                       String siteAddress, String requestToken) {
        OAuthParameters toParameters() {
            return new OAuthParameters(apiKey, apiSecret, callbackUrl, state, scope, siteAddress, requestToken);
        }
    }

    @GET
    @Path("token")
    public Response requestToken(@BeanParam Query query) {
        return run(query.toParameters(), flows::requestToken);
    }

    @GET
    @Path("url")
    public Response authorizationUrl(@BeanParam Query query) {
        return run(query.toParameters(), flows::authorizationUrl);
    }

    @POST
    @Path("url")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response authorizationUrl(
            @NotNull(message = "A JSON body with apiKey, callbackUrl and the other OAuth fields is required.") Body body) {
        return run(body.toParameters(), flows::authorizationUrl);
    }

    private <T> Response run(OAuthParameters parameters, BiFunction<ElementDefinition, OAuthParameters, Outcome<T>> step) {
        Optional<ElementService.Element> element = elements.find(keyOrId, caller.organizationId());
        if (element.isEmpty()) {
            return errors.notFound("No element with key or id " + keyOrId + ".");
        }
        Outcome<T> outcome = step.apply(element.get().definition(), parameters);
        if (outcome instanceof Outcome.Success<T> success) {
            return Response.ok(success.value()).build();
        }
        return errors.failure(outcome);
    }
}
