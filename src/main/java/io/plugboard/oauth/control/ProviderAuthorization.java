package io.plugboard.oauth.control;

import io.plugboard.elements.entity.AuthenticationType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts an instance's credentials on a request to its provider, by authentication type: an OAuth2
 * bearer token (or the element's own header or query parameter), an OAuth 1.0a signature (over
 * method, URL, query and form body), HTTP Basic, or an API key. The one place that knows how each
 * type presents itself.
 */
public final class ProviderAuthorization {

    /** Element configuration: send the OAuth2 token in this header instead of Authorization: Bearer. */
    public static final String TOKEN_HEADER = "oauth.token.header";
    /** Element configuration: send the OAuth2 token as this query parameter instead of a header. */
    public static final String TOKEN_QUERY_PARAMETER = "oauth.token.query.parameter";

    private final OAuth1Signer signer;

    public ProviderAuthorization(OAuth1Signer signer) {
        this.signer = signer;
    }

    public ProviderAuthorization() {
        this(new OAuth1Signer());
    }

    /** Credentials as headers to add and query parameters to append. */
    public record Credentials(Map<String, String> headers, Map<String, String> query) {
    }

    /**
     * @param uri            the full URL to be called, query included (OAuth 1.0a signs it)
     * @param formParameters the decoded form body when the request sends one (signed by OAuth 1.0a), else empty
     * @return the credentials, or empty when the configuration lacks them
     */
    public Optional<Credentials> credentials(String method, URI uri, Map<String, List<String>> formParameters,
                                             AuthenticationType type, Map<String, String> configuration) {
        switch (type) {
            case OAUTH2 -> {
                String token = configuration.get("oauth.user.token");
                if (isBlank(token)) {
                    return Optional.empty();
                }
                String queryParameter = configuration.get(TOKEN_QUERY_PARAMETER);
                if (!isBlank(queryParameter)) {
                    return Optional.of(new Credentials(Map.of(), Map.of(queryParameter, token)));
                }
                String header = configuration.get(TOKEN_HEADER);
                return Optional.of(new Credentials(isBlank(header)
                        ? Map.of("Authorization", "Bearer " + token) : Map.of(header, token), Map.of()));
            }
            case OAUTH1 -> {
                String token = configuration.get("oauth.user.token");
                String secret = configuration.get("oauth.user.token.secret");
                if (isBlank(token) || secret == null) {
                    return Optional.empty();
                }
                OAuth1Credentials credentials = new OAuth1Credentials(configuration.get("oauth.api.key"),
                        configuration.get("oauth.api.secret"), token, secret);
                return Optional.of(new Credentials(Map.of("Authorization",
                        signer.authorizationHeader(method, uri, formParameters, credentials, Map.of())), Map.of()));
            }
            case BASIC -> {
                String user = configuration.get("username");
                if (isBlank(user)) {
                    return Optional.empty();
                }
                // RFC 7617 allows an empty password: providers that take an API key as the user
                // name leave it empty or fix it (apikey:X), and an element need not declare it.
                String password = Optional.ofNullable(configuration.get("password")).orElse("");
                String pair = user + ":" + password;
                return Optional.of(new Credentials(Map.of("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))), Map.of()));
            }
            case API_KEY -> {
                String key = configuration.get("api.key");
                if (isBlank(key)) {
                    return Optional.empty();
                }
                String queryParameter = configuration.get("api.key.query.parameter");
                if (!isBlank(queryParameter)) {
                    return Optional.of(new Credentials(Map.of(), Map.of(queryParameter, key)));
                }
                String header = Optional.ofNullable(configuration.get("api.key.header")).filter(h -> !h.isBlank())
                        .orElse("Authorization");
                String prefix = Optional.ofNullable(configuration.get("api.key.prefix")).orElse("");
                return Optional.of(new Credentials(Map.of(header, prefix + key), Map.of()));
            }
            default -> {
                return Optional.of(new Credentials(Map.of(), Map.of()));
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
