package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ListResponses;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.proxy.control.HubLists.HubList;
import io.plugboard.proxy.control.ProviderAnswers;
import io.plugboard.proxy.control.ProxyResult;
import io.plugboard.proxy.control.ProxyService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
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
 *
 * <p>{@code /hubs} calls answer as one API whatever the provider: a provider error comes back in
 * the api-v2 error shape with the provider's status and its body as {@code providerMessage}
 * ({@link #ofHub}), and a list as a plain JSON array with the api-v2 list headers
 * ({@link #ofList}). The raw {@code /proxy} calls relay everything as it is ({@link #of}).
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

    /** The most of a provider's error body the hub reads to relay it: the message is cut shorter still. */
    static final int MAX_ERROR_BYTES = 65536;

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

    /** A {@code /hubs} call: as {@link #of}, but a provider error (4xx, 5xx) as an api-v2 error. */
    Response ofHub(ProxyResult result) {
        if (result instanceof ProxyResult.Relayed relayed && relayed.response().getCode() >= 400) {
            Outcome<ProviderResponse.Answered> read = ProviderAnswers.read(relayed.response(), MAX_ERROR_BYTES);
            if (!(read instanceof Outcome.Success<ProviderResponse.Answered> answered)) {
                return errors.failure(read);
            }
            ProviderResponse.Answered answer = answered.value();
            return providerError(answer.status(), answer.providerMessage(), ProviderAnswers.header(answer, "Retry-After"),
                    relayed.upstreamMillis(), relayed.hubMillis(), relayed.elementKey());
        }
        return of(result);
    }

    /** A {@code /hubs} list: one page as a plain JSON array, its count, and the next page's token while there is one. */
    Response ofList(HubList list) {
        if (list instanceof HubList.Page page) {
            if (metrics != null) {
                metrics.relayed(page.elementKey(), 200, page.upstreamMillis(), page.hubMillis());
            }
            Response.ResponseBuilder response = Response.ok(page.records().toString(), MediaType.APPLICATION_JSON_TYPE)
                    .header(ListResponses.RETURNED_COUNT, page.records().size())
                    .header(UPSTREAM_LATENCY, page.upstreamMillis())
                    .header(PROXY_LATENCY, page.hubMillis());
            if (page.nextPageToken() != null) {
                response.header(ListResponses.NEXT_PAGE_TOKEN, page.nextPageToken());
            }
            return response.build();
        }
        if (list instanceof HubList.ProviderError error) {
            return providerError(error.status(), error.providerMessage(), error.retryAfter(), error.upstreamMillis(),
                    error.hubMillis(), error.elementKey());
        }
        return of(((HubList.Unanswered) list).result());
    }

    /**
     * The provider's error with its own status (a status outside 400-599 is no error a caller
     * could act on, so it is a 502), its body as the provider message, and its Retry-After.
     */
    private Response providerError(int status, String providerMessage, String retryAfter, long upstreamMillis,
                                   long hubMillis, String elementKey) {
        if (metrics != null) {
            metrics.relayed(elementKey, status, upstreamMillis, hubMillis);
        }
        boolean error = status >= 400 && status <= 599;
        Response.ResponseBuilder response = Response.fromResponse(errors.of(error ? status : 502,
                        "The provider answered " + status + ".", providerMessage))
                .header(UPSTREAM_LATENCY, upstreamMillis)
                .header(PROXY_LATENCY, hubMillis);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
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
