package io.plugboard.events.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;

/** {@link EventMetrics.MetricsSink} in the server's MicroProfile Metrics registry (Payara: {@code /metrics}). */
@ApplicationScoped
public class MicroProfileEventMetrics implements EventMetrics.MetricsSink {

    @Inject
    MetricRegistry metrics;

    @Override
    public void stored(String origin, int count) {
        metrics.counter("plugboard_events_stored", new Tag("origin", origin)).inc(count);
    }

    @Override
    public void delivered(String outcome, Duration callbackLatency) {
        metrics.counter("plugboard_events_deliveries", new Tag("outcome", outcome)).inc();
        metrics.timer("plugboard_events_callback_latency").update(callbackLatency);
    }
}
