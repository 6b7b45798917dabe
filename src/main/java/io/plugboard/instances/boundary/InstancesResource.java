package io.plugboard.instances.boundary;

import io.plugboard.instances.control.CredentialRefresher;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code /instances}: provisioning and the instance lifecycle. Each {@code /instances/{id}/x}
 * has a twin {@code /instances/x} for the instance named by the {@code Element} token.
 */
@Path("instances")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstancesResource {

    private static final String ID = "{id: [0-9]+}";
    private static final String BODY_REQUIRED = "A JSON body is required.";
    /** Braces escaped: Bean Validation reads {@code {...}} in a message as a parameter. */
    private static final String CHANGE_REQUIRED = "A JSON body \\{\"propertyValue\": ...\\} is required.";

    @Inject
    InstanceService instances;
    @Inject
    CredentialRefresher refresher;
    @Inject
    InstanceResponses responses;
    @Inject
    CurrentCaller caller;
    @Inject
    ErrorResponses errors;

    private long organization() {
        return caller.require().organizationId();
    }

    @POST
    public Response provision(
            @NotNull(message = "A JSON body with element, providerData and configuration is required.") InstanceBody body) {
        return responses.of(instances.provision(caller.require(), body.toRequest(null)));
    }

    @GET
    public Response list(@QueryParam("tags[]") List<String> tags, @QueryParam("tags") List<String> plainTags,
                         @QueryParam("hydrate") @DefaultValue("true") boolean hydrate,
                         @QueryParam("pageSize") Integer pageSize, @QueryParam("nextPage") String nextPage) {
        List<String> wanted = tags.isEmpty() ? plainTags : tags;
        return responses.page(instances.list(organization(), wanted, null, pageSize, nextPage, hydrate));
    }

    @GET
    @Path(ID)
    public Response get(@PathParam("id") long id) {
        return responses.of(instances.get(organization(), id));
    }

    @PUT
    @Path(ID)
    public Response replace(@PathParam("id") long id, @QueryParam("reAuthenticate") boolean reAuthenticate,
                            @NotNull(message = BODY_REQUIRED) InstanceBody body) {
        return update(id, body, reAuthenticate);
    }

    @PATCH
    @Path(ID)
    public Response patch(@PathParam("id") long id, @NotNull(message = BODY_REQUIRED) InstanceBody body) {
        return update(id, body, false);
    }

    private Response update(long id, InstanceBody body, boolean reAuthenticate) {
        return responses.of(instances.update(organization(), id, body.toRequest(null), reAuthenticate));
    }

    @DELETE
    @Path(ID)
    public Response delete(@PathParam("id") long id) {
        return instances.delete(organization(), id).fold(deleted -> Response.ok().build(), errors::failure);
    }

    // --- /instances/{id}/x and their twins /instances/x ---------------------------------------

    @PUT
    @Path(ID + "/enabled")
    public Response enable(@PathParam("id") long id) {
        return responses.of(instances.setEnabled(organization(), id, true));
    }

    @PUT
    @Path("enabled")
    public Response enable() {
        return responses.forTokenInstance(this::enable);
    }

    @DELETE
    @Path(ID + "/enabled")
    public Response disable(@PathParam("id") long id) {
        return responses.of(instances.setEnabled(organization(), id, false));
    }

    @DELETE
    @Path("enabled")
    public Response disable() {
        return responses.forTokenInstance(this::disable);
    }

    @GET
    @Path(ID + "/configuration")
    public Response configuration(@PathParam("id") long id) {
        return responses.of(instances.configuration(organization(), id));
    }

    @GET
    @Path("configuration")
    public Response configuration() {
        return responses.forTokenInstance(this::configuration);
    }

    @GET
    @Path(ID + "/configuration/{configId: [0-9]+}")
    public Response configurationEntry(@PathParam("id") long id, @PathParam("configId") long configId) {
        return responses.of(instances.configurationEntry(organization(), id, configId));
    }

    @GET
    @Path("configuration/{configId: [0-9]+}")
    public Response configurationEntry(@PathParam("configId") long configId) {
        return responses.forTokenInstance(id -> configurationEntry(id, configId));
    }

    /** {@code {"propertyValue": "..."}}. */
    public record ConfigurationChange(String propertyValue) {
    }

    @PATCH
    @Path(ID + "/configuration/{configId: [0-9]+}")
    public Response updateConfigurationEntry(@PathParam("id") long id, @PathParam("configId") long configId,
                                             @NotNull(message = CHANGE_REQUIRED) ConfigurationChange change) {
        return responses.of(instances.updateConfigurationEntry(organization(), id, configId, change.propertyValue()));
    }

    @PATCH
    @Path("configuration/{configId: [0-9]+}")
    public Response updateConfigurationEntry(@PathParam("configId") long configId, ConfigurationChange change) {
        // The Element token is checked first (401 without it), as on every token-addressed path;
        // the body only then, so no @NotNull here: Bean Validation would run before the token check.
        return responses.forTokenInstance(id -> change == null
                ? errors.badRequest("A JSON body {\"propertyValue\": ...} is required.")
                : updateConfigurationEntry(id, configId, change));
    }

    @POST
    @Path(ID + "/refresh")
    public Response refresh(@PathParam("id") long id) {
        return responses.refreshed(refresher.refreshNow(organization(), id), this::get, id);
    }

    @POST
    @Path("refresh")
    public Response refresh() {
        return responses.forTokenInstance(this::refresh);
    }

    /** The instance's credential history (provisioned, refreshed, failed, verified...); provider events are at {@code /events}. */
    @GET
    @Path(ID + "/history")
    public Response history(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("50") int limit) {
        return responses.of(instances.history(organization(), id, limit));
    }

    @GET
    @Path("history")
    public Response history(@QueryParam("limit") @DefaultValue("50") int limit) {
        return responses.forTokenInstance(id -> history(id, limit));
    }
}
