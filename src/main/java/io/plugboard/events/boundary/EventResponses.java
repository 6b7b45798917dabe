package io.plugboard.events.boundary;

import io.plugboard.events.control.EventQueries;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ListResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/** How the event endpoints answer: pages with the api-v2 paging headers, failures through {@link ErrorResponses}. */
@ApplicationScoped
class EventResponses {

    @Inject
    ErrorResponses errors;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    InstanceService instances;

    Response page(Outcome<EventQueries.Page> outcome) {
        return outcome.fold(page -> {
            Response.ResponseBuilder response = Response.ok(page.events())
                    .header(ListResponses.RETURNED_COUNT, page.events().size());
            if (page.nextPage() != null) {
                response.header(ListResponses.NEXT_PAGE_TOKEN, page.nextPage());
            }
            return response.build();
        }, errors::failure);
    }

    <T> Response of(Outcome<T> outcome) {
        return outcome.fold(value -> Response.ok(value).build(), errors::failure);
    }

    Response redelivered(Outcome<Integer> outcome) {
        return outcome.fold(count -> Response.ok(Map.of("redelivered", count)).build(), errors::failure);
    }

    long organization() {
        return currentCaller.require().organizationId();
    }

    /**
     * The instance named by the {@code Element} token, if the caller sent one: {@code /instances/events}
     * then reads that instance's events, as every other token-addressed {@code /instances/...} path does.
     * Empty without a token (the organization's events); a token that names no instance is an error.
     */
    Optional<Optional<Long>> tokenInstance() {
        Caller caller = currentCaller.require();
        if (caller.instanceToken().isEmpty()) {
            return Optional.of(Optional.empty());
        }
        return instances.idForToken(caller).map(Optional::of);
    }

    Response invalidToken() {
        return errors.unauthorized("Invalid instance token in the Authorization header.");
    }
}
