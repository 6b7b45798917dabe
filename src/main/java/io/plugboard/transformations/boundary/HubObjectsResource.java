package io.plugboard.transformations.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ListResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CurrentCaller;
import io.plugboard.proxy.control.ProxyTargets;
import io.plugboard.transformations.control.CommonObjectDirectory;
import io.plugboard.transformations.control.CommonObjectSet;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.function.Function;

/**
 * {@code /hubs/{hub}/objects}: the common objects the {@code Element} token's instance can use
 * (those with a mapping for it), and {@code objects/{name}/metadata}, each object's fields with
 * where the instance's provider keeps them. {@code objects} is therefore no name for a common
 * object or an element resource below a hub.
 */
@Path("hubs/{hub}/objects")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HubObjectsResource {

    @Inject
    ProxyTargets targets;
    @Inject
    CommonObjectDirectory directory;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    @PathParam("hub")
    String hub;

    /** The names, sorted. */
    @GET
    public Response objects() {
        return withInstance(target -> ListResponses.of(new ArrayList<>(available(target).keySet())));
    }

    @GET
    @Path("{name}/metadata")
    public Response metadata(@PathParam("name") String name) {
        return withInstance(target -> {
            CommonObjectSet.Effective object = available(target).get(name);
            return object == null ? errors.notFound("No common object " + name + " is mapped for this instance.")
                    : Response.ok(CommonObjectJson.ObjectMetadata.of(object)).build();
        });
    }

    private java.util.SortedMap<String, CommonObjectSet.Effective> available(ProxyTargets.Target target) {
        return directory.of(target.organizationId()).available(target.instanceId(), target.element().key());
    }

    /** The token's instance, refused as {@code /hubs} refuses it: no token, an unknown one, another hub. */
    private Response withInstance(Function<ProxyTargets.Target, Response> answer) {
        Caller caller = currentCaller.require();
        if (caller.instanceToken().isEmpty()) {
            return errors.unauthorized("Hub calls need the instance: add Element <instance token> to the Authorization header.");
        }
        var found = targets.loadByToken(caller);
        if (found.isEmpty()) {
            return errors.unauthorized("Invalid instance token in the Authorization header.");
        }
        Outcome<ProxyTargets.Target> target = found.get();
        return target.fold(t -> t.element().hub().equals(hub) ? answer.apply(t)
                : errors.notFound("The instance's element " + t.element().key() + " belongs to the hub "
                        + t.element().hub() + ", not " + hub + "."), errors::failure);
    }
}
