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
import java.util.function.Function;

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
        return outcome.fold(page -> ListResponses.page(page.events(), null, page.nextPage()), errors::failure);
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
     * Runs {@code call} for the instance named by the {@code Element} token, if the caller sent
     * one: {@code /instances/events} then reads that instance's events, as every other
     * token-addressed {@code /instances/...} path does. Without a token, for the whole
     * organization (an empty instance); a token that names no instance is a 401.
     */
    Response forTokenInstanceOrOrganization(Function<Optional<Long>, Response> call) {
        Caller caller = currentCaller.require();
        if (caller.instanceToken().isEmpty()) {
            return call.apply(Optional.empty());
        }
        return instances.idForToken(caller).map(id -> call.apply(Optional.of(id)))
                .orElseGet(() -> errors.unauthorized("Invalid instance token in the Authorization header."));
    }
}
