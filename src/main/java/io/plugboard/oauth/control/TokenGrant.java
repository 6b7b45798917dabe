package io.plugboard.oauth.control;

/**
 * Credentials a provider granted: an OAuth2 access token (with its refresh token and lifetime
 * when given) or an OAuth 1.0a token and token secret.
 */
public record TokenGrant(String accessToken, String refreshToken, String tokenSecret, Long expiresInSeconds) {

    @Override
    public String toString() {
        return "TokenGrant[accessToken=********, refreshToken=" + (refreshToken == null ? "absent" : "********")
                + ", tokenSecret=" + (tokenSecret == null ? "absent" : "********") + ", expiresIn=" + expiresInSeconds + "]";
    }
}
