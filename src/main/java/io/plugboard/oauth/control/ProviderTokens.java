package io.plugboard.oauth.control;

import io.plugboard.elements.control.ConfigTemplates;
import io.plugboard.elements.control.OAuthEntries;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.JsonProviders;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The token endpoint calls: OAuth2 code exchange and refresh (RFC 6749 sections 4.1.3 and 6),
 * OAuth 1.0a access-token exchange (RFC 5849 section 2.3). Every URL and the client
 * authentication style come from the instance's configuration ({@code oauth.token.url},
 * {@code oauth.token.refresh_url}, {@code oauth.basic.header}), never from the provider's name.
 *
 * <p>Providers differ in the details, and the configuration says how: the request body as a form
 * or as JSON ({@code oauth.token.body.format}), extra parameters on every token request
 * ({@code oauth.token.parameters}), where in the answer the tokens sit
 * ({@code oauth.token.response.root}) and which other values of the answer the instance keeps
 * ({@code oauth.token.response.keep}).
 */
@ApplicationScoped
public class ProviderTokens {

    static final String TOKEN_URL = "oauth.token.url";
    static final String REFRESH_URL = "oauth.token.refresh_url";
    static final String BASIC_HEADER = "oauth.basic.header";
    static final String API_KEY = "oauth.api.key";
    static final String API_SECRET = "oauth.api.secret";
    static final String CALLBACK_URL = "oauth.callback.url";
    static final String TOKEN_PARAMETERS = "oauth.token.parameters";

    /** Looked up once: Json.createReader searches for the provider on every call. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    @Inject
    ProviderHttp http;

    private final OAuth1Signer signer = new OAuth1Signer();

    /** Form names the code exchange sets itself; extra parameters cannot replace them. */
    private static final Set<String> RESERVED_FORM_NAMES =
            Set.of("grant_type", "code", "redirect_uri", "client_id", "client_secret");
    /** Names no element's {@code oauth.token.parameters} may set: the grant's own and the client's credentials. */
    private static final Set<String> RESERVED_TOKEN_PARAMETERS =
            Set.of("grant_type", "code", "redirect_uri", "client_id", "client_secret", "refresh_token", "code_verifier");

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
        Optional<String> problem = tokenRequestProblem(configuration);
        if (problem.isPresent()) {
            return Outcome.invalid(problem.get());
        }
        return grantFrom(http.send(clientAuthenticated(tokenUrl.get(), configuration, form)), "authorization code exchange",
                configuration, true);
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
        Optional<String> problem = tokenRequestProblem(configuration);
        if (problem.isPresent()) {
            return new RefreshOutcome.Failed(problem.get(), null);
        }
        ProviderResponse response = http.send(clientAuthenticated(refreshUrl.get(), configuration, form));
        if (response instanceof ProviderResponse.Answered answered && isInvalidGrant(answered)) {
            return new RefreshOutcome.Revoked(answered.providerMessage());
        }
        // A kept value that does not come back with a refresh stays as it was.
        return RefreshOutcome.of(grantFrom(response, "token refresh", configuration, false));
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
        return grantFrom(http.send(request), "access token exchange", null, false);
    }

    /**
     * What makes the configuration's token requests impossible to build: an unknown
     * {@code oauth.token.body.format}, or {@code oauth.token.parameters} that set the grant's own
     * names or lack a template value. Empty when {@link #clientAuthenticated} can build them.
     */
    static Optional<String> tokenRequestProblem(Map<String, String> configuration) {
        if (OAuthEntries.bodyFormat(configuration.get(OAuthEntries.TOKEN_BODY_FORMAT)).isEmpty()) {
            return Optional.of(OAuthEntries.TOKEN_BODY_FORMAT + " must be form or json.");
        }
        return tokenParameters(configuration) instanceof Outcome.Invalid<Map<String, String>> invalid
                ? Optional.of(invalid.message()) : Optional.empty();
    }

    /**
     * The token request: the grant's own parameters, the element's {@code oauth.token.parameters}
     * (never replacing the grant's), the client's credentials in a Basic header or in the body,
     * all encoded as {@code oauth.token.body.format} says. Callers check
     * {@link #tokenRequestProblem} first; were an entry unusable all the same, the body would be
     * a form without the unusable parameters.
     */
    ProviderRequest clientAuthenticated(URI url, Map<String, String> configuration, Map<String, String> form) {
        boolean json = OAuthEntries.bodyFormat(configuration.get(OAuthEntries.TOKEN_BODY_FORMAT)).filter("json"::equals).isPresent();
        if (tokenParameters(configuration) instanceof Outcome.Success<Map<String, String>> parameters) {
            parameters.value().forEach(form::putIfAbsent);
        }
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
        if (json) {
            JsonObjectBuilder body = JsonProviders.JSON.createObjectBuilder();
            form.forEach((name, value) -> {
                if (value != null) {
                    body.add(name, value);
                }
            });
            return request.body(body.build().toString().getBytes(StandardCharsets.UTF_8), "application/json");
        }
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> {
            if (value != null) {
                body.add(Urls.formEncode(name) + "=" + Urls.formEncode(value));
            }
        });
        return request.body(body.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /**
     * {@code oauth.token.parameters}: form-encoded pairs whose values may be templates on the
     * instance's configuration. The grant's own names and the client's credentials are refused,
     * so an element cannot send a second, contradicting grant type or secret.
     */
    static Outcome<Map<String, String>> tokenParameters(Map<String, String> configuration) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : Urls.formDecode(configuration.get(TOKEN_PARAMETERS)).entrySet()) {
            if (RESERVED_TOKEN_PARAMETERS.contains(parameter.getKey())) {
                return Outcome.invalid(TOKEN_PARAMETERS + " cannot set " + parameter.getKey() + ": the hub sets it itself.");
            }
            var value = ConfigTemplates.resolve(parameter.getValue(), configuration::get);
            if (value instanceof ConfigTemplates.Resolution.Unresolved unresolved) {
                return Outcome.invalid(TOKEN_PARAMETERS + " needs a value for " + String.join(", ", unresolved.missing()) + ".");
            }
            resolved.put(parameter.getKey(), ((ConfigTemplates.Resolution.Resolved) value).value());
        }
        return Outcome.success(resolved);
    }

    /** The grant in a token endpoint's answer, read as RFC 6749 (OAuth2) or RFC 5849 (OAuth 1.0a) describe it. */
    static Outcome<TokenGrant> grantFrom(ProviderResponse response, String what, boolean oauth2) {
        return grantFrom(response, what, oauth2 ? Map.of() : null, false);
    }

    /**
     * The grant in a token endpoint's answer. For OAuth2, {@code configuration} says where the
     * tokens sit ({@code oauth.token.response.root}) and what else to keep
     * ({@code oauth.token.response.keep}); {@code requireKept}: a kept value missing from the
     * answer fails the call (at the exchange, where the instance needs it) instead of being left
     * as it was (at a refresh).
     */
    static Outcome<TokenGrant> grantFrom(ProviderResponse response, String what, Map<String, String> configuration,
                                         boolean requireKept) {
        boolean oauth2 = configuration != null;   // an OAuth 1.0a answer has no styles to read
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
        if (!oauth2) {
            Map<String, String> fields = answered.truncated() ? Map.of() : fields(answered.bodyText());
            String token = fields.get("oauth_token");
            if (token == null || token.isBlank()) {
                return new Outcome.ProviderFailed<>("The provider's answer to the " + what + " carries no token.",
                        answered.providerMessage());
            }
            String secret = fields.get("oauth_token_secret");
            if (secret == null) {
                return new Outcome.ProviderFailed<>("The provider's answer to the " + what + " carries no oauth_token_secret.",
                        answered.providerMessage());
            }
            return Outcome.success(new TokenGrant(token, null, secret, null));
        }
        String rootPointer = Optional.ofNullable(configuration.get(OAuthEntries.TOKEN_RESPONSE_ROOT)).map(String::strip).orElse("");
        if (!OAuthEntries.isRootPointer(rootPointer)) {
            return Outcome.invalid(OAuthEntries.TOKEN_RESPONSE_ROOT + " must be a JSON pointer such as /authed_user.");
        }
        Outcome<List<OAuthEntries.Pair>> keep = OAuthEntries.pointerPairs(OAuthEntries.TOKEN_RESPONSE_KEEP,
                configuration.get(OAuthEntries.TOKEN_RESPONSE_KEEP));
        if (!(keep instanceof Outcome.Success<List<OAuthEntries.Pair>> pairs)) {
            return keep.asFailure();
        }
        JsonValue document = answered.truncated() ? JsonValue.NULL : document(answered.bodyText());
        Map<String, String> fields = scalars(JsonPointers.at(document, rootPointer));
        String token = fields.get("access_token");
        if (token == null || token.isBlank()) {
            return new Outcome.ProviderFailed<>("The provider's answer to the " + what + " carries no token"
                    + (rootPointer.isEmpty() ? "." : " at " + rootPointer + "."), answered.providerMessage());
        }
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
        Map<String, String> kept = new LinkedHashMap<>();
        for (OAuthEntries.Pair pair : pairs.value()) {
            Optional<String> value = JsonPointers.text(document, pair.source());
            if (value.isPresent()) {
                kept.put(pair.key(), value.get());
            } else if (requireKept) {
                return new Outcome.ProviderFailed<>("The provider's answer to the " + what + " has no value at "
                        + pair.source() + " (" + OAuthEntries.TOKEN_RESPONSE_KEEP + ").", answered.providerMessage());
            }
        }
        String refreshToken = fields.get("refresh_token");
        return Outcome.success(new TokenGrant(token, refreshToken == null || refreshToken.isBlank() ? null : refreshToken,
                null, expiresIn, kept));
    }

    /** The answer as JSON: a JSON body as it is, a form body as an object of strings; null when it is neither. */
    static JsonValue document(String body) {
        String text = body.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            try (var reader = JSON.createReader(new StringReader(text))) {
                return reader.readValue();
            } catch (JsonException e) {
                return JsonValue.NULL;
            }
        }
        JsonObjectBuilder object = JsonProviders.JSON.createObjectBuilder();
        Urls.formDecode(text).forEach(object::add);
        return object.build();
    }

    /** The scalar members of an object as text; nothing for anything else. */
    private static Map<String, String> scalars(JsonValue value) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.forEach((name, member) -> fields.put(name, scalar(member)));
        }
        return fields;
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

    static String scalar(JsonValue value) {
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
