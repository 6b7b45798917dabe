package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.proxy.control.ProxyResult;
import io.plugboard.proxy.control.ProxyService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

import java.io.InputStream;
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
    Instance<ProxyMetrics> availableMetrics;

    /** Resolved once: absent where the server has no MicroProfile Metrics. */
    private ProxyMetrics metrics;

    @PostConstruct
    void resolveMetrics() {
        metrics = availableMetrics.isResolvable() ? availableMetrics.get() : null;
    }

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
        if (metrics != null) {
            metrics.relayed(relayed.elementKey(), status, relayed.upstreamMillis(), relayed.hubMillis());
        }

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
