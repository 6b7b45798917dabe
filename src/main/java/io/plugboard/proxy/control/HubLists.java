package io.plugboard.proxy.control;

import io.plugboard.elements.entity.ElementDefinition.Paging;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * A hub list: a GET resource with paging or root data, answered the same way for every element
 * whatever the vendor does. The vendor's page is read whole (up to
 * {@code plugboard.proxy.max-list-bytes}), its records taken from where the element says they
 * are, and answered as a plain JSON array with the next page as an opaque {@link PageTokens
 * token}; the page size is the caller's {@code pageSize}, capped at the vendor's maximum.
 *
 * <p>A vendor error is not a list: it comes back with the vendor's status and its body as the
 * provider message. Everything else (credentials, refresh, retries, the rate limit, the egress
 * guard) is {@link ProxyService#call}, exactly as for a streamed call. The hub's own reads
 * ({@link HubReads}) page through the same steps.
 */
@ApplicationScoped
public class HubLists {

    static final String JSON_TYPE = "application/json";
    /** Caller headers that would change the bytes the hub must read: it asks for plain JSON itself. */
    private static final java.util.Set<String> NOT_FORWARDED = java.util.Set.of("accept", "accept-encoding");

    @Inject
    ProxyService proxy;
    @Inject
    ProviderHttp http;
    @Inject
    PageTokens tokens;

    @Inject
    @ConfigProperty(name = "plugboard.proxy.max-list-bytes", defaultValue = "5242880")
    int maxListBytes;

    /** What came of a list call. */
    public sealed interface HubList {

        /**
         * One page: its records and the token of the next page (null on the last page).
         *
         * @param upstreamMillis time spent waiting for the provider
         * @param hubMillis      the hub's own time, shaping included
         */
        record Page(JsonArray records, String nextPageToken, long upstreamMillis, long hubMillis, String elementKey)
                implements HubList {
        }

        /** The provider answered with an error: relayed with its status, its body as the provider message. */
        record ProviderError(int status, String providerMessage, String retryAfter, long upstreamMillis, long hubMillis,
                             String elementKey) implements HubList {
        }

        /** No page: the caller's input, the instance (disabled, rate-limited), or a provider that could not be used. */
        record Unanswered(ProxyResult result) implements HubList {
        }
    }

    /**
     * One page of the list resource {@code match} on the target's instance.
     *
     * @param query          the caller's query, {@code pageSize} and {@code nextPage} included
     * @param requestHeaders the caller's headers, by name, for header parameters
     * @param forwarded      the caller's headers as they go on to the provider
     */
    public HubList page(long organizationId, ProxyTargets.Target target, ResourceMapper.Match match, String path,
                        Map<String, List<String>> query, Map<String, String> requestHeaders,
                        Map<String, List<String>> forwarded) {
        long started = System.nanoTime();
        ResourceDefinition resource = match.resource();
        Paging paging = resource.paging();
        Map<String, List<String>> vendorQuery = new LinkedHashMap<>(query);
        Optional<Integer> pageSize = Optional.empty();
        Optional<PagePosition> position = Optional.empty();
        String binding = binding(target, resource);
        if (paging != null) {
            Outcome<Optional<Integer>> size = ListPaging.pageSize(first(vendorQuery.remove("pageSize")), paging);
            if (!(size instanceof Outcome.Success<Optional<Integer>> sized)) {
                return failed(size);
            }
            pageSize = sized.value();
            String token = first(vendorQuery.remove("nextPage"));
            if (token != null && !token.isBlank()) {
                Outcome<PagePosition> read = tokens.read(binding, token.strip());
                if (!(read instanceof Outcome.Success<PagePosition> continued)) {
                    return failed(read);
                }
                position = Optional.of(continued.value());
            }
        }
        Outcome<ResourceMapper.VendorCall> mapped = ResourceMapper.map(target.element(), "GET", path, vendorQuery, requestHeaders);
        if (!(mapped instanceof Outcome.Success<ResourceMapper.VendorCall> call)) {
            return failed(mapped);
        }
        Step step = step(organizationId, target, resource, call.value(), headers(forwarded, call.value()), pageSize, position,
                maxListBytes);
        long hubMillis = Math.max(0, (System.nanoTime() - started) / 1_000_000 - step.upstreamMillis());
        if (step.unanswered() != null) {
            return new HubList.Unanswered(step.unanswered());
        }
        ProviderResponse.Answered answer = step.answer();
        if (!answer.isSuccessful()) {
            return new HubList.ProviderError(answer.status(), answer.providerMessage(),
                    ProviderAnswers.header(answer, "Retry-After"), step.upstreamMillis(), hubMillis, target.element().key());
        }
        if (answer.truncated()) {
            return failed(new Outcome.ProviderFailed<>("The provider's page is larger than the hub reads ("
                    + maxListBytes + " bytes); ask for a smaller pageSize.", null));
        }
        if (step.page() instanceof Outcome.Success<Shaped> shaped) {
            JsonArrayBuilder records = JSON.createArrayBuilder();
            ListShape.records(shaped.value().located().entries(), resource.itemRoot()).forEach(records::add);
            String next = shaped.value().next().map(p -> tokens.issue(binding, p)).orElse(null);
            return new HubList.Page(records.build(), next, step.upstreamMillis(), hubMillis, target.element().key());
        }
        return failed(step.page());
    }

    /**
     * Every page of a list for the hub itself, up to {@code maxPages}: the first page's answer as
     * the vendor wrote it, with its list holding every page's entries (see {@link ListShape#merged}).
     * An answer that is not a usable page (an error status, cut off, no list where the element
     * says) ends the reading and is returned as it is, for the reader to judge.
     */
    Outcome<ProviderResponse.Answered> readAll(long organizationId, ProxyTargets.Target target, ResourceDefinition resource,
                                               ResourceMapper.VendorCall call, Map<String, List<String>> headers,
                                               Optional<Integer> pageSize, int maxBodyBytes, int maxPages) {
        List<ListShape.Located> pages = new ArrayList<>();
        ProviderResponse.Answered first = null;
        Optional<PagePosition> position = Optional.empty();
        for (int index = 0; index < Math.max(1, maxPages); index++) {
            Step step = step(organizationId, target, resource, call, headers, pageSize, position, maxBodyBytes);
            if (step.unanswered() != null) {
                return HubReads.answer(step.unanswered(), maxBodyBytes);
            }
            if (first == null) {
                first = step.answer();
                if (!first.isSuccessful() || first.truncated() || !step.page().succeeded()) {
                    return Outcome.success(first);   // not a page the hub can follow: the reader judges it
                }
            } else if (!step.answer().isSuccessful() || step.answer().truncated()) {
                return Outcome.success(step.answer());
            } else if (!step.page().succeeded()) {
                return step.page().asFailure();
            }
            Shaped shaped = ((Outcome.Success<Shaped>) step.page()).value();
            pages.add(shaped.located());
            if (shaped.next().isEmpty()) {
                break;
            }
            position = shaped.next();
        }
        if (pages.size() == 1) {
            return Outcome.success(first);
        }
        byte[] body = ListShape.merged(pages.get(0), pages, resource.root()).toString().getBytes(StandardCharsets.UTF_8);
        return Outcome.success(new ProviderResponse.Answered(first.status(), first.headers(), body, false));
    }

    /** One page asked and read: the answer and, for a 2xx answer read whole, the page in it. */
    private record Step(ProxyResult unanswered, ProviderResponse.Answered answer, Outcome<Shaped> page, long upstreamMillis) {
    }

    /** A page's list and where the next one starts (empty: this was the last). */
    private record Shaped(ListShape.Located located, Optional<PagePosition> next) {
    }

    private Step step(long organizationId, ProxyTargets.Target target, ResourceDefinition resource, ResourceMapper.VendorCall call,
                      Map<String, List<String>> headers, Optional<Integer> pageSize, Optional<PagePosition> position,
                      int maxBodyBytes) {
        Paging paging = resource.paging();
        ListPaging.Asked asked = paging == null ? new ListPaging.Asked(call.path(), call.query(), null, null)
                : ListPaging.ask(paging, call.path(), call.query(), pageSize, position);
        ProxyCall proxyCall = new ProxyCall(call.method(), asked.rawPath(), asked.rawQuery(), headers, null, 0, null);
        ProxyResult result = proxy.call(organizationId, target, proxyCall);
        if (!(result instanceof ProxyResult.Relayed relayed)) {
            return new Step(result, null, null, 0);
        }
        Outcome<ProviderResponse.Answered> read = ProviderAnswers.read(relayed.response(), maxBodyBytes);
        if (!(read instanceof Outcome.Success<ProviderResponse.Answered> answered)) {
            return new Step(new ProxyResult.Failed(read), null, null, relayed.upstreamMillis());
        }
        ProviderResponse.Answered answer = answered.value();
        Outcome<Shaped> page = answer.isSuccessful() && !answer.truncated()
                ? shape(target, resource, asked, answer) : null;
        return new Step(null, answer, page, relayed.upstreamMillis());
    }

    private Outcome<Shaped> shape(ProxyTargets.Target target, ResourceDefinition resource, ListPaging.Asked asked,
                                  ProviderResponse.Answered answer) {
        Outcome<ListShape.Located> located = ListShape.locate(answer.body(), resource.root());
        if (!(located instanceof Outcome.Success<ListShape.Located> found)) {
            return new Outcome.ProviderFailed<>(((Outcome.ProviderFailed<?>) located).message(), answer.providerMessage());
        }
        Paging paging = resource.paging();
        if (paging == null) {
            return Outcome.success(new Shaped(found.value(), Optional.empty()));
        }
        List<ListShape.Located> page = List.of(found.value());
        String digest = ListShape.digest(found.value().entries());
        if (asked.at() instanceof PagePosition.Numbered at && digest.equals(at.previousPage())) {
            // The vendor answered the page before again: it has no further page, and these records were read.
            return Outcome.success(new Shaped(new ListShape.Located(found.value().answer(), null, List.of()), Optional.empty()));
        }
        ListPaging.Following following = ListPaging.next(paging, asked, found.value().answer(),
                page.get(0).entries().size(), digest, ProviderAnswers.headers(answer, "Link"));
        if (following instanceof ListPaging.Following.At at) {
            if (at.position() instanceof PagePosition.Cursor cursor && cursor.cursor().length() > PageTokens.MAX_POSITION_LENGTH) {
                return new Outcome.ProviderFailed<>("The provider's cursor is longer than the hub carries ("
                        + PageTokens.MAX_POSITION_LENGTH + " characters).", null);
            }
            return Outcome.success(new Shaped(found.value(), Optional.of(at.position())));
        }
        if (following instanceof ListPaging.Following.VendorUrl url) {
            Outcome<URI> requested = ProxyService.url(target.configuration(), asked.rawPath(), asked.rawQuery());
            Outcome<PagePosition.Below> checked = requested.flatMap(uri -> NextUrls.check(url.url(), uri,
                    target.configuration(), http.guard()));
            if (!(checked instanceof Outcome.Success<PagePosition.Below> below)) {
                return checked.asFailure();
            }
            boolean same = asked.at() instanceof PagePosition.Below current
                    && current.pathAndQuery().equals(below.value().pathAndQuery());
            return Outcome.success(new Shaped(found.value(), same ? Optional.empty() : Optional.of(below.value())));
        }
        return Outcome.success(new Shaped(found.value(), Optional.empty()));
    }

    /** The caller's headers for the provider, asking for plain JSON, with the resource's header parameters. */
    static Map<String, List<String>> headers(Map<String, List<String>> forwarded, ResourceMapper.VendorCall call) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        forwarded.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
            }
        });
        headers.put("Accept", List.of(JSON_TYPE));
        call.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }

    static String binding(ProxyTargets.Target target, ResourceDefinition resource) {
        return PageTokens.binding(target.instanceId(), target.element().key(), resource.method(), resource.path(),
                resource.paging() == null ? "none" : resource.paging().type());
    }

    private static HubList failed(Outcome<?> failure) {
        return new HubList.Unanswered(new ProxyResult.Failed(failure));
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
