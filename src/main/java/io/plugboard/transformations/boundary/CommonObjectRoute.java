package io.plugboard.transformations.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ListResponses;
import io.plugboard.proxy.boundary.HubRoute;
import io.plugboard.proxy.boundary.ProxyMetrics;
import io.plugboard.proxy.boundary.ProxyResponses;
import io.plugboard.proxy.control.ProxyResult;
import io.plugboard.transformations.control.CommonObjectCalls;
import io.plugboard.transformations.control.CommonObjectDirectory;
import io.plugboard.transformations.control.CommonObjectSet;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Common objects on the hub: {@code METHOD /hubs/{hub}/{name}[/{id}]}, where {@code name} is a
 * common object with a mapping for the caller's instance (its own, else the organization's for
 * its element), answers and takes the common shape. Every other path is left to the element's
 * resources. The question costs no database round trip: the organization's objects are kept per
 * node ({@link CommonObjectDirectory}).
 *
 * <p>The answer carries the provider's status and its headers, less those that described the
 * provider's body ({@code Content-Type}, {@code Content-Encoding}, {@code ETag} and the like: the
 * body is a new one), plus the hub's latency headers; lists add {@code Elements-Returned-Count}.
 * The call is counted in the proxy's metrics like any relayed call.
 */
@ApplicationScoped
public class CommonObjectRoute implements HubRoute {

    /** Provider headers that describe the provider's body, not the mapped one the application gets. */
    static final Set<String> REPRESENTATION_HEADERS = Set.of("content-type", "content-encoding", "content-md5",
            "content-range", "accept-ranges", "etag", "last-modified", "content-disposition", "content-language",
            ListResponses.RETURNED_COUNT.toLowerCase(Locale.ROOT));

    @Inject
    CommonObjectDirectory directory;
    @Inject
    CommonObjectCalls calls;
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

    @Override
    public Optional<Response> answer(Call call) {
        List<String> segments = segments(call.path());
        if (segments.isEmpty() || segments.size() > 2) {
            return Optional.empty();
        }
        var target = call.target();
        Optional<CommonObjectSet.Effective> object = directory.of(target.organizationId())
                .effective(target.instanceId(), target.element().key(), segments.get(0));
        if (object.isEmpty()) {
            return Optional.empty();
        }
        byte[] body;
        try {
            body = read(call.body());
        } catch (IOException e) {
            return Optional.of(errors.badRequest("The request body could not be read."));
        }
        if (body != null && body.length > calls.maxBodyBytes()) {
            return Optional.of(errors.of(413, "A common object's body is at most " + calls.maxBodyBytes() + " bytes.", null));
        }
        String id = segments.size() == 2 ? segments.get(1) : null;
        return Optional.of(respond(calls.call(call.caller().organizationId(), target, object.get(), call.method(), id,
                call.uri().getQueryParameters(true), body)));
    }

    private Response respond(CommonObjectCalls.Result result) {
        if (result instanceof CommonObjectCalls.Result.Mapped mapped) {
            Response.ResponseBuilder response = Response.status(mapped.status());
            relayHeaders(response, mapped.headers(), mapped.timing());
            if (mapped.body() != null) {
                response.type(MediaType.APPLICATION_JSON_TYPE).entity(mapped.body().toString());
                if (mapped.body() instanceof JsonArray items) {
                    response.header(ListResponses.RETURNED_COUNT, items.size());
                }
            }
            return counted(response.build(), mapped.timing());
        }
        if (result instanceof CommonObjectCalls.Result.VendorError vendor) {
            Response.ResponseBuilder response = Response.fromResponse(errors.of(vendor.status(),
                    "The provider answered " + vendor.status() + ".", vendor.providerMessage()));
            relayHeaders(response, vendor.headers(), vendor.timing());
            return counted(response.build(), vendor.timing());
        }
        ProxyResult refusal = ((CommonObjectCalls.Result.NotAnswered) result).result();
        if (refusal instanceof ProxyResult.RateLimited limited) {
            return Response.fromResponse(errors.of(429, "The instance's rate limit is exhausted; retry after "
                    + limited.retryAfterSeconds() + " s.", null)).header("Retry-After", limited.retryAfterSeconds()).build();
        }
        if (refusal instanceof ProxyResult.Disabled disabled) {
            return errors.forbidden("Instance " + disabled.instanceId() + " is disabled; enable it with PUT /instances/"
                    + disabled.instanceId() + "/enabled.");
        }
        return errors.failure(((ProxyResult.Failed) refusal).failure());
    }

    private void relayHeaders(Response.ResponseBuilder response, Map<String, List<String>> headers,
                              CommonObjectCalls.Timing timing) {
        headers.forEach((name, values) -> {
            if (!REPRESENTATION_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> response.header(name, value));
            }
        });
        response.header(ProxyResponses.UPSTREAM_LATENCY, timing.upstreamMillis());
        response.header(ProxyResponses.PROXY_LATENCY, timing.hubMillis());
    }

    /** Counted where the answer is built, so a mapped call and a provider's refusal both count, with their status. */
    private Response counted(Response response, CommonObjectCalls.Timing timing) {
        if (metrics != null) {
            metrics.relayed(timing.elementKey(), response.getStatus(), timing.upstreamMillis(), timing.hubMillis());
        }
        return response;
    }

    /** The path's segments, decoded; empty segments (a trailing slash) dropped as the element's resources drop them. */
    static List<String> segments(String rawPath) {
        if (rawPath == null) {
            return List.of();
        }
        try {
            return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        } catch (IllegalArgumentException malformed) {
            return List.of();   // the element's resources answer it as they answer any malformed path
        }
    }

    private byte[] read(InputStream body) throws IOException {
        return body == null ? null : body.readNBytes(calls.maxBodyBytes() + 1);
    }
}
