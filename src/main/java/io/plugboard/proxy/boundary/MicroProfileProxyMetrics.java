package io.plugboard.proxy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;

/** {@link ProxyMetrics} in the server's MicroProfile Metrics registry (Payara: {@code /metrics}). */
@ApplicationScoped
public class MicroProfileProxyMetrics implements ProxyMetrics {

    @Inject
    MetricRegistry metrics;

    @Override
    public void relayed(String elementKey, int status, long upstreamMillis, long hubMillis) {
        Tag element = new Tag("element", elementKey);
        metrics.counter("plugboard_proxy_requests", element, new Tag("status", String.valueOf(status))).inc();
        metrics.timer("plugboard_proxy_upstream_latency", element).update(Duration.ofMillis(upstreamMillis));
        metrics.timer("plugboard_proxy_hub_latency", element).update(Duration.ofMillis(hubMillis));
    }
}
