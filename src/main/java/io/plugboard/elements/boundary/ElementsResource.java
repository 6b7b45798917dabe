package io.plugboard.elements.boundary;

import io.plugboard.elements.control.ElementDocs;
import io.plugboard.elements.control.ElementQuery;
import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.control.ElementService.ChangeResult;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ListResponses;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.function.Function;

/**
 * {@code /elements}: the catalog and the caller's private elements, in the element JSON of the
 * definition files, and each element's hub resources as an OpenAPI document ({@code /docs}).
 * Catalog elements are read-only here; private ones are changed by their organization only, and
 * are invisible (404) to every other.
 */
@Path("elements")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ElementsResource {

    @Inject
    ElementService elements;
    @Inject
    CurrentCaller caller;
    @Inject
    ErrorResponses errors;

    @GET
    public Response list(@QueryParam("hub") String hub, @QueryParam("name") String name) {
        ElementQuery query = new ElementQuery(hub, name);
        return ListResponses.of(elements.visibleTo(caller.organizationId()).stream()
                .filter(query::matches)
                .map(ElementService::masked)
                .toList());
    }

    @GET
    @Path("keys")
    public Response keys() {
        return ListResponses.of(elements.visibleTo(caller.organizationId()).stream().map(ElementDefinition::key).toList());
    }

    @GET
    @Path("{keyOrId}")
    public Response get(@PathParam("keyOrId") String keyOrId) {
        return withElement(keyOrId, element -> Response.ok(ElementService.masked(element)).build());
    }

    @GET
    @Path("{keyOrId}/configuration")
    public Response configuration(@PathParam("keyOrId") String keyOrId) {
        return withElement(keyOrId, element -> ListResponses.of(ElementService.masked(element).configuration()));
    }

    @GET
    @Path("{keyOrId}/metadata")
    public Response metadata(@PathParam("keyOrId") String keyOrId) {
        return withElement(keyOrId, element -> Response.ok(ElementMetadata.of(element)).build());
    }

    @GET
    @Path("{keyOrId}/resources")
    public Response resources(@PathParam("keyOrId") String keyOrId) {
        return withElement(keyOrId, element -> ListResponses.of(element.resources()));
    }

    /**
     * An OpenAPI document of the element's hub resources. Its server is this request's api-v2
     * base path, without scheme and host, so it stays right behind a proxy that keeps the path.
     */
    @GET
    @Path("{keyOrId}/docs")
    public Response docs(@PathParam("keyOrId") String keyOrId, @Context UriInfo uri) {
        String apiBase = uri.getBaseUri().getRawPath().replaceAll("/+$", "");
        return withElement(keyOrId, element -> Response.ok(ElementDocs.of(element, apiBase)).build());
    }

    @POST
    public Response create(@NotNull ElementDefinition body) {
        return answer(elements.create(caller.require().organizationId(), body), body.key());
    }

    @PUT
    @Path("{keyOrId}")
    public Response replace(@PathParam("keyOrId") String keyOrId, @NotNull ElementDefinition body) {
        return answer(elements.replace(caller.require().organizationId(), keyOrId, body), keyOrId);
    }

    @DELETE
    @Path("{keyOrId}")
    public Response delete(@PathParam("keyOrId") String keyOrId) {
        ChangeResult result = elements.delete(caller.require().organizationId(), keyOrId);
        return result instanceof ChangeResult.Saved ? Response.ok().build() : answer(result, keyOrId);
    }

    @PUT
    @Path("{keyOrId}/active")
    public Response activate(@PathParam("keyOrId") String keyOrId) {
        return answer(elements.setActive(caller.require().organizationId(), keyOrId, true), keyOrId);
    }

    @DELETE
    @Path("{keyOrId}/active")
    public Response deactivate(@PathParam("keyOrId") String keyOrId) {
        return answer(elements.setActive(caller.require().organizationId(), keyOrId, false), keyOrId);
    }

    private Response withElement(String keyOrId, Function<ElementDefinition, Response> found) {
        return elements.find(keyOrId, caller.organizationId())
                .map(element -> found.apply(element.definition()))
                .orElseGet(() -> errors.notFound("No element with key or id " + keyOrId + "."));
    }

    private Response answer(ChangeResult result, String keyOrId) {
        if (result instanceof ChangeResult.Saved saved) {
            return Response.ok(ElementService.masked(saved.element())).build();
        }
        if (result instanceof ChangeResult.Invalid invalid) {
            return errors.badRequest("Invalid element: " + String.join("; ", invalid.problems()) + ".");
        }
        if (result instanceof ChangeResult.KeyTaken taken) {
            return errors.conflict("The key " + taken.key() + " is already used by another element.");
        }
        if (result instanceof ChangeResult.ReadOnly readOnly) {
            return errors.forbidden("The element " + readOnly.key()
                    + " belongs to the shared catalog; operators change it through PLUGBOARD_ELEMENTS_DIR.");
        }
        return errors.notFound("No element with key or id " + keyOrId + ".");
    }
}
