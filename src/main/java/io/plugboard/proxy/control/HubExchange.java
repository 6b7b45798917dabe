package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of an instance's element resource made by a feature above the proxy on an
 * application's behalf (a common object's read or write): the hub's path and method are mapped as
 * for {@code /hubs} ({@link ResourceMapper}), and the call goes through {@link ProxyService#call}
 * (credentials per authentication type, one refresh after a 401, retries, the instance's rate
 * limit, the egress guard), the one way the hub reaches a provider. Unlike {@link HubReads} it
 * takes any method and a body, and it keeps a refusal as the proxy's own result, so the caller can
 * answer a rate limit with 429 and a disabled instance with 403 as {@code /hubs} does.
 *
 * <p>The answer is read whole, up to a bound, since it is mapped before it is answered. This is
 * also the place where the element's list shaping (its root and paging) belongs, so a common
 * object maps what the hub's own resource answers.
 */
@ApplicationScoped
public class HubExchange {

    @Inject
    ProxyService proxy;

    /** What came of the call. */
    public sealed interface Result {

        /** The provider answered, with any status; its body read whole (cut at the bound, marked truncated). */
        record Answered(ProviderResponse.Answered response, String elementKey, long upstreamMillis, long hubMillis)
                implements Result {
        }

        /**
         * No answer to map: not sent ({@link ProxyResult.RateLimited}, {@link ProxyResult.Disabled}, or
         * {@link ProxyResult.Failed} for a path the element has no resource for, a refused
         * destination), or the provider could not be reached or did not answer in time.
         */
        record NotAnswered(ProxyResult result) implements Result {
        }
    }

    /**
     * {@code method /hubs/{hub}/path?query} on the instance, with {@code body} (null: none) of
     * {@code contentType}. {@code headers} are the only ones sent besides the credentials and
     * what the resource's header parameters add; the caller's other headers are not forwarded.
     */
    public Result call(long organizationId, ProxyTargets.Target target, String method, String path,
                       Map<String, List<String>> query, Map<String, String> headers, byte[] body, String contentType,
                       int maxBodyBytes) {
        Outcome<ResourceMapper.VendorCall> mapped = ResourceMapper.map(target.element(), method, path, query, headers);
        if (!(mapped instanceof Outcome.Success<ResourceMapper.VendorCall> success)) {
            return new Result.NotAnswered(new ProxyResult.Failed(mapped));
        }
        ResourceMapper.VendorCall vendor = success.value();
        Map<String, List<String>> sent = new LinkedHashMap<>();
        headers.forEach((name, value) -> sent.put(name, List.of(value)));
        vendor.headers().forEach((name, value) -> sent.put(name, List.of(value)));
        ProxyCall call = new ProxyCall(vendor.method(), vendor.path(), vendor.query(), sent,
                body == null ? null : new ByteArrayInputStream(body), body == null ? 0 : body.length, contentType);
        ProxyResult result = proxy.call(organizationId, target, call);
        if (!(result instanceof ProxyResult.Relayed relayed)) {
            return new Result.NotAnswered(result);
        }
        Outcome<ProviderResponse.Answered> read = HubReads.answer(relayed, maxBodyBytes);
        return read instanceof Outcome.Success<ProviderResponse.Answered> answered
                ? new Result.Answered(answered.value(), relayed.elementKey(), relayed.upstreamMillis(), relayed.hubMillis())
                : new Result.NotAnswered(new ProxyResult.Failed(read));
    }
}
