package io.plugboard.oauth.control;

import io.plugboard.elements.control.ConfigTemplates;
import io.plugboard.elements.control.OAuthEntries;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.elements.control.ProviderHeaders;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The post-connect lookup: one provider call with the new access token, right after the code
 * exchange, whose answer fills configuration the instance cannot work without (the account's data
 * centre, its cloud or tenant id, its API base URI) when the token response does not carry it.
 * All of it is data: the URL ({@code oauth.lookup.url}, a template on the configuration and on the
 * values kept so far), how the token is presented ({@code oauth.lookup.token.prefix}, default
 * {@code "Bearer "}) and what to keep ({@code oauth.lookup.keep}, pointer pairs). The instance
 * needs every kept value, so a refusal or a missing value fails the connect, and then nothing is
 * stored.
 */
@ApplicationScoped
public class PostConnectLookup {

    static final String LOOKUP_URL = "oauth.lookup.url";
    static final String TOKEN_PREFIX = "oauth.lookup.token.prefix";
    static final String DEFAULT_TOKEN_PREFIX = "Bearer ";

    @Inject
    ProviderHttp http;

    /**
     * The kept values of the lookup, none when the configuration names no lookup.
     *
     * @param configuration the instance's configuration with the values the connect kept so far
     */
    public Outcome<Map<String, String>> lookUp(Map<String, String> configuration, String accessToken) {
        String template = configuration.get(LOOKUP_URL);
        if (template == null || template.isBlank()) {
            return Outcome.success(Map.of());
        }
        Outcome<List<OAuthEntries.Pair>> keep = OAuthEntries.pointerPairs(OAuthEntries.LOOKUP_KEEP, configuration.get(OAuthEntries.LOOKUP_KEEP));
        if (!(keep instanceof Outcome.Success<List<OAuthEntries.Pair>> pairs)) {
            return keep.asFailure();
        }
        var resolution = ConfigTemplates.resolve(template.strip(), configuration::get);
        if (resolution instanceof ConfigTemplates.Resolution.Unresolved unresolved) {
            return Outcome.invalid(LOOKUP_URL + " needs a value for " + String.join(", ", unresolved.missing()) + ".");
        }
        Optional<URI> url = Urls.httpUrl(((ConfigTemplates.Resolution.Resolved) resolution).value());
        if (url.isEmpty()) {
            return Outcome.invalid(LOOKUP_URL + " does not resolve to an http(s) URL.");
        }
        String prefix = Optional.ofNullable(configuration.get(TOKEN_PREFIX)).orElse(DEFAULT_TOKEN_PREFIX);
        ProviderResponse response = http.send(ProviderRequest.get(url.get(), EgressGuard.allowsHttp(configuration::get))
                .headers(ProviderHeaders.resolvableNow(configuration))   // a tenant id the lookup brings is for later calls
                .header("Authorization", prefix + accessToken)
                .header("Accept", "application/json"));
        if (response instanceof ProviderResponse.Refused refused) {
            return Outcome.invalid(refused.reason());
        }
        if (response instanceof ProviderResponse.TimedOut) {
            return new Outcome.ProviderTimedOut<>("The provider did not answer the post-connect lookup in time.");
        }
        if (response instanceof ProviderResponse.Unreachable unreachable) {
            return new Outcome.ProviderFailed<>("The provider could not be reached for the post-connect lookup ("
                    + unreachable.reason() + ").", null);
        }
        ProviderResponse.Answered answered = (ProviderResponse.Answered) response;
        if (!answered.isSuccessful()) {
            return new Outcome.ProviderFailed<>("The provider refused the post-connect lookup (HTTP " + answered.status() + ").",
                    answered.providerMessage());
        }
        JsonValue document = answered.truncated() ? JsonValue.NULL : ProviderTokens.document(answered.bodyText());
        Map<String, String> kept = new LinkedHashMap<>();
        for (OAuthEntries.Pair pair : pairs.value()) {
            Optional<String> value = JsonPointers.text(document, pair.source());
            if (value.isEmpty()) {
                return new Outcome.ProviderFailed<>("The provider's answer to the post-connect lookup has no value at "
                        + pair.source() + " (" + OAuthEntries.LOOKUP_KEEP + ").", answered.providerMessage());
            }
            kept.put(pair.key(), value.get());
        }
        return Outcome.success(kept);
    }
}
