package io.plugboard.proxy.control;

import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A next-page URL the vendor wrote (in its body or its {@code Link} header) is the vendor's
 * input, not the hub's: it could name any host, an internal address, or another provider with
 * this instance's credentials attached. It is followed only when it lies under the instance's
 * {@code base.url} (same scheme, host and port, the base path as a whole-segment prefix, no user
 * info) and passes the egress guard; what is kept of it is the part below {@code base.url}, so
 * the follow-up call is rebuilt from the instance's own base and cannot go elsewhere even if
 * the instance's configuration changes in between. Anything else is the provider's failure
 * (502), and the URL is never called.
 */
final class NextUrls {

    static final String OUTSIDE = "The provider's next page lies outside the instance's base.url; the hub does not follow it.";

    private NextUrls() {
    }

    /**
     * The next page as a position below {@code base.url}.
     *
     * @param requested the URL of the page that named it, against which a relative reference resolves
     */
    static Outcome<PagePosition.Below> check(String vendorUrl, URI requested, Map<String, String> configuration,
                                             EgressGuard guard) {
        if (vendorUrl.length() > PageTokens.MAX_POSITION_LENGTH) {
            return new Outcome.ProviderFailed<>("The provider's next-page URL is longer than the hub carries ("
                    + PageTokens.MAX_POSITION_LENGTH + " characters).", null);
        }
        Outcome<URI> base = ProxyService.url(configuration, "", null);
        if (!(base instanceof Outcome.Success<URI> baseUrl)) {
            return base.asFailure();
        }
        URI next;
        try {
            next = requested.resolve(new URI(vendorUrl.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Outcome.ProviderFailed<>("The provider's next-page URL is not a valid URL; the hub does not follow it.", null);
        }
        if (!under(next, baseUrl.value())) {
            return new Outcome.ProviderFailed<>(OUTSIDE, null);
        }
        if (guard.check(next, EgressGuard.allowsHttp(configuration::get)) instanceof EgressGuard.Verdict.Refused refused) {
            return new Outcome.ProviderFailed<>("The provider's next page is a destination the hub may not call ("
                    + refused.reason() + ")", null);
        }
        String basePath = trimmedPath(baseUrl.value());
        String below = rawPath(next).substring(basePath.length());
        String query = next.getRawQuery();
        // Rebuilt as the follow-up call will be: a path that climbs (.., encoded slashes) is refused there too.
        Outcome<URI> rebuilt = ProxyService.url(configuration, below, query);
        if (!(rebuilt instanceof Outcome.Success<URI>)) {
            return new Outcome.ProviderFailed<>(OUTSIDE, null);
        }
        return Outcome.success(new PagePosition.Below(below + (query == null ? "" : "?" + query)));
    }

    /** Same scheme, host and port as the base, no user info, and the base path as a whole-segment prefix. */
    static boolean under(URI next, URI base) {
        if (next.getScheme() == null || next.getHost() == null || next.getRawUserInfo() != null || next.isOpaque()) {
            return false;
        }
        if (!next.getScheme().equalsIgnoreCase(base.getScheme()) || !next.getHost().equalsIgnoreCase(base.getHost())
                || port(next) != port(base)) {
            return false;
        }
        String basePath = trimmedPath(base);
        String path = rawPath(next);
        return path.equals(basePath) || path.startsWith(basePath + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    private static String rawPath(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    private static String trimmedPath(URI base) {
        return rawPath(base).replaceAll("/+$", "");
    }
}
