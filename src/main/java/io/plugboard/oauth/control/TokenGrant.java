package io.plugboard.oauth.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials a provider granted: an OAuth2 access token (with its refresh token and lifetime
 * when given) or an OAuth 1.0a token and token secret, and the values the connect keeps for the
 * instance's configuration ({@code kept}: from the token response, the callback query or the
 * post-connect lookup; ordinary configuration, not secrets).
 */
public record TokenGrant(String accessToken, String refreshToken, String tokenSecret, Long expiresInSeconds,
                         Map<String, String> kept) {

    public TokenGrant {
        kept = kept == null ? Map.of() : Map.copyOf(kept);
    }

    public TokenGrant(String accessToken, String refreshToken, String tokenSecret, Long expiresInSeconds) {
        this(accessToken, refreshToken, tokenSecret, expiresInSeconds, Map.of());
    }

    /** The same credentials with {@code more} kept values; a later value for a key wins. */
    public TokenGrant keeping(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(kept);
        all.putAll(more);
        return new TokenGrant(accessToken, refreshToken, tokenSecret, expiresInSeconds, all);
    }

    /** The same grant holding {@code refreshToken} (a refresh answer that omits it keeps the old one). */
    public TokenGrant withRefreshToken(String refreshToken) {
        return new TokenGrant(accessToken, refreshToken, tokenSecret, expiresInSeconds, kept);
    }

    @Override
    public String toString() {
        return "TokenGrant[accessToken=********, refreshToken=" + (refreshToken == null ? "absent" : "********")
                + ", tokenSecret=" + (tokenSecret == null ? "absent" : "********") + ", expiresIn=" + expiresInSeconds
                + ", kept=" + kept.keySet() + "]";
    }
}
