package io.plugboard.instances.control;

import io.plugboard.elements.control.OAuthEntries;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.oauth.control.ClientCredentialsGrant;
import io.plugboard.oauth.control.PendingRequestTokens;
import io.plugboard.oauth.control.PostConnectLookup;
import io.plugboard.oauth.control.ProviderTokens;
import io.plugboard.oauth.control.TokenGrant;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Obtains an instance's credentials, by authentication type: the OAuth2 code exchange or client
 * credentials grant, the OAuth 1.0a verifier exchange, the import of tokens the caller already has
 * ({@code externalAuthentication: "initial"}), or nothing to obtain (basic, API key).
 *
 * <p>An exchange also gathers what the element keeps for the instance's configuration, in the
 * order the values become known: from the callback query ({@code oauth.callback.keep}, which the
 * exchange's own templates may use), from the token response, and from the post-connect lookup.
 * Any of them failing fails the whole exchange, before anything is stored.
 */
@ApplicationScoped
public class Credentials {

    public static final String ACCESS_TOKEN = "oauth.user.token";
    public static final String REFRESH_TOKEN = "oauth.user.refresh_token";
    public static final String TOKEN_SECRET = "oauth.user.token.secret";
    public static final String REFRESH_INTERVAL = "oauth.user.refresh_interval";
    public static final String REFRESH_TIME = "oauth.user.refresh_time";

    @Inject
    ProviderTokens providerTokens;
    @Inject
    ClientCredentialsGrant clientCredentials;
    @Inject
    PendingRequestTokens pendingRequestTokens;
    @Inject
    PostConnectLookup lookup;

    /** Credentials obtained; {@code grant} is empty for elements that need none. */
    public record Obtained(Optional<TokenGrant> grant, String spentRequestToken) {
    }

    public Outcome<Obtained> obtain(ElementDefinition element, Map<String, String> configuration,
                                    Map<String, String> providerData, boolean importTokens) {
        AuthenticationType type = element.authenticationType().orElse(AuthenticationType.CUSTOM);
        return switch (type) {
            case OAUTH2 -> importTokens ? importOAuth2(configuration)
                    : ClientCredentialsGrant.applies(configuration)
                    ? clientCredentials.mint(configuration).map(grant -> new Obtained(Optional.of(grant), null))
                    : exchangeCode(configuration, providerData);
            case OAUTH1 -> importTokens ? importOAuth1(configuration) : exchangeVerifier(configuration, providerData);
            default -> Outcome.success(new Obtained(Optional.empty(), null));
        };
    }

    private Outcome<Obtained> exchangeCode(Map<String, String> configuration, Map<String, String> providerData) {
        String code = providerData.get("code");
        if (isBlank(code)) {
            return Outcome.invalid("providerData.code is required: the code from the provider's callback"
                    + " (or set externalAuthentication to \"initial\" and give the tokens in the configuration).");
        }
        // PKCE (RFC 7636): a caller that sent a code_challenge proves it with the verifier.
        String verifier = providerData.get("code_verifier");
        Map<String, String> extra = verifier == null || verifier.isBlank() ? Map.of() : Map.of("code_verifier", verifier);
        return callbackKept(configuration, providerData).flatMap(fromCallback -> {
            Map<String, String> exchanging = withKept(configuration, fromCallback);
            return providerTokens.exchangeCode(exchanging, code, extra).flatMap(grant ->
                    lookup.lookUp(withKept(exchanging, grant.kept()), grant.accessToken())
                            .map(found -> grant.keeping(fromCallback).keeping(grant.kept()).keeping(found)));
        }).map(grant -> new Obtained(Optional.of(grant), null));
    }

    /**
     * The values {@code oauth.callback.keep} names, from the callback query the caller passed in
     * {@code providerData}; each one named must be there.
     */
    static Outcome<Map<String, String>> callbackKept(Map<String, String> configuration, Map<String, String> providerData) {
        return OAuthEntries.parameterPairs(OAuthEntries.CALLBACK_KEEP, configuration.get(OAuthEntries.CALLBACK_KEEP)).flatMap(pairs -> {
            Map<String, String> kept = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            if (pairs.isEmpty()) {
                return Outcome.success(kept);
            }
            String patternText = configuration.get(OAuthEntries.CALLBACK_KEEP_PATTERN);
            Optional<Pattern> pattern = isBlank(patternText) ? Optional.empty() : OAuthEntries.compiled(patternText);
            if (pattern.isEmpty()) {
                // Never keep a value nobody vouched for: it may become a host the secret is sent to.
                return Outcome.invalid("The element keeps values from the provider's callback but has no usable "
                        + OAuthEntries.CALLBACK_KEEP_PATTERN + ".");
            }
            for (OAuthEntries.Pair pair : pairs) {
                String value = providerData.get(pair.source());
                if (isBlank(value)) {
                    missing.add("providerData." + pair.source());
                } else if (!pattern.get().matcher(value.strip()).matches()) {
                    return Outcome.invalid("providerData." + pair.source() + " is not a value this element's provider sends"
                            + " (it must match " + OAuthEntries.CALLBACK_KEEP_PATTERN + ").");
                } else {
                    kept.put(pair.key(), value.strip());
                }
            }
            return missing.isEmpty() ? Outcome.success(kept)
                    : Outcome.invalid("Missing " + String.join(", ", missing) + " (from the provider's callback).");
        });
    }

    private static Map<String, String> withKept(Map<String, String> configuration, Map<String, String> kept) {
        if (kept.isEmpty()) {
            return configuration;
        }
        Map<String, String> merged = new LinkedHashMap<>(configuration);
        merged.putAll(kept);
        return merged;
    }

    private Outcome<Obtained> exchangeVerifier(Map<String, String> configuration, Map<String, String> providerData) {
        String token = providerData.get("oauth_token");
        String verifier = providerData.get("oauth_verifier");
        String secret = Optional.ofNullable(providerData.get("secret")).filter(s -> !s.isBlank())
                .or(() -> pendingRequestTokens.secretFor(token)).orElse(null);
        List<String> missing = new ArrayList<>();
        if (isBlank(token)) {
            missing.add("providerData.oauth_token");
        }
        if (isBlank(verifier)) {
            missing.add("providerData.oauth_verifier");
        }
        if (secret == null) {
            missing.add("providerData.secret");
        }
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing " + String.join(", ", missing) + " (from the provider's callback).");
        }
        return callbackKept(configuration, providerData).flatMap(fromCallback ->
                providerTokens.exchangeVerifier(configuration, token, secret, verifier)
                        .map(grant -> new Obtained(Optional.of(grant.keeping(fromCallback)), token)));
    }

    private static Outcome<Obtained> importOAuth2(Map<String, String> configuration) {
        String access = configuration.get(ACCESS_TOKEN);
        String refresh = configuration.get(REFRESH_TOKEN);
        if (isBlank(access) && isBlank(refresh)) {
            return Outcome.invalid("externalAuthentication \"initial\" needs " + ACCESS_TOKEN + " or " + REFRESH_TOKEN
                    + " in the configuration.");
        }
        return Outcome.success(new Obtained(Optional.of(new TokenGrant(blankToNull(access), blankToNull(refresh), null, null)), null));
    }

    private static Outcome<Obtained> importOAuth1(Map<String, String> configuration) {
        String token = configuration.get(ACCESS_TOKEN);
        String secret = configuration.get(TOKEN_SECRET);
        if (isBlank(token) || isBlank(secret)) {
            return Outcome.invalid("externalAuthentication \"initial\" needs " + ACCESS_TOKEN + " and " + TOKEN_SECRET
                    + " in the configuration.");
        }
        return Outcome.success(new Obtained(Optional.of(new TokenGrant(token, null, secret, null)), null));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
