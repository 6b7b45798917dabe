package io.plugboard.transformations.boundary;

import io.plugboard.transformations.control.Scope;
import io.plugboard.transformations.entity.Level;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /instances/{id}/transformations}: one instance's own mappings, which win over the
 * organization's for the instance's element. Another organization's instance is not found.
 */
@Path("instances/{id: [0-9]+}/transformations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstanceTransformationsResource extends TransformationEndpoints {

    @PathParam("id")
    long id;

    @Override
    Scope scope() {
        return new Scope.OfInstance(id);
    }

    @Override
    Level level() {
        return Level.INSTANCE;
    }
}
