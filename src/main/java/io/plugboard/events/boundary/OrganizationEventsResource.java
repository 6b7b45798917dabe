package io.plugboard.events.boundary;

import io.plugboard.events.control.EventQueries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /instances/events}: the provider events of every instance of the organization, newest
 * first, or of the {@code Element} token's instance when the caller names one; one event by id,
 * and {@code PUT} to redeliver a queued one.
 */
@Path("instances/events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationEventsResource {

    private static final String EVENT_ID = "{eventId: [0-9]+}";

    @Inject
    EventQueries events;
    @Inject
    EventResponses responses;

    @GET
    public Response list(@QueryParam("pageSize") Integer pageSize, @QueryParam("nextPage") String nextPage) {
        return responses.forTokenInstanceOrOrganization(instance ->
                responses.page(events.page(responses.organization(), instance, pageSize, nextPage)));
    }

    @GET
    @Path(EVENT_ID)
    public Response one(@PathParam("eventId") long eventId) {
        return responses.forTokenInstanceOrOrganization(instance -> responses.of(events.one(responses.organization(), instance, eventId)));
    }

    @PUT
    @Path(EVENT_ID)
    public Response redeliver(@PathParam("eventId") long eventId) {
        return responses.forTokenInstanceOrOrganization(instance ->
                responses.of(events.redeliver(responses.organization(), instance, eventId)));
    }
}
