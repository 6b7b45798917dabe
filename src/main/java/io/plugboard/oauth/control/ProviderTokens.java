package io.plugboard.oauth.control;

import io.plugboard.elements.control.ConfigTemplates;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The token endpoint calls: OAuth2 code exchange and refresh (RFC 6749 sections 4.1.3 and 6),
 * OAuth 1.0a access-token exchange (RFC 5849 section 2.3). Every URL and the client
 * authentication style come from the instance's configuration ({@code oauth.token.url},
 * {@code oauth.token.refresh_url}, {@code oauth.basic.header}), never from the provider's name.
 */
@ApplicationScoped
public class ProviderTokens {

    static final String TOKEN_URL = "oauth.token.url";
    static final String REFRESH_URL = "oauth.token.refresh_url";
    static final String BASIC_HEADER = "oauth.basic.header";
    static final String API_KEY = "oauth.api.key";
    static final String API_SECRET = "oauth.api.secret";
    static final String CALLBACK_URL = "oauth.callback.url";

    /** Looked up once: Json.createReader searches for the provider on every call. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    @Inject
    ProviderHttp http;

    private final OAuth1Signer signer = new OAuth1Signer();

    /** Form names the code exchange sets itself; extra parameters cannot replace them. */
    private static final Set<String> RESERVED_FORM_NAMES =
            Set.of("grant_type", "code", "redirect_uri", "client_id", "client_secret");

    /** OAuth2: exchanges the authorization code from the callback. */
    public Outcome<TokenGrant> exchangeCode(Map<String, String> configuration, String code) {
        return exchangeCode(configuration, code, Map.of());
    }

    /**
     * OAuth2: exchanges the authorization code, adding {@code extraForm} (for example PKCE's
     * {@code code_verifier}, RFC 7636 section 4.5) to the form. Extra parameters never replace the
     * ones the exchange sets itself (grant type, code, redirect URI, client credentials).
     */
    public Outcome<TokenGrant> exchangeCode(Map<String, String> configuration, String code, Map<String, String> extraForm) {
        Optional<URI> tokenUrl = url(configuration, TOKEN_URL);
        if (tokenUrl.isEmpty()) {
            return Outcome.invalid("The instance configuration has no usable " + TOKEN_URL + ".");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", configuration.get(CALLBACK_URL));
        if (extraForm != null) {
            extraForm.forEach((name, value) -> {
                if (name != null && !RESERVED_FORM_NAMES.contains(name)) {
                    form.putIfAbsent(name, value);
                }
            });
        }
        ProviderResponse response = http.send(clientAuthenticated(tokenUrl.get(), configuration, form));
        return grantFrom(response, "authorization code exchange", true);
    }

    /** OAuth2: trades the refresh token for a new access token (and, with rotation, a new refresh token). */
    public RefreshOutcome refresh(Map<String, String> configuration, String refreshToken) {
        Optional<URI> refreshUrl = url(configuration, REFRESH_URL).or(() -> url(configuration, TOKEN_URL));
        if (refreshUrl.isEmpty()) {
            return new RefreshOutcome.Failed("The instance configuration has no usable " + TOKEN_URL + ".", null);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        ProviderResponse response = http.send(clientAuthenticated(refreshUrl.get(), configuration, form));
        if (response instanceof ProviderResponse.Answered answered && isInvalidGrant(answered)) {
            return new RefreshOutcome.Revoked(answered.providerMessage());
        }
        Outcome<TokenGrant> outcome = grantFrom(response, "token refresh", true);
        if (outcome instanceof Outcome.Success<TokenGrant> success) {
            return new RefreshOutcome.Granted(success.value());
        }
        if (outcome instanceof Outcome.ProviderTimedOut<TokenGrant>) {
            return new RefreshOutcome.TimedOut();
        }
        if (outcome instanceof Outcome.ProviderFailed<TokenGrant> failed) {
            return new RefreshOutcome.Failed(failed.message(), failed.providerMessage());
        }
        if (outcome instanceof Outcome.Invalid<TokenGrant> invalid) {
            return new RefreshOutcome.Failed(invalid.message(), null);
        }
        return new RefreshOutcome.Failed("The token refresh could not be made.", null);
    }

    /** OAuth 1.0a: exchanges the authorized request token and verifier for an access token. */
    public Outcome<TokenGrant> exchangeVerifier(Map<String, String> configuration, String requestToken,
                                                String requestTokenSecret, String verifier) {
        Optional<URI> tokenUrl = url(configuration, TOKEN_URL);
        if (tokenUrl.isEmpty()) {
            return Outcome.invalid("The instance configuration has no usable " + TOKEN_URL + ".");
        }
        OAuth1Credentials credentials = new OAuth1Credentials(configuration.get(API_KEY), configuration.get(API_SECRET),
                requestToken, requestTokenSecret);
        String authorization = signer.authorizationHeader("POST", tokenUrl.get(), Map.of(), credentials,
                Map.of("oauth_verifier", verifier));
        ProviderRequest request = ProviderRequest.post(tokenUrl.get(), EgressGuard.allowsHttp(configuration::get))
                .header("Authorization", authorization)
                .header("Accept", "application/x-www-form-urlencoded, application/json;q=0.5");
        return grantFrom(http.send(request), "access token exchange", false);
    }

    ProviderRequest clientAuthenticated(URI url, Map<String, String> configuration, Map<String, String> form) {
        ProviderRequest request = ProviderRequest.post(url, EgressGuard.allowsHttp(configuration::get))
                .header("Accept", "application/json");
        String clientId = configuration.get(API_KEY);
        String clientSecret = configuration.get(API_SECRET);
        if (Boolean.parseBoolean(configuration.get(BASIC_HEADER))) {
            // RFC 6749 section 2.3.1: both parts form-encoded before the Basic encoding.
            String pair = Urls.formEncode(clientId) + ":" + Urls.formEncode(clientSecret);
            request = request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        }
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> {
            if (value != null) {
                body.add(Urls.formEncode(name) + "=" + Urls.formEncode(value));
            }
        });
        return request.body(body.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    static Outcome<TokenGrant> grantFrom(ProviderResponse response, String what, boolean oauth2) {
        if (response instanceof ProviderResponse.Refused refused) {
            return Outcome.invalid(refused.reason());
        }
        if (response instanceof ProviderResponse.TimedOut) {
            return new Outcome.ProviderTimedOut<>("The provider did not answer the " + what + " in time.");
        }
        if (response instanceof ProviderResponse.Unreachable unreachable) {
            return new Outcome.ProviderFailed<>("The provider could not be reached for the " + what
                    + " (" + unreachable.reason() + ").", null);
        }
        ProviderResponse.Answered answered = (ProviderResponse.Answered) response;
        if (!answered.isSuccessful()) {
            return new Outcome.ProviderFailed<>("The provider refused the " + what + " (HTTP " + answered.status() + ").",
                    answered.providerMessage());
        }
        Map<String, String> fields = answered.truncated() ? Map.of() : fields(answered.bodyText());
        String token = fields.get(oauth2 ? "access_token" : "oauth_token");
        if (token == null || token.isBlank()) {
            return new Outcome.ProviderFailed<>("The provider's answer to the " + what + " carries no token.",
                    answered.providerMessage());
        }
        if (oauth2) {
            Long expiresIn = null;
            String expires = fields.get("expires_in");
            if (expires != null && !expires.isBlank()) {
                try {
                    // Some providers send 3600.0; a lifetime is whole seconds either way.
                    expiresIn = new java.math.BigDecimal(expires.strip()).longValue();
                } catch (NumberFormatException e) {
                    return new Outcome.ProviderFailed<>("The provider's expires_in is not a number.", answered.providerMessage());
                }
            }
            String refreshToken = fields.get("refresh_token");
            return Outcome.success(new TokenGrant(token, refreshToken == null || refreshToken.isBlank() ? null : refreshToken,
                    null, expiresIn));
        }
        String secret = fields.get("oauth_token_secret");
        if (secret == null) {
            return new Outcome.ProviderFailed<>("The provider's answer to the " + what + " carries no oauth_token_secret.",
                    answered.providerMessage());
        }
        return Outcome.success(new TokenGrant(token, null, secret, null));
    }

    /** Token endpoints answer JSON (RFC 6749) or, for OAuth 1.0a and some older OAuth2 providers, a form. */
    static Map<String, String> fields(String body) {
        String text = body.strip();
        if (text.startsWith("[")) {
            return Map.of();
        }
        if (text.startsWith("{")) {
            try (var reader = JSON.createReader(new StringReader(text))) {
                JsonObject json = reader.readObject();
                Map<String, String> fields = new LinkedHashMap<>();
                json.forEach((name, value) -> fields.put(name, scalar(value)));
                return fields;
            } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
                return Map.of();
            }
        }
        return Urls.formDecode(text);
    }

    private static String scalar(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().toPlainString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> null;
        };
    }

    private static boolean isInvalidGrant(ProviderResponse.Answered answered) {
        if (answered.status() != 400 && answered.status() != 401) {
            return false;
        }
        return "invalid_grant".equals(fields(answered.bodyText()).get("error"));
    }

    static Optional<URI> url(Map<String, String> configuration, String key) {
        String template = configuration.get(key);
        if (template == null || template.isBlank()) {
            return Optional.empty();
        }
        return ConfigTemplates.resolve(template, configuration::get) instanceof ConfigTemplates.Resolution.Resolved resolved
                ? Urls.httpUrl(resolved.value())
                : Optional.empty();
    }
}
