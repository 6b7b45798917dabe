package io.plugboard.transformations.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.transformations.control.CommonObjects;
import io.plugboard.transformations.control.Scope;
import io.plugboard.transformations.control.TransformationRules;
import io.plugboard.transformations.control.TransformationView;
import io.plugboard.transformations.entity.Level;
import io.plugboard.transformations.entity.TransformationDefinition;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The five operations on mappings, the same at both levels: the list by object name and
 * {@code GET/POST/PUT/DELETE {name}}. Subclasses say whose mappings they are ({@link #scope()});
 * the JAX-RS annotations here are inherited by their methods.
 */
public abstract class TransformationEndpoints {

    static final String BODY_REQUIRED = "A JSON body {\"vendorName\", \"fields\": [{\"path\", \"vendorPath\"}]} is required.";

    @Inject
    CommonObjects objects;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    /** Whose mappings: the path's element, or the path's instance. */
    abstract Scope scope();

    abstract Level level();

    /** The mappings by object name. */
    @GET
    public Response list() {
        return objects.transformations(organization(), scope()).fold(views -> {
            Map<String, CommonObjectJson.Transformation> byName = new LinkedHashMap<>();
            views.forEach(view -> byName.put(view.objectName(), CommonObjectJson.Transformation.of(view)));
            return Response.ok(byName).build();
        }, errors::failure);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return answer(objects.transformation(organization(), scope(), name));
    }

    @POST
    @Path("{name}")
    public Response create(@PathParam("name") String name,
                           @NotNull(message = BODY_REQUIRED) @Valid CommonObjectJson.TransformationBody body) {
        return mapping(body).fold(mapping -> answer(objects.createTransformation(organization(), scope(), name, mapping)),
                errors::failure);
    }

    @PUT
    @Path("{name}")
    public Response replace(@PathParam("name") String name,
                            @NotNull(message = BODY_REQUIRED) @Valid CommonObjectJson.TransformationBody body) {
        return mapping(body).fold(mapping -> answer(objects.replaceTransformation(organization(), scope(), name, mapping)),
                errors::failure);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        return objects.deleteTransformation(organization(), scope(), name).fold(deleted -> Response.ok().build(),
                errors::failure);
    }

    /** The body as the feature's mapping: refused outright when it carries code or claims another level. */
    private Outcome<TransformationDefinition> mapping(CommonObjectJson.TransformationBody body) {
        if (body.hasScript()) {
            return Outcome.invalid(TransformationRules.SCRIPT_REFUSED);
        }
        if (body.level() != null && !body.level().equals(level().wire())) {
            return Outcome.invalid("level is " + body.level() + " in the body, but this path writes the " + level().wire()
                    + " level.");
        }
        return Outcome.success(body.toDefinition());
    }

    private Response answer(Outcome<TransformationView> outcome) {
        return outcome.fold(view -> Response.ok(CommonObjectJson.Transformation.of(view)).build(), errors::failure);
    }

    long organization() {
        return currentCaller.require().organizationId();
    }
}
