package io.plugboard.transformations.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.transformations.control.CommonObjects;
import io.plugboard.transformations.control.ObjectTemplates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /organizations/objects}: the organization's common objects ({@code {name}/definitions},
 * and all of them by name at {@code definitions}), and the shipped templates
 * ({@code templates}, installed into the organization by {@code POST templates/{name}}).
 * {@code GET definitions?systemOnly=true} answers the templates' definitions, where Cloud Elements
 * lists its own templates.
 */
@Path("organizations/objects")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ObjectDefinitionsResource {

    static final String BODY_REQUIRED = "A JSON body {\"fields\": [{\"path\", \"type\"}]} is required.";

    @Inject
    CommonObjects objects;
    @Inject
    ObjectTemplates templates;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    /** Every common object of the organization by name (or, with {@code systemOnly=true}, every template's). */
    @GET
    @Path("definitions")
    public Response definitions(@QueryParam("systemOnly") boolean systemOnly) {
        Map<String, CommonObjectJson.Definition> byName = new LinkedHashMap<>();
        if (systemOnly) {
            templates.all().forEach(t -> byName.put(t.name(), CommonObjectJson.Definition.of(t)));
        } else {
            objects.definitions(organization()).forEach(d -> byName.put(d.name(), CommonObjectJson.Definition.of(d)));
        }
        return Response.ok(byName).build();
    }

    @GET
    @Path("{name}/definitions")
    public Response definition(@PathParam("name") String name) {
        return answer(objects.definition(organization(), name), CommonObjectJson.Definition::of);
    }

    @POST
    @Path("{name}/definitions")
    public Response create(@PathParam("name") String name,
                           @NotNull(message = BODY_REQUIRED) @Valid CommonObjectJson.DefinitionBody body) {
        return answer(objects.createDefinition(organization(), name, body.toFields()), CommonObjectJson.Definition::of);
    }

    @PUT
    @Path("{name}/definitions")
    public Response replace(@PathParam("name") String name,
                            @NotNull(message = BODY_REQUIRED) @Valid CommonObjectJson.DefinitionBody body) {
        return answer(objects.replaceDefinition(organization(), name, body.toFields()), CommonObjectJson.Definition::of);
    }

    /** Refused (409) while a transformation maps the object. */
    @DELETE
    @Path("{name}/definitions")
    public Response delete(@PathParam("name") String name) {
        return objects.deleteDefinition(organization(), name).fold(deleted -> Response.ok().build(), errors::failure);
    }

    // ------------------------------------------------------------------------- templates

    @GET
    @Path("templates")
    public Response templates() {
        List<CommonObjectJson.Template> all = templates.all().stream().map(CommonObjectJson.Template::of).toList();
        return Response.ok(all).build();
    }

    @GET
    @Path("templates/{name}")
    public Response template(@PathParam("name") String name) {
        return templates.find(name).map(t -> Response.ok(CommonObjectJson.Template.of(t)).build())
                .orElseGet(() -> errors.notFound("No template " + name + "."));
    }

    /**
     * Copies the template into the organization: the definition and the organization's mapping
     * for each element it covers, in one transaction. 409 when the organization already has an
     * object of that name.
     */
    @POST
    @Path("templates/{name}")
    public Response install(@PathParam("name") String name) {
        return answer(objects.installTemplate(organization(), name), installed -> {
            Map<String, CommonObjectJson.Transformation> mappings = new LinkedHashMap<>();
            installed.transformations().forEach((key, view) -> mappings.put(key, CommonObjectJson.Transformation.of(view)));
            return new CommonObjectJson.InstalledTemplate(CommonObjectJson.Definition.of(installed.definition()), mappings);
        });
    }

    private long organization() {
        return currentCaller.require().organizationId();
    }

    private <T> Response answer(Outcome<T> outcome, Function<T, ?> json) {
        return outcome.fold(value -> Response.ok(json.apply(value)).build(), errors::failure);
    }
}
