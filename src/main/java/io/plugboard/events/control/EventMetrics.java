package io.plugboard.events.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts stored events and delivery outcomes, and times callbacks, where the server has
 * MicroProfile Metrics. WildFly (since 29) ships Micrometer instead: there the one
 * {@link MetricsSink}, {@link MicroProfileEventMetrics}, cannot load and is no bean, and events
 * go uncounted rather than the WAR failing to deploy.
 */
@ApplicationScoped
public class EventMetrics {

    /** What the server's metrics registry is told. */
    public interface MetricsSink {
        void stored(String origin, int count);

        void delivered(String outcome, Duration callbackLatency);
    }

    @Inject
    Instance<MetricsSink> available;

    private volatile Optional<MetricsSink> sink;

    void stored(String origin, int count) {
        resolved().ifPresent(s -> s.stored(origin, count));
    }

    void delivered(String outcome, Duration callbackLatency) {
        resolved().ifPresent(s -> s.delivered(outcome, callbackLatency));
    }

    private Optional<MetricsSink> resolved() {
        if (sink == null) {
            sink = available.isResolvable() ? Optional.of(available.get()) : Optional.empty();
        }
        return sink;
    }
}
