package io.plugboard.oauth.control;

import java.util.Map;

/**
 * The inputs of the OAuth helper calls ({@code /elements/{keyOrId}/oauth/token} and
 * {@code /oauth/url}), from the query string or the POST body alike.
 *
 * @param configuration what is known of the instance's configuration before it exists (the
 *                      hosted connect knows it; the helper calls do not): fills the placeholders
 *                      of {@code oauth.authorization.parameters} before the element's defaults
 */
public record OAuthParameters(String apiKey, String apiSecret, String callbackUrl, String state, String scope,
                              String siteAddress, String requestToken, Map<String, String> configuration) {

    public OAuthParameters {
        configuration = configuration == null ? Map.of() : configuration;
    }

    public OAuthParameters(String apiKey, String apiSecret, String callbackUrl, String state, String scope,
                           String siteAddress, String requestToken) {
        this(apiKey, apiSecret, callbackUrl, state, scope, siteAddress, requestToken, Map.of());
    }

    /** Never print the application's secret (nor the configuration, which may hold it). */
    @Override
    public String toString() {
        return "OAuthParameters[apiKey=" + apiKey + ", apiSecret=" + (apiSecret == null ? "absent" : "********")
                + ", callbackUrl=" + callbackUrl + ", state=" + state + ", scope=" + scope
                + ", siteAddress=" + siteAddress + ", requestToken=" + requestToken
                + ", configuration=" + configuration.keySet() + "]";
    }
}
