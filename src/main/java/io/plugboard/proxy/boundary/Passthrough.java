package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import io.plugboard.proxy.control.ProxyCall;
import io.plugboard.proxy.control.ProxyService;
import io.plugboard.proxy.control.ProxyTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * What a raw passthrough call comes to, once its caller is known: by the caller's
 * {@code Element} token ({@code /proxy/{path}}) or by instance id
 * ({@code /instances/{id}/proxy/{path}}). The JAX-RS resources and the servlet fast path
 * ({@link ProxyFastPath}) both answer through here, so they cannot drift apart.
 */
@ApplicationScoped
public class Passthrough {

    /** Longer than any {@code long}: not an id the hub could have issued. */
    private static final int MAX_ID_DIGITS = 18;

    @Inject
    ProxyService proxy;
    @Inject
    ProxyResponses responses;
    @Inject
    ProxyTargets targets;
    @Inject
    ErrorResponses errors;

    Response byToken(Caller caller, ProxyCall call) {
        if (caller.instanceToken().isEmpty()) {
            return errors.unauthorized("This call needs the instance: add Element <instance token> to the Authorization header.");
        }
        Optional<Outcome<ProxyTargets.Target>> target = targets.loadByToken(caller);
        if (target.isEmpty()) {
            return errors.unauthorized("Invalid instance token in the Authorization header.");
        }
        return target.get().fold(loaded -> responses.of(proxy.call(caller.organizationId(), loaded, call)), errors::failure);
    }

    /** @param id the instance id as the path gave it: digits only */
    Response byInstanceId(Caller caller, String id, ProxyCall call) {
        if (id.length() > MAX_ID_DIGITS) {
            return errors.notFound("No instance with id " + id + ".");
        }
        return responses.of(proxy.call(caller.organizationId(), Long.parseLong(id), call));
    }
}
