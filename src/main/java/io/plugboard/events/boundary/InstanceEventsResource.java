package io.plugboard.events.boundary;

import io.plugboard.events.control.EventQueries;
import io.plugboard.platform.control.Outcome;
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

import java.util.Optional;

/**
 * {@code /instances/{id}/events}: one instance's provider events with their delivery attempts;
 * {@code PUT} redelivers one queued event, or every queued event of the instance.
 */
@Path("instances/{id: [0-9]+}/events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InstanceEventsResource {

    private static final String EVENT_ID = "{eventId: [0-9]+}";

    @Inject
    EventQueries events;
    @Inject
    EventResponses responses;

    @GET
    public Response list(@PathParam("id") long id, @QueryParam("pageSize") Integer pageSize,
                         @QueryParam("nextPage") String nextPage) {
        return responses.page(events.page(responses.organization(), Optional.of(id), pageSize, nextPage));
    }

    @GET
    @Path(EVENT_ID)
    public Response one(@PathParam("id") long id, @PathParam("eventId") long eventId) {
        return responses.of(events.one(responses.organization(), Optional.of(id), eventId));
    }

    /** Where the instance's poller stands: its window, last and next poll, and last failure. */
    @GET
    @Path("poller")
    public Response poller(@PathParam("id") long id) {
        return responses.of(events.poller(responses.organization(), id).flatMap(poller -> poller
                .<Outcome<EventQueries.PollerView>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("Instance " + id + " does not poll for events."))));
    }

    @PUT
    public Response redeliverQueued(@PathParam("id") long id) {
        return responses.redelivered(events.redeliverQueued(responses.organization(), id));
    }

    @PUT
    @Path(EVENT_ID)
    public Response redeliver(@PathParam("id") long id, @PathParam("eventId") long eventId) {
        return responses.of(events.redeliver(responses.organization(), Optional.of(id), eventId));
    }
}
