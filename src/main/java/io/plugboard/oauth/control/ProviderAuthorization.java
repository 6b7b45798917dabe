package io.plugboard.oauth.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.platform.control.Urls;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts an instance's credentials on a request to its provider, by authentication type: an OAuth2
 * bearer token, an OAuth 1.0a signature (over method, URL, query and form body), HTTP Basic, or an
 * API key. The one place that knows how each type presents itself.
 */
public final class ProviderAuthorization {

    private final OAuth1Signer signer;

    public ProviderAuthorization(OAuth1Signer signer) {
        this.signer = signer;
    }

    public ProviderAuthorization() {
        this(new OAuth1Signer());
    }

    /**
     * @param formParameters the decoded form body when the request sends one (signed by OAuth 1.0a), else empty
     * @return the request with credentials, or empty when the configuration lacks them
     */
    public Optional<HttpRequest.Builder> apply(HttpRequest.Builder request, String method, URI uri,
                                               Map<String, List<String>> formParameters, AuthenticationType type,
                                               Map<String, String> configuration) {
        switch (type) {
            case OAUTH2 -> {
                String token = configuration.get("oauth.user.token");
                if (isBlank(token)) {
                    return Optional.empty();
                }
                return Optional.of(request.header("Authorization", "Bearer " + token));
            }
            case OAUTH1 -> {
                String token = configuration.get("oauth.user.token");
                String secret = configuration.get("oauth.user.token.secret");
                if (isBlank(token) || secret == null) {
                    return Optional.empty();
                }
                OAuth1Credentials credentials = new OAuth1Credentials(configuration.get("oauth.api.key"),
                        configuration.get("oauth.api.secret"), token, secret);
                return Optional.of(request.header("Authorization",
                        signer.authorizationHeader(method, uri, formParameters, credentials, Map.of())));
            }
            case BASIC -> {
                String user = configuration.get("username");
                String password = configuration.get("password");
                if (isBlank(user) || password == null) {
                    return Optional.empty();
                }
                String pair = user + ":" + password;
                return Optional.of(request.header("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
            }
            case API_KEY -> {
                String key = configuration.get("api.key");
                if (isBlank(key)) {
                    return Optional.empty();
                }
                String header = Optional.ofNullable(configuration.get("api.key.header")).filter(h -> !h.isBlank())
                        .orElse("Authorization");
                String prefix = Optional.ofNullable(configuration.get("api.key.prefix")).orElse("");
                return Optional.of(request.header(header, prefix + key));
            }
            default -> {
                return Optional.of(request);
            }
        }
    }

    /** Helper for callers that hold a query-less URL and parameters. */
    public static URI withQuery(String url, Map<String, String> query) {
        return URI.create(Urls.withQuery(url, query));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
