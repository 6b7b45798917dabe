package io.plugboard.oauth.control;

/**
 * The inputs of the OAuth helper calls ({@code /elements/{keyOrId}/oauth/token} and
 * {@code /oauth/url}), from the query string or the POST body alike.
 */
public record OAuthParameters(String apiKey, String apiSecret, String callbackUrl, String state, String scope,
                              String siteAddress, String requestToken) {

    /** Never print the application's secret. */
    @Override
    public String toString() {
        return "OAuthParameters[apiKey=" + apiKey + ", apiSecret=" + (apiSecret == null ? "absent" : "********")
                + ", callbackUrl=" + callbackUrl + ", state=" + state + ", scope=" + scope
                + ", siteAddress=" + siteAddress + ", requestToken=" + requestToken + "]";
    }
}
