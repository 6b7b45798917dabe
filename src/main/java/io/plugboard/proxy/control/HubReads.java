package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hub reading one of an instance's own {@code /hubs/...} resources for itself, e.g. a poller
 * listing what changed. It goes through exactly what an application's hub call goes through
 * (the element's resource mapping, then {@link ProxyService#call}: credentials per authentication
 * type, one refresh after a 401, retries, the instance's rate limit, the egress guard), so an
 * internal read can do nothing an application could not. The answer is read whole, up to a
 * bound, and its connection released before this returns.
 */
@ApplicationScoped
public class HubReads {

    private static final String JSON = "application/json";

    @Inject
    ProxyTargets targets;
    @Inject
    ProxyService proxy;

    /**
     * {@code GET url} on the organization's instance: the provider's answer of any status (its
     * body cut at {@code maxBodyBytes}, marked truncated), or why there is none (unknown
     * instance, a hub or path the element does not have, a disabled instance, the rate limit, a
     * refused destination, a provider that could not be reached or did not answer).
     */
    public Outcome<ProviderResponse.Answered> get(long organizationId, long instanceId, HubUrl url, int maxBodyBytes) {
        return targets.load(organizationId, instanceId).flatMap(target -> {
            if (!url.hub().equals(target.element().hub())) {
                return Outcome.notFound("The instance's element " + target.element().key() + " belongs to the hub "
                        + target.element().hub() + ", not " + url.hub() + ".");
            }
            return ResourceMapper.map(target.element(), "GET", url.path(), url.query(), Map.of(HttpHeaders.ACCEPT, JSON))
                    .flatMap(vendor -> {
                        Map<String, List<String>> headers = new LinkedHashMap<>();
                        headers.put(HttpHeaders.ACCEPT, List.of(JSON));
                        vendor.headers().forEach((name, value) -> headers.put(name, List.of(value)));
                        ProxyCall call = new ProxyCall(vendor.method(), vendor.path(), vendor.query(), headers, null, 0, null);
                        return answer(proxy.call(organizationId, target, call), maxBodyBytes);
                    });
        });
    }

    static Outcome<ProviderResponse.Answered> answer(ProxyResult result, int maxBodyBytes) {
        if (result instanceof ProxyResult.Relayed relayed) {
            return read(relayed.response(), maxBodyBytes);
        }
        if (result instanceof ProxyResult.RateLimited limited) {
            return Outcome.invalid("The instance's rate limit is exhausted; retry after " + limited.retryAfterSeconds() + " s.");
        }
        if (result instanceof ProxyResult.Disabled disabled) {
            return Outcome.invalid("Instance " + disabled.instanceId() + " is disabled.");
        }
        return ((ProxyResult.Failed) result).failure().asFailure();
    }

    private static Outcome<ProviderResponse.Answered> read(ClassicHttpResponse response, int maxBodyBytes) {
        try (response) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                if (!ProxyService.DROPPED_RESPONSE_HEADERS.contains(header.getName().toLowerCase(Locale.ROOT))) {
                    headers.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
                }
            }
            byte[] body = new byte[0];
            boolean truncated = false;
            if (response.getEntity() != null) {
                try (InputStream in = response.getEntity().getContent()) {
                    byte[] read = in.readNBytes(maxBodyBytes + 1);
                    truncated = read.length > maxBodyBytes;
                    body = truncated ? java.util.Arrays.copyOf(read, maxBodyBytes) : read;
                }
            }
            return Outcome.success(new ProviderResponse.Answered(response.getCode(), headers, body, truncated));
        } catch (InterruptedIOException e) {
            return new Outcome.ProviderTimedOut<>("The provider did not finish its answer in time.");
        } catch (IOException e) {
            return new Outcome.ProviderFailed<>("The provider's answer could not be read (" + e.getClass().getSimpleName() + ").", null);
        }
    }
}
