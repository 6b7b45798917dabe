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
 * {@code /organizations/elements/{keyOrId}/transformations}: the organization's mappings of its
 * common objects to one element's vendor objects, in force for every instance of the element that
 * has no mapping of its own. Another organization's private element is not found.
 */
@Path("organizations/elements/{keyOrId}/transformations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationTransformationsResource extends TransformationEndpoints {

    @PathParam("keyOrId")
    String keyOrId;

    @Override
    Scope scope() {
        return new Scope.OfElement(keyOrId);
    }

    @Override
    Level level() {
        return Level.ORGANIZATION;
    }
}
