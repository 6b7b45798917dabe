package io.plugboard.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows in {@code /health/ready} whether this node hears the other nodes' changes
 * ({@link ChangeRelay}): {@code state} (not-needed, connecting, listening, reconnecting), since
 * when, and whether the caches are in use.
 *
 * <p>Always up: while the relay is away the node bypasses its caches and still answers correctly,
 * only with more database reads. Taking it out of the load balancer would only move its traffic to
 * nodes that, after a database restart, lost their connection at the same moment.
 */
@Readiness
@ApplicationScoped
public class ChangeRelayHealth implements HealthCheck {

    @Inject
    CacheTrust trust;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database-changes").up()
                .withData("state", trust.state().name().toLowerCase().replace('_', '-'))
                .withData("since", trust.since().toString())
                .withData("caches", trust.current() ? "in use" : "bypassed")
                .build();
    }
}
