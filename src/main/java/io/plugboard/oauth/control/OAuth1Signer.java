package io.plugboard.oauth.control;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with OAuth 1.0a HMAC-SHA1 (RFC 5849, section 3).
 *
 * <p>Hand-written rather than pulled in as a dependency: the JDK already provides HMAC-SHA1, the
 * algorithm is small and fully specified, and no maintained OAuth 1.0a signing library fits a
 * JAX-RS / {@code java.net.http} stack without dragging in its own HTTP client. Correctness is
 * pinned by the unit tests to published vectors (RFC 5849 and the X/Twitter developer guide).
 *
 * <p>Instances are immutable and thread-safe provided the supplied nonce source is.
 */
public final class OAuth1Signer {

    static final String SIGNATURE_METHOD = "HMAC-SHA1";
    static final String VERSION = "1.0";

    private static final String HMAC_ALGORITHM = "HmacSHA1";
    private static final String OAUTH_PREFIX = "oauth_";
    private static final String SIGNATURE = "oauth_signature";
    private static final int NONCE_BYTES = 16;
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    // RFC 5849 3.4.1.3.2: sort by encoded name, then encoded value; both are ASCII, so String order is byte order.
    private static final Comparator<Map.Entry<String, String>> PARAMETER_ORDER =
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue());

    private final Clock clock;
    private final Supplier<String> nonces;
    private final boolean sendVersion;

    public OAuth1Signer() {
        this(Clock.systemUTC(), randomNonces(new SecureRandom()));
    }

    public OAuth1Signer(Clock clock, Supplier<String> nonces) {
        this(clock, nonces, true);
    }

    private OAuth1Signer(Clock clock, Supplier<String> nonces, boolean sendVersion) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.sendVersion = sendVersion;
    }

    /**
     * Returns a signer that omits {@code oauth_version}. RFC 5849 3.1 makes the parameter optional and
     * its own examples leave it out; it is sent by default because common providers document it.
     */
    public OAuth1Signer withoutVersion() {
        return new OAuth1Signer(clock, nonces, false);
    }

    /**
     * Computes the protocol parameters for a request, including {@code oauth_signature}.
     *
     * @param method               HTTP method
     * @param uri                  absolute request URI; its query parameters take part in the signature
     * @param formParameters       decoded {@code application/x-www-form-urlencoded} body parameters;
     *                             empty (or {@code null}) for any other body
     * @param credentials          consumer and optional token credentials
     * @param extraOAuthParameters additional {@code oauth_*} parameters such as {@code oauth_callback}
     *                             or {@code oauth_verifier}; may be empty or {@code null}
     * @return the protocol parameters in header order, {@code oauth_signature} last
     * @throws IllegalArgumentException if an extra parameter is not an {@code oauth_*} name, or
     *                                  clashes with a parameter the signer sets itself
     */
    public Map<String, String> oauthParameters(String method, URI uri, Map<String, List<String>> formParameters,
                                               OAuth1Credentials credentials, Map<String, String> extraOAuthParameters) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(credentials, "credentials");

        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", credentials.consumerKey());
        oauth.put("oauth_nonce", nonces.get());
        oauth.put("oauth_signature_method", SIGNATURE_METHOD);
        oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
        if (credentials.token() != null) {
            oauth.put("oauth_token", credentials.token());
        }
        if (sendVersion) {
            oauth.put("oauth_version", VERSION);
        }
        if (extraOAuthParameters != null) {
            extraOAuthParameters.forEach((name, value) -> addExtra(oauth, name, value));
        }

        List<Map.Entry<String, String>> parameters = new ArrayList<>(oauth.entrySet());
        parameters.addAll(requestParameters(uri, formParameters));
        String signature = sign(baseString(method, uri, parameters),
                credentials.consumerSecret(), credentials.tokenSecret());
        oauth.put(SIGNATURE, signature);
        return oauth;
    }

    /**
     * Builds the {@code Authorization} header value (RFC 5849, section 3.5.1) for a request.
     * Arguments are as for {@link #oauthParameters}.
     */
    public String authorizationHeader(String method, URI uri, Map<String, List<String>> formParameters,
                                      OAuth1Credentials credentials, Map<String, String> extraOAuthParameters) {
        return oauthParameters(method, uri, formParameters, credentials, extraOAuthParameters)
                .entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=\"" + percentEncode(e.getValue()) + '"')
                .collect(Collectors.joining(", ", "OAuth ", ""));
    }

    /** RFC 5849 3.6: everything except ALPHA, DIGIT, "-", ".", "_" and "~" is encoded as UTF-8 %XX. */
    static String percentEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            if (isUnreserved(b)) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX_DIGITS[(b >> 4) & 0xF]).append(HEX_DIGITS[b & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** RFC 5849 3.4.1: method, base string URI and normalized parameters, each encoded, joined by "&". */
    static String baseString(String method, URI uri, List<Map.Entry<String, String>> parameters) {
        return method.toUpperCase(Locale.ROOT)
                + '&' + percentEncode(baseStringUri(uri))
                + '&' + percentEncode(normalizeParameters(parameters));
    }

    /** RFC 5849 3.4.1.2. */
    static String baseStringUri(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Request URI must be absolute with a host: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        if (port != -1 && port != defaultPort(scheme)) {
            result.append(':').append(port);
        }
        // The raw path keeps the sender's escaping; the whole URI is encoded again in the base string.
        String path = uri.getRawPath();
        return result.append(path == null || path.isEmpty() ? "/" : path).toString();
    }

    /** RFC 5849 3.4.1.3.2: encode names and values, sort, join as name=value pairs with "&". */
    static String normalizeParameters(List<Map.Entry<String, String>> parameters) {
        return parameters.stream()
                .map(e -> Map.entry(percentEncode(e.getKey()), percentEncode(e.getValue())))
                .sorted(PARAMETER_ORDER)
                .map(e -> e.getKey() + '=' + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** The non-protocol parameters of RFC 5849 3.4.1.3.1: the URI query followed by the form body. */
    static List<Map.Entry<String, String>> requestParameters(URI uri, Map<String, List<String>> formParameters) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>(decodeQuery(uri.getRawQuery()));
        if (formParameters != null) {
            formParameters.forEach((name, values) -> values.forEach(value -> parameters.add(Map.entry(name, value))));
        }
        return parameters;
    }

    /**
     * Parses a raw query as {@code application/x-www-form-urlencoded}, as RFC 5849 3.4.1.3.1 requires,
     * so "+" decodes to a space and a name without "=" has an empty value.
     */
    static List<Map.Entry<String, String>> decodeQuery(String rawQuery) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.add(Map.entry(formDecode(name), formDecode(value)));
        }
        return parameters;
    }

    /** RFC 5849 3.4.2: Base64 HMAC-SHA1 keyed with the encoded secrets; an absent token secret is empty. */
    static String sign(String baseString, String consumerSecret, String tokenSecret) {
        String key = percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance(HMAC_ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC_ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // Every Java SE implementation must provide HmacSHA1, so this is a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    private static void addExtra(Map<String, String> oauth, String name, String value) {
        if (!name.startsWith(OAUTH_PREFIX) || name.equals(SIGNATURE)) {
            throw new IllegalArgumentException("Not an extra OAuth protocol parameter: " + name);
        }
        if (oauth.putIfAbsent(name, Objects.requireNonNull(value, name)) != null) {
            throw new IllegalArgumentException("Protocol parameter is set by the signer: " + name);
        }
    }

    private static Supplier<String> randomNonces(SecureRandom random) {
        // Hex keeps the nonce alphanumeric, which some providers require.
        return () -> {
            byte[] bytes = new byte[NONCE_BYTES];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    private static boolean isUnreserved(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    private static String formDecode(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }
}
