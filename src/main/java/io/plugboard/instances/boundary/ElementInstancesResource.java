package io.plugboard.instances.boundary;

import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code /elements/{keyOrId}/instances}: the same provisioning and listing, for one element. */
@Path("elements/{keyOrId}/instances")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ElementInstancesResource {

    @Inject
    InstanceService instances;
    @Inject
    InstanceResponses responses;
    @Inject
    CurrentCaller caller;

    @PathParam("keyOrId")
    String keyOrId;

    @POST
    public Response provision(@NotNull(message = "A JSON body with providerData and configuration is required.") InstanceBody body) {
        return responses.of(instances.provision(caller.require(), body.toRequest(keyOrId)));
    }

    @GET
    public Response list(@QueryParam("tags[]") List<String> tags, @QueryParam("tags") List<String> plainTags,
                         @QueryParam("hydrate") @DefaultValue("true") boolean hydrate,
                         @QueryParam("pageSize") Integer pageSize, @QueryParam("nextPage") String nextPage) {
        List<String> wanted = tags.isEmpty() ? plainTags : tags;
        return responses.page(instances.list(caller.require().organizationId(), wanted, keyOrId, pageSize, nextPage, hydrate));
    }
}
