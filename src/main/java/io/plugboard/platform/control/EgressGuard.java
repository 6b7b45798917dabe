package io.plugboard.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps the hub from being used to reach what it must not (SSRF): every outbound URL built from
 * instance or request input is checked here, and the HTTP client resolves names through
 * {@link #resolve(String)}, so the connection goes to the addresses that were checked (no window
 * for DNS rebinding between check and connect).
 *
 * <p>Refused: schemes other than https (http only where the element allows it), numeric host
 * spellings other than canonical dotted decimal (decimal, octal, hex, short forms that resolvers
 * read as loopback or metadata addresses), and any name that resolves to a loopback, private
 * (RFC 1918), link-local, CGNAT, IPv6 unique-local, multicast or unspecified address.
 * {@code PLUGBOARD_EGRESS_ALLOW} ({@code host} or {@code host:port}, comma-separated) re-admits
 * named destinations entirely, plain http included: a local stand-in provider, an on-premises store.
 */
@ApplicationScoped
public class EgressGuard {

    /** Parts that are all digits or 0x-hex: what a resolver may read as an IPv4 number. */
    private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?$");
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$");

    /** Element configuration entry that lets an element's provider be called over plain http. */
    public static final String HTTP_ALLOWED_KEY = "egress.allow.http";

    @Inject
    @ConfigProperty(name = "plugboard.egress.allow")
    Optional<String> allowList;

    private volatile Set<String> allowed;

    /** Whether a URL may be called; the reason is for the caller's 400. */
    public sealed interface Verdict {
        record Allowed(URI uri) implements Verdict {
        }

        record Refused(String reason) implements Verdict {
        }
    }

    /** Thrown by {@link #resolve} so the HTTP client fails the connection instead of making it. */
    public static final class EgressRefusedException extends UnknownHostException {
        public EgressRefusedException(String message) {
            super(message);
        }
    }

    /**
     * Checks a URL before anything is sent: scheme, host spelling and the addresses it resolves
     * to. {@code httpAllowed}: the element permits plain http.
     */
    public Verdict check(URI uri, boolean httpAllowed) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
            return new Verdict.Refused("The destination is not an absolute http(s) URL with a host.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return new Verdict.Refused("Only http(s) destinations are allowed, not " + scheme + ":.");
        }
        String host = hostOf(uri);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (isAllowListed(host, port)) {
            return new Verdict.Allowed(uri);
        }
        if (scheme.equals("http") && !httpAllowed) {
            return new Verdict.Refused("Plain http is not allowed for this destination; use https.");
        }
        if (uri.getUserInfo() != null) {
            return new Verdict.Refused("Credentials in the destination URL are not allowed.");
        }
        if (NUMERIC_HOST.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches()) {
            return new Verdict.Refused("The destination host " + host + " is a non-canonical IP address form.");
        }
        try {
            resolveChecked(host);
        } catch (EgressRefusedException e) {
            return new Verdict.Refused(e.getMessage());
        } catch (UnknownHostException e) {
            return new Verdict.Refused("The destination host " + host + " does not resolve.");
        }
        return new Verdict.Allowed(uri);
    }

    /** Whether configuration (an element's defaults, an instance's values) permits plain http. */
    public static boolean allowsHttp(java.util.function.Function<String, ?> configuration) {
        Object value = configuration.apply(HTTP_ALLOWED_KEY);
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        return value != null && Boolean.parseBoolean(value.toString());
    }

    /** The resolver the HTTP client uses: the same rules, applied to the addresses it will connect to. */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String normalized = normalize(host);
        if (isAllowListedHost(normalized)) {
            return InetAddress.getAllByName(normalized);
        }
        if (NUMERIC_HOST.matcher(normalized).matches() && !CANONICAL_IPV4.matcher(normalized).matches()) {
            throw new EgressRefusedException("The destination host " + normalized + " is a non-canonical IP address form.");
        }
        return resolveChecked(normalized);
    }

    private static InetAddress[] resolveChecked(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (isForbidden(address)) {
                throw new EgressRefusedException("The destination host " + host + " resolves to a non-public address.");
            }
        }
        return addresses;
    }

    /** Loopback, private, link-local, CGNAT, unique-local, multicast, unspecified or IPv4-mapped/-compatible. */
    static boolean isForbidden(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                    // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // CGNAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))    // benchmarking 198.18/15
                    || first >= 240;                                 // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;                                         // unique-local fc00::/7
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            if (zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                return true;                                         // IPv4-mapped or -compatible
            }
            return (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;  // 6to4 wraps any IPv4 address
        }
        return true;
    }

    private boolean isAllowListed(String host, int port) {
        Set<String> entries = allowed();
        return entries.contains(host) || entries.contains(host + ":" + port);
    }

    private boolean isAllowListedHost(String host) {
        Set<String> entries = allowed();
        if (entries.contains(host)) {
            return true;
        }
        return entries.stream().anyMatch(entry -> entry.startsWith(host + ":"));
    }

    private Set<String> allowed() {
        Set<String> entries = allowed;
        if (entries == null) {
            Set<String> parsed = new HashSet<>();
            allowList.ifPresent(list -> {
                for (String entry : list.split(",")) {
                    if (!entry.isBlank()) {
                        parsed.add(entry.strip().toLowerCase(Locale.ROOT));
                    }
                }
            });
            allowed = entries = Set.copyOf(parsed);
        }
        return entries;
    }

    private static String hostOf(URI uri) {
        return normalize(uri.getHost());
    }

    /** Lower case, IPv6 brackets removed; a trailing dot is kept so "localhost." is not "localhost". */
    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }
}
