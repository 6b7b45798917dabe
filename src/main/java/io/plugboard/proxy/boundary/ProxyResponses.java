package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.proxy.control.ProxyResult;
import io.plugboard.proxy.control.ProxyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a {@link ProxyResult} into the caller's response: the provider's status, safe headers
 * and body streamed through, plus the hub's latency headers (like Kong's
 * {@code X-Kong-Upstream-Latency} / {@code X-Kong-Proxy-Latency}) and metrics per element and status.
 */
@ApplicationScoped
public class ProxyResponses {

    public static final String UPSTREAM_LATENCY = "X-Plugboard-Upstream-Latency";
    public static final String PROXY_LATENCY = "X-Plugboard-Proxy-Latency";

    @Inject
    ErrorResponses errors;
    @Inject
    MetricRegistry metrics;

    Response of(ProxyResult result) {
        if (result instanceof ProxyResult.Relayed relayed) {
            return relay(relayed);
        }
        if (result instanceof ProxyResult.RateLimited limited) {
            return Response.fromResponse(errors.of(429, "The instance's rate limit is exhausted; retry after "
                            + limited.retryAfterSeconds() + " s.", null))
                    .header("Retry-After", limited.retryAfterSeconds()).build();
        }
        if (result instanceof ProxyResult.Disabled disabled) {
            return errors.forbidden("Instance " + disabled.instanceId() + " is disabled; enable it with PUT /instances/"
                    + disabled.instanceId() + "/enabled.");
        }
        return errors.failure(((ProxyResult.Failed) result).failure());
    }

    private Response relay(ProxyResult.Relayed relayed) {
        ClassicHttpResponse upstream = relayed.response();
        int status = upstream.getCode();
        Tag element = new Tag("element", relayed.elementKey());
        metrics.counter("plugboard_proxy_requests", element, new Tag("status", String.valueOf(status))).inc();
        metrics.timer("plugboard_proxy_upstream_latency", element).update(Duration.ofMillis(relayed.upstreamMillis()));
        metrics.timer("plugboard_proxy_hub_latency", element).update(Duration.ofMillis(relayed.hubMillis()));

        Response.ResponseBuilder response = Response.status(status);
        for (Header header : upstream.getHeaders()) {
            if (!ProxyService.DROPPED_RESPONSE_HEADERS.contains(header.getName().toLowerCase(Locale.ROOT))) {
                response.header(header.getName(), header.getValue());
            }
        }
        response.header(UPSTREAM_LATENCY, relayed.upstreamMillis());
        response.header(PROXY_LATENCY, relayed.hubMillis());
        if (upstream.getEntity() == null) {
            ProxyService.close(upstream);
            return response.build();
        }
        StreamingOutput body = out -> {
            try (upstream; InputStream in = upstream.getEntity().getContent()) {
                in.transferTo(out);
            }
        };
        return response.entity(body).build();
    }
}
