package io.plugboard.oauth.control;

import java.util.Objects;

/**
 * Consumer and (optional) token credentials for signing OAuth 1.0a requests.
 *
 * <p>{@code token} and {@code tokenSecret} are {@code null} while obtaining temporary credentials
 * (the request-token step), when no token exists yet.
 */
public record OAuth1Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {

    private static final String MASK = "****";

    public OAuth1Credentials {
        Objects.requireNonNull(consumerKey, "consumerKey");
        Objects.requireNonNull(consumerSecret, "consumerSecret");
    }

    /** Credentials for the request-token step, before any token has been issued. */
    public static OAuth1Credentials consumerOnly(String consumerKey, String consumerSecret) {
        return new OAuth1Credentials(consumerKey, consumerSecret, null, null);
    }

    /** Masks the secrets: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "OAuth1Credentials[consumerKey=" + consumerKey
                + ", consumerSecret=" + MASK
                + ", token=" + token
                + ", tokenSecret=" + (tokenSecret == null ? null : MASK) + "]";
    }
}
