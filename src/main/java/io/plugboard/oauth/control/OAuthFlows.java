package io.plugboard.oauth.control;

import io.plugboard.elements.control.ConfigTemplates;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Steps 1 and 2 of the connect dance, driven entirely by the element's configuration: the OAuth
 * 1.0a request token ({@code oauth.request.url}) and the authorization URL
 * ({@code oauth.authorization.url}). Branches on the authentication type only.
 *
 * <p>URL entries may be templates on a per-account address (a self-hosted store's
 * {@code {store.url}}); in these calls there is no instance yet, so {@code siteAddress} fills every
 * placeholder that the element's own defaults do not.
 *
 * <p>The authorization URL follows the provider's conventions as the element states them: the
 * scope joined by {@code oauth.scope.separator} (a space unless the provider wants commas) and
 * the provider's own extra query parameters ({@code oauth.authorization.parameters}, form-encoded,
 * values may be templates), for OAuth2 and OAuth 1.0a alike.
 */
@ApplicationScoped
public class OAuthFlows {

    static final String REQUEST_URL = "oauth.request.url";
    static final String AUTHORIZATION_URL = "oauth.authorization.url";
    static final String SCOPE = "oauth.scope";
    static final String REQUEST_AUTHORIZATION_TYPE = "oauth.request.authorization.type";
    static final String SCOPE_SEPARATOR = "oauth.scope.separator";
    static final String AUTHORIZATION_PARAMETERS = "oauth.authorization.parameters";

    /** What the hub puts on an OAuth2 authorization URL itself (PKCE's included); extra parameters never replace it. */
    private static final Set<String> RESERVED_OAUTH2_PARAMETERS = Set.of("response_type", "client_id",
            "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method");
    /** The same for OAuth 1.0a, whose authorize step has no scope of its own (a provider may want one there). */
    private static final Set<String> RESERVED_OAUTH1_PARAMETERS = Set.of("oauth_token", "oauth_callback");

    @Inject
    ProviderHttp http;
    @Inject
    PendingRequestTokens pendingRequestTokens;

    private final OAuth1Signer signer = new OAuth1Signer();

    public record RequestToken(String token, String secret) {
        @Override
        public String toString() {
            return "RequestToken[token=" + token + ", secret=********]";
        }
    }

    public record AuthorizationUrl(String oauthUrl, String element) {
    }

    /** Step 1 for OAuth 1.0a: a signed request-token call to the provider. */
    public Outcome<RequestToken> requestToken(ElementDefinition element, OAuthParameters parameters) {
        if (element.authenticationType().orElse(null) != AuthenticationType.OAUTH1) {
            return Outcome.invalid("The element " + element.key() + " does not use OAuth 1.0a; request its oauth/url directly.");
        }
        List<String> missing = missing(parameters, true, false);
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing query parameters: " + String.join(", ", missing) + ".");
        }
        Optional<String> invalidCallback = checkCallback(parameters.callbackUrl());
        if (invalidCallback.isPresent()) {
            return Outcome.invalid(invalidCallback.get());
        }
        Outcome<String> requestUrl = elementUrl(element, REQUEST_URL, parameters);
        if (!(requestUrl instanceof Outcome.Success<String> url)) {
            return requestUrl.asFailure();
        }
        String scope = scopeOf(element, parameters);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("scope", scope);
        URI uri = URI.create(Urls.withQuery(url.value(), query));
        Map<String, String> extras = Map.of("oauth_callback", callbackWithState(parameters.callbackUrl(), element));
        OAuth1Credentials consumer = OAuth1Credentials.consumerOnly(parameters.apiKey(), parameters.apiSecret());

        boolean httpAllowed = EgressGuard.allowsHttp(element::defaultValue);
        ProviderRequest request;
        if ("query".equalsIgnoreCase(element.defaultValue(REQUEST_AUTHORIZATION_TYPE).orElse("header"))) {
            Map<String, String> signed = signer.oauthParameters("POST", uri, Map.of(), consumer, extras);
            request = ProviderRequest.post(URI.create(Urls.withQuery(uri.toString(), signed)), httpAllowed);
        } else {
            request = ProviderRequest.post(uri, httpAllowed)
                    .header("Authorization", signer.authorizationHeader("POST", uri, Map.of(), consumer, extras));
        }
        request = request.header("Accept", "application/x-www-form-urlencoded, application/json;q=0.5");

        ProviderResponse response = http.send(request);
        if (response instanceof ProviderResponse.Refused refused) {
            return Outcome.invalid(refused.reason());
        }
        if (response instanceof ProviderResponse.TimedOut) {
            return new Outcome.ProviderTimedOut<>("The provider did not answer the request-token call in time.");
        }
        if (response instanceof ProviderResponse.Unreachable unreachable) {
            return new Outcome.ProviderFailed<>("The provider could not be reached for a request token ("
                    + unreachable.reason() + ").", null);
        }
        ProviderResponse.Answered answered = (ProviderResponse.Answered) response;
        if (!answered.isSuccessful()) {
            return new Outcome.ProviderFailed<>("The provider refused the request-token call (HTTP " + answered.status() + ").",
                    answered.providerMessage());
        }
        Map<String, String> fields = answered.truncated() ? Map.of() : Urls.formDecode(answered.bodyText());
        String token = fields.get("oauth_token");
        String secret = fields.get("oauth_token_secret");
        if (token == null || token.isBlank() || secret == null) {
            return new Outcome.ProviderFailed<>("The provider's request-token answer lacks oauth_token and oauth_token_secret.",
                    answered.providerMessage());
        }
        pendingRequestTokens.remember(token, secret);
        return Outcome.success(new RequestToken(token, secret));
    }

    /** Step 2: where the application sends its user to authorize. */
    public Outcome<AuthorizationUrl> authorizationUrl(ElementDefinition element, OAuthParameters parameters) {
        Optional<AuthenticationType> type = element.authenticationType();
        if (type.isEmpty() || (type.get() != AuthenticationType.OAUTH1 && type.get() != AuthenticationType.OAUTH2)) {
            return Outcome.invalid("The element " + element.key() + " does not use OAuth.");
        }
        boolean oauth1 = type.get() == AuthenticationType.OAUTH1;
        List<String> missing = missing(parameters, false, oauth1);
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing parameters: " + String.join(", ", missing) + ".");
        }
        Optional<String> invalidCallback = checkCallback(parameters.callbackUrl());
        if (invalidCallback.isPresent()) {
            return Outcome.invalid(invalidCallback.get());
        }
        Outcome<String> authorizationUrl = elementUrl(element, AUTHORIZATION_URL, parameters);
        if (!(authorizationUrl instanceof Outcome.Success<String> url)) {
            return authorizationUrl.asFailure();
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (oauth1) {
            query.put("oauth_token", parameters.requestToken());
            // The secret rides back through the callback, so the application need not keep it
            // between the steps (known only when step 1 went through this hub).
            Map<String, String> callbackParameters = new LinkedHashMap<>();
            callbackParameters.put("state", element.key());
            pendingRequestTokens.secretFor(parameters.requestToken()).ifPresent(s -> callbackParameters.put("secret", s));
            query.put("oauth_callback", Urls.withQuery(parameters.callbackUrl().strip(), callbackParameters));
        } else {
            query.put("response_type", "code");
            query.put("client_id", parameters.apiKey());
            query.put("redirect_uri", parameters.callbackUrl());
            query.put("scope", scopeOf(element, parameters));
            // The platform's documented default: the callback learns which element it is for.
            query.put("state", isBlank(parameters.state()) ? element.key() : parameters.state());
        }
        Outcome<Map<String, String>> extra = authorizationParameters(element, parameters);
        if (!(extra instanceof Outcome.Success<Map<String, String>> more)) {
            return extra.asFailure();
        }
        query.putAll(more.value());
        return Outcome.success(new AuthorizationUrl(Urls.withQuery(url.value(), query), element.key()));
    }

    private static List<String> missing(OAuthParameters parameters, boolean needSecret, boolean needRequestToken) {
        List<String> missing = new ArrayList<>();
        if (isBlank(parameters.apiKey())) {
            missing.add("apiKey");
        }
        if (needSecret && isBlank(parameters.apiSecret())) {
            missing.add("apiSecret");
        }
        if (isBlank(parameters.callbackUrl())) {
            missing.add("callbackUrl");
        }
        if (needRequestToken && isBlank(parameters.requestToken())) {
            missing.add("requestToken");
        }
        return missing;
    }

    private static Optional<String> checkCallback(String callbackUrl) {
        return Urls.httpUrl(callbackUrl).isPresent()
                ? Optional.empty()
                : Optional.of("callbackUrl must be an absolute http or https URL.");
    }

    /** Resolves one of the element's URL entries, with siteAddress for what the element leaves open. */
    /**
     * One of the element's OAuth URLs, its placeholders filled from the connect's configuration
     * (hosted connect), then the element's defaults, then {@code siteAddress}. A placeholder that
     * opens a URL ({@code {store.url}/admin/oauth_authorize}) stands for a whole site, so
     * {@code siteAddress} fills it as a URL; one inside the host
     * ({@code https://{subdomain}.desk.example/...}) takes it as it is, and then it may only be
     * a host name or a part of one.
     */
    private static Outcome<String> elementUrl(ElementDefinition element, String configKey, OAuthParameters parameters) {
        Optional<String> template = Optional.ofNullable(parameters.configuration().get(configKey)).filter(v -> !v.isBlank())
                .or(() -> element.defaultValue(configKey));
        if (template.isEmpty() || template.get().isBlank()) {
            return Outcome.invalid("The element " + element.key() + " defines no " + configKey + ".");
        }
        Optional<String> raw = Optional.ofNullable(parameters.siteAddress()).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> site = raw.map(OAuthFlows::normalizeSite);
        if (site.isPresent() && Urls.httpUrl(site.get()).isEmpty()) {
            return Outcome.invalid("siteAddress must be a host name or an http(s) URL, such as https://shop.example.com.");
        }
        List<String> misfits = new ArrayList<>();
        var resolution = ConfigTemplates.resolve(template.get(), name -> Optional.ofNullable(parameters.configuration().get(name))
                .filter(v -> !v.isBlank())
                .or(() -> element.defaultValue(name).filter(v -> !v.isBlank()))
                .or(() -> {
                    if (opensAUrl(name, template.get(), element)) {
                        return site;
                    }
                    if (raw.isPresent() && !HOST_PART.matcher(raw.get()).matches()) {
                        misfits.add(name);
                    }
                    return raw;
                })
                .orElse(null));
        if (!misfits.isEmpty()) {
            return Outcome.invalid("siteAddress fills " + String.join(", ", misfits) + " inside the element's " + configKey
                    + ": give the bare name, such as acme, not a URL.");
        }
        if (resolution instanceof ConfigTemplates.Resolution.Unresolved unresolved) {
            return Outcome.invalid("siteAddress is required for the element " + element.key()
                    + " (its " + configKey + " depends on " + String.join(", ", unresolved.missing()) + ").");
        }
        String resolved = ((ConfigTemplates.Resolution.Resolved) resolution).value();
        if (Urls.httpUrl(resolved).isEmpty()) {
            return Outcome.invalid("The element's " + configKey + " does not resolve to an http(s) URL.");
        }
        return Outcome.success(resolved);
    }

    /** A host name or a part of one: what may stand inside a URL's host. */
    private static final Pattern HOST_PART = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

    /** Whether {@code name} begins the URL template or a default it goes through: then it stands for a whole site. */
    private static boolean opensAUrl(String name, String template, ElementDefinition element) {
        String opening = "{" + name + "}";
        return template.strip().startsWith(opening) || element.configuration().stream()
                .map(ElementDefinition.ConfigurationDefinition::defaultValue)
                .anyMatch(value -> value != null && value.strip().startsWith(opening));
    }

    /** A bare host ({@code shop.example.com}) means https; a trailing slash would double in templates. */
    static String normalizeSite(String siteAddress) {
        String site = siteAddress.strip();
        if (!site.contains("://")) {
            site = "https://" + site;
        }
        while (site.endsWith("/")) {
            site = site.substring(0, site.length() - 1);
        }
        return site;
    }

    /**
     * The scope as the provider wants it: the scopes (written with spaces, or already with the
     * separator) joined by {@code oauth.scope.separator}, a space by default.
     */
    static String scopeOf(ElementDefinition element, OAuthParameters parameters) {
        String scope = isBlank(parameters.scope())
                ? element.defaultValue(SCOPE).filter(s -> !s.isBlank()).orElse(null)
                : parameters.scope();
        if (scope == null) {
            return null;
        }
        String separator = Optional.ofNullable(parameters.configuration().get(SCOPE_SEPARATOR))
                .or(() -> element.defaultValue(SCOPE_SEPARATOR))
                .filter(s -> !s.isEmpty()).orElse(" ");
        List<String> scopes = new ArrayList<>();
        for (String part : scope.strip().split("\\s+")) {
            for (String one : separator.isBlank() ? List.of(part) : List.of(part.split(Pattern.quote(separator.strip())))) {
                if (!one.isBlank()) {
                    scopes.add(one.strip());
                }
            }
        }
        return String.join(separator, scopes);
    }

    /**
     * {@code oauth.authorization.parameters}: form-encoded pairs whose values may be templates,
     * filled from the configuration the caller gave, then the element's defaults, then
     * {@code siteAddress} as given. The parameters the hub sets itself are refused, so an element
     * cannot send the user's authorization to another callback or state.
     */
    static Outcome<Map<String, String>> authorizationParameters(ElementDefinition element, OAuthParameters parameters) {
        String encoded = Optional.ofNullable(parameters.configuration().get(AUTHORIZATION_PARAMETERS))
                .or(() -> element.defaultValue(AUTHORIZATION_PARAMETERS)).orElse(null);
        Optional<String> site = Optional.ofNullable(parameters.siteAddress()).map(String::strip).filter(s -> !s.isEmpty());
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : Urls.formDecode(encoded).entrySet()) {
            boolean oauth1 = element.authenticationType().orElse(null) == AuthenticationType.OAUTH1;
            if ((oauth1 ? RESERVED_OAUTH1_PARAMETERS : RESERVED_OAUTH2_PARAMETERS).contains(parameter.getKey())) {
                return Outcome.invalid("The element's " + AUTHORIZATION_PARAMETERS + " cannot set " + parameter.getKey()
                        + ": the hub sets it itself.");
            }
            var value = ConfigTemplates.resolve(parameter.getValue(), name -> Optional.ofNullable(parameters.configuration().get(name))
                    .filter(v -> !v.isBlank())
                    .or(() -> element.defaultValue(name).filter(v -> !v.isBlank()))
                    .or(() -> site)
                    .orElse(null));
            if (value instanceof ConfigTemplates.Resolution.Unresolved unresolved) {
                return Outcome.invalid("siteAddress is required for the element " + element.key() + " (its "
                        + AUTHORIZATION_PARAMETERS + " depend on " + String.join(", ", unresolved.missing()) + ").");
            }
            resolved.put(parameter.getKey(), ((ConfigTemplates.Resolution.Resolved) value).value());
        }
        return Outcome.success(resolved);
    }

    /** The OAuth 1.0a callback carries {@code state=<element key>}, so the application knows which element returned. */
    private static String callbackWithState(String callbackUrl, ElementDefinition element) {
        return Urls.withQuery(callbackUrl.strip(), Map.of("state", element.key()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
