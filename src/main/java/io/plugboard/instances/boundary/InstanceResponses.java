package io.plugboard.instances.boundary;

import io.plugboard.instances.control.CredentialRefresher.RefreshResult;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ListResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.function.LongFunction;

/** Shared answers of the instance resources: outcomes, pages, and the {@code Element} token. */
@RequestScoped
public class InstanceResponses {

    @Inject
    ErrorResponses errors;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    InstanceService instances;

    <T> Response of(Outcome<T> outcome) {
        return outcome.fold(value -> Response.ok(value).build(), errors::failure);
    }

    Response page(Outcome<InstanceService.Page> outcome) {
        return outcome.fold(page -> ListResponses.page(page.instances(), page.total(), page.nextPage()), errors::failure);
    }

    /** Runs an instance-scoped call for the instance named by the {@code Element} token. */
    Response forTokenInstance(LongFunction<Response> call) {
        Caller caller = currentCaller.require();
        if (caller.instanceToken().isEmpty()) {
            return errors.unauthorized("This call needs the instance: add Element <instance token> to the Authorization header.");
        }
        return instances.idForToken(caller).map(call::apply)
                .orElseGet(() -> errors.unauthorized("Invalid instance token in the Authorization header."));
    }

    Response refreshed(RefreshResult result, LongFunction<Response> onSuccess, long id) {
        if (result instanceof RefreshResult.Refreshed || result instanceof RefreshResult.NotDue) {
            return onSuccess.apply(id);
        }
        if (result instanceof RefreshResult.Disabled) {
            return disabled(id);
        }
        if (result instanceof RefreshResult.NotRefreshable notRefreshable) {
            return errors.conflict(notRefreshable.reason());
        }
        if (result instanceof RefreshResult.Revoked revoked) {
            return errors.providerFailed("The provider revoked the grant; the instance is invalid until re-authenticated.",
                    revoked.providerMessage());
        }
        if (result instanceof RefreshResult.Failed failed) {
            return failed.timedOut() ? errors.providerTimedOut(failed.message())
                    : errors.providerFailed(failed.message(), failed.providerMessage());
        }
        return errors.notFound("No instance with id " + id + ".");
    }

    Response disabled(long id) {
        return errors.forbidden("Instance " + id + " is disabled; enable it with PUT /instances/" + id + "/enabled.");
    }
}
