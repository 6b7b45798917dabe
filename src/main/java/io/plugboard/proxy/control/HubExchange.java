package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * One call of an instance's element resource made by a feature above the proxy on an
 * application's behalf (a common object's read or write): the hub's path and method are mapped as
 * for {@code /hubs} ({@link ResourceMapper}), and the call goes through {@link ProxyService#call}
 * (credentials per authentication type, one refresh after a 401, retries, the instance's rate
 * limit, the egress guard), the one way the hub reaches a provider. Unlike {@link HubReads} it
 * takes any method and a body, and it keeps a refusal as the proxy's own result, so the caller can
 * answer a rate limit with 429 and a disabled instance with 403 as {@code /hubs} does.
 *
 * <p>The answer is read whole, up to a bound, since it is mapped before it is answered. A list
 * resource is paged and shaped exactly as {@code /hubs} answers it ({@link HubLists}), so a
 * common object's list has the same {@code pageSize}, {@code nextPage} and
 * {@code Elements-Next-Page-Token} as every hub list.
 */
@ApplicationScoped
public class HubExchange {

    /** The header of the next page's token, as every hub list answers it (ListResponses.NEXT_PAGE_TOKEN). */
    static final String NEXT_PAGE_TOKEN = "Elements-Next-Page-Token";

    @Inject
    ProxyService proxy;
    @Inject
    HubLists lists;

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
        Optional<ResourceMapper.Match> list = ResourceMapper.find(target.element(), method, path)
                .filter(found -> found.resource().isList());
        if (list.isPresent()) {
            return page(organizationId, target, list.get(), path, query, headers);
        }
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

    /**
     * One page of a list resource, as {@link HubLists} pages and shapes it for {@code /hubs}: its
     * records as a JSON array, the next page's token in {@code Elements-Next-Page-Token}. Each
     * record goes back to the resource's {@code itemRoot} ({@code {"data": record}} for
     * {@code /data}), so a mapping written against one object's answer, which carries the same
     * envelope, reads the list's entries alike.
     */
    private Result page(long organizationId, ProxyTargets.Target target, ResourceMapper.Match match, String path,
                        Map<String, List<String>> query, Map<String, String> headers) {
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        headers.forEach((name, value) -> forwarded.put(name, List.of(value)));
        HubLists.HubList page = lists.page(organizationId, target, match, path, query, headers, forwarded);
        if (page instanceof HubLists.HubList.Unanswered unanswered) {
            return new Result.NotAnswered(unanswered.result());
        }
        if (page instanceof HubLists.HubList.ProviderError error) {
            Map<String, List<String>> answerHeaders = error.retryAfter() == null ? Map.of()
                    : Map.of("Retry-After", List.of(error.retryAfter()));
            return new Result.Answered(new ProviderResponse.Answered(error.status(), answerHeaders,
                    error.providerMessage().getBytes(StandardCharsets.UTF_8), false),
                    error.elementKey(), error.upstreamMillis(), error.hubMillis());
        }
        HubLists.HubList.Page records = (HubLists.HubList.Page) page;
        JsonArrayBuilder entries = JSON.createArrayBuilder();
        records.records().forEach(record -> entries.add(enveloped(record, match.resource().itemRoot())));
        Map<String, List<String>> answerHeaders = records.nextPageToken() == null ? Map.of()
                : Map.of(NEXT_PAGE_TOKEN, List.of(records.nextPageToken()));
        return new Result.Answered(new ProviderResponse.Answered(200, answerHeaders,
                entries.build().toString().getBytes(StandardCharsets.UTF_8), false),
                records.elementKey(), records.upstreamMillis(), records.hubMillis());
    }

    /** {@code record} placed at the JSON pointer {@code itemRoot} of an otherwise empty entry. */
    static JsonValue enveloped(JsonValue record, String itemRoot) {
        if (itemRoot == null || itemRoot.isEmpty()) {
            return record;
        }
        String[] tokens = itemRoot.substring(1).split("/", -1);
        JsonValue entry = record;
        for (int i = tokens.length - 1; i >= 0; i--) {
            entry = JSON.createObjectBuilder().add(tokens[i].replace("~1", "/").replace("~0", "~"), entry).build();
        }
        return entry;
    }
}
