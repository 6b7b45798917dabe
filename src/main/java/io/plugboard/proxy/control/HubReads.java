package io.plugboard.proxy.control;

import io.plugboard.elements.entity.ElementDefinition.Paging;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.core5.http.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub reading one of an instance's own {@code /hubs/...} resources for itself, e.g. a poller
 * listing what changed. It goes through exactly what an application's hub call goes through
 * (the element's resource mapping, then {@link ProxyService#call}: credentials per authentication
 * type, one refresh after a 401, retries, the instance's rate limit, the egress guard), so an
 * internal read can do nothing an application could not. The answer is read whole, up to a
 * bound, and its connection released before this returns.
 *
 * <p>A list the element pages is read page after page by the element's paging, as
 * {@link HubLists} pages it for an application (a vendor next URL checked the same way), up to
 * {@code plugboard.proxy.hub-reads.max-pages}: so a poller follows cursors and next URLs it could
 * not express itself. The answer keeps the vendor's shape, its list holding every page's entries,
 * because a poller configuration points into the vendor's answer ({@code recordsPath}). A URL
 * that sets the vendor's own page parameter (a poller configuration that pages itself) reads just
 * that page, as before the element declared paging.
 */
@ApplicationScoped
public class HubReads {

    private static final String JSON = "application/json";

    @Inject
    ProxyTargets targets;
    @Inject
    ProxyService proxy;
    @Inject
    HubLists lists;

    @Inject
    @ConfigProperty(name = "plugboard.proxy.hub-reads.max-pages", defaultValue = "10")
    int maxPages = 10;

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
            Optional<ResourceDefinition> paged = ResourceMapper.find(target.element(), "GET", url.path())
                    .map(ResourceMapper.Match::resource).filter(r -> r.isList() && r.paging() != null);
            Map<String, List<String>> query = new LinkedHashMap<>(url.query());
            Optional<Integer> pageSize = Optional.empty();
            if (paged.isPresent()) {
                query.remove("nextPage");   // a position the hub's own URL cannot hold; it starts at the first page
                List<String> size = query.remove("pageSize");
                Outcome<Optional<Integer>> parsed = ListPaging.pageSize(size == null ? null : size.get(0), paged.get().paging());
                if (!(parsed instanceof Outcome.Success<Optional<Integer>> sized)) {
                    return parsed.asFailure();
                }
                pageSize = sized.value();
            }
            Optional<Integer> size = pageSize;
            return ResourceMapper.map(target.element(), "GET", url.path(), query, Map.of(HttpHeaders.ACCEPT, JSON))
                    .flatMap(vendor -> {
                        Map<String, List<String>> headers = new LinkedHashMap<>();
                        headers.put(HttpHeaders.ACCEPT, List.of(JSON));
                        vendor.headers().forEach((name, value) -> headers.put(name, List.of(value)));
                        if (paged.isPresent() && !pinsItsPage(paged.get().paging(), vendor)) {
                            return lists.readAll(organizationId, target, paged.get(), vendor, headers, size, maxBodyBytes, maxPages);
                        }
                        ProxyCall call = new ProxyCall(vendor.method(), vendor.path(), vendor.query(), headers, null, 0, null);
                        return answer(proxy.call(organizationId, target, call), maxBodyBytes);
                    });
        });
    }

    /** Whether the mapped call already names the page it wants by the vendor's own page parameter. */
    private static boolean pinsItsPage(Paging paging, ResourceMapper.VendorCall vendor) {
        return paging.pageParameter() != null && ListPaging.decodedNames(vendor.query()).containsKey(paging.pageParameter());
    }

    static Outcome<ProviderResponse.Answered> answer(ProxyResult result, int maxBodyBytes) {
        if (result instanceof ProxyResult.Relayed relayed) {
            return ProviderAnswers.read(relayed.response(), maxBodyBytes);
        }
        if (result instanceof ProxyResult.RateLimited limited) {
            return Outcome.invalid("The instance's rate limit is exhausted; retry after " + limited.retryAfterSeconds() + " s.");
        }
        if (result instanceof ProxyResult.Disabled disabled) {
            return Outcome.invalid("Instance " + disabled.instanceId() + " is disabled.");
        }
        return ((ProxyResult.Failed) result).failure().asFailure();
    }
}
