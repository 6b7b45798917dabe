package io.plugboard.oauth.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 client credentials grant (RFC 6749 section 4.4), for elements whose
 * {@code oauth.grant.type} is {@code client_credentials}: the hub mints the access token itself
 * from the client id and secret, at provisioning and again before the token expires. The token
 * request is {@link ProviderTokens}' (same URL templates, same client authentication and body
 * format); only the grant and the reading of a refusal are this class's.
 */
@ApplicationScoped
public class ClientCredentialsGrant {

    /** {@code authorization_code} (the default) or {@code client_credentials}. */
    public static final String GRANT_TYPE = "oauth.grant.type";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String SCOPE = "oauth.scope";

    @Inject
    ProviderTokens tokens;
    @Inject
    ProviderHttp http;

    /** Whether an instance with this configuration gets its tokens by the client credentials grant. */
    public static boolean applies(Map<String, String> configuration) {
        String grant = configuration.get(GRANT_TYPE);
        return grant != null && CLIENT_CREDENTIALS.equals(grant.strip());
    }

    /**
     * At provisioning: a token for the client id and secret alone. Wrong client credentials (the
     * token endpoint answers 400, 401 or 403) are the caller's mistake, so they come back as
     * {@link Outcome.Invalid} with the provider's message.
     */
    public Outcome<TokenGrant> mint(Map<String, String> configuration) {
        Optional<URI> tokenUrl = ProviderTokens.url(configuration, ProviderTokens.TOKEN_URL);
        if (tokenUrl.isEmpty()) {
            return Outcome.invalid("The instance configuration has no usable " + ProviderTokens.TOKEN_URL + ".");
        }
        Optional<String> problem = ProviderTokens.tokenRequestProblem(configuration);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        ProviderResponse response = send(tokenUrl.get(), configuration);
        if (response instanceof ProviderResponse.Answered answered && refusesClient(answered)) {
            return new Outcome.Invalid<>("The provider refused the client credentials (HTTP " + answered.status() + ").",
                    answered.providerMessage());
        }
        return ProviderTokens.grantFrom(response, "client credentials grant", configuration, true);
    }

    /**
     * Again, before the token expires or after the provider rejected it: the scheduler's and the
     * proxy's counterpart of {@link ProviderTokens#refresh}. A refusal of the client credentials
     * does not pass by itself, so it is {@link RefreshOutcome.Revoked}, like a revoked grant.
     */
    public RefreshOutcome remint(Map<String, String> configuration) {
        Optional<URI> tokenUrl = ProviderTokens.url(configuration, ProviderTokens.TOKEN_URL);
        if (tokenUrl.isEmpty()) {
            return new RefreshOutcome.Failed("The instance configuration has no usable " + ProviderTokens.TOKEN_URL + ".", null);
        }
        Optional<String> problem = ProviderTokens.tokenRequestProblem(configuration);
        if (problem.isPresent()) {
            return new RefreshOutcome.Failed(problem.get(), null);
        }
        ProviderResponse response = send(tokenUrl.get(), configuration);
        if (response instanceof ProviderResponse.Answered answered && refusesClient(answered)) {
            return new RefreshOutcome.Revoked(answered.providerMessage());
        }
        return RefreshOutcome.of(ProviderTokens.grantFrom(response, "client credentials grant", configuration, false));
    }

    /** The token request: {@code grant_type=client_credentials}, the scope when the element sets one, the client's credentials. */
    private ProviderResponse send(URI tokenUrl, Map<String, String> configuration) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", CLIENT_CREDENTIALS);
        String scope = configuration.get(SCOPE);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        return http.send(tokens.clientAuthenticated(tokenUrl, configuration, form));
    }

    /**
     * RFC 6749 section 5.2: a token endpoint answers an unknown or unauthenticated client with 400
     * ({@code invalid_client}, {@code unauthorized_client}) or 401; some answer 403.
     */
    private static boolean refusesClient(ProviderResponse.Answered answered) {
        return answered.status() == 400 || answered.status() == 401 || answered.status() == 403;
    }
}
