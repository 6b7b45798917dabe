package io.plugboard.events.boundary;

import io.plugboard.events.control.WebhookIntake;
import io.plugboard.events.control.WebhookRequest;
import io.plugboard.events.control.WebhookResult;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.security.AuthenticationOptional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * {@code /events/{elementKey}[/{instancePathId}]}: where providers send their webhooks, as in
 * Cloud Elements. Providers hold no hub credentials, so the Authorization header is not read at
 * all (a provider's own Basic or Bearer header must not get its webhook refused); a provider
 * proves itself with its signature, where the element defines one.
 *
 * <p>The answer is 200 with the stored event ids as soon as the events are committed, never after
 * delivery to the application. The body is read up to one byte past the limit, so an oversized
 * webhook costs no more memory than the limit.
 */
@Path("events")
@ApplicationScoped
@AuthenticationOptional(ignoreAuthorization = true)
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class InboundEventsResource {

    @Inject
    WebhookIntake intake;
    @Inject
    ErrorResponses errors;

    @POST
    @Path("{elementKey}")
    public Response post(@PathParam("elementKey") String elementKey, @Context HttpHeaders headers, @Context UriInfo uri,
                         InputStream body) throws IOException {
        return receive("POST", elementKey, null, headers, uri, body);
    }

    @POST
    @Path("{elementKey}/{instancePathId}")
    public Response post(@PathParam("elementKey") String elementKey, @PathParam("instancePathId") String instancePathId,
                         @Context HttpHeaders headers, @Context UriInfo uri, InputStream body) throws IOException {
        return receive("POST", elementKey, instancePathId, headers, uri, body);
    }

    @GET
    @Path("{elementKey}")
    public Response get(@PathParam("elementKey") String elementKey, @Context HttpHeaders headers, @Context UriInfo uri)
            throws IOException {
        return receive("GET", elementKey, null, headers, uri, null);
    }

    @GET
    @Path("{elementKey}/{instancePathId}")
    public Response get(@PathParam("elementKey") String elementKey, @PathParam("instancePathId") String instancePathId,
                        @Context HttpHeaders headers, @Context UriInfo uri) throws IOException {
        return receive("GET", elementKey, instancePathId, headers, uri, null);
    }

    /**
     * Some providers probe the URL with {@code HEAD} before they register it: 200 when the element
     * takes webhooks, else 404; no event is stored, whatever the instance segment says.
     */
    @HEAD
    @Path("{elementKey}")
    public Response head(@PathParam("elementKey") String elementKey) {
        return probe(elementKey);
    }

    @HEAD
    @Path("{elementKey}/{instancePathId}")
    public Response head(@PathParam("elementKey") String elementKey, @PathParam("instancePathId") String instancePathId) {
        return probe(elementKey);
    }

    private Response probe(String elementKey) {
        return intake.takesWebhooks(elementKey) ? Response.ok().build()
                : errors.notFound("No element with key " + elementKey + " takes provider webhooks.");
    }

    private Response receive(String method, String elementKey, String pathSegment, HttpHeaders headers, UriInfo uri,
                             InputStream body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(intake.maxBodyBytes() + 1);
        Map<String, List<String>> query = new HashMap<>(uri.getQueryParameters());
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        WebhookResult result = intake.receive(new WebhookRequest(elementKey, pathSegment, method,
                WebhookRequest.joined(headers.getRequestHeaders()), query, contentType, bytes));
        if (result instanceof WebhookResult.Accepted accepted) {
            var ids = JSON.createArrayBuilder();
            accepted.eventIds().forEach(ids::add);
            return Response.ok(JSON.createObjectBuilder().add("eventIds", ids).build()).build();
        }
        if (result instanceof WebhookResult.Invalid invalid) {
            return errors.badRequest(invalid.message());
        }
        if (result instanceof WebhookResult.Unauthorized unauthorized) {
            return errors.unauthorized(unauthorized.message());
        }
        if (result instanceof WebhookResult.Unavailable unavailable) {
            return errors.of(Response.Status.SERVICE_UNAVAILABLE, unavailable.message());
        }
        if (result instanceof WebhookResult.MethodNotAllowed notAllowed) {
            return Response.fromResponse(errors.of(Response.Status.METHOD_NOT_ALLOWED, notAllowed.message()))
                    .header(HttpHeaders.ALLOW, String.join(", ", notAllowed.allowed()))
                    .build();
        }
        return errors.notFound(((WebhookResult.NotFound) result).message());
    }
}
