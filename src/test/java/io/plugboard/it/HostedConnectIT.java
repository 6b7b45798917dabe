package io.plugboard.it;

import io.plugboard.oauth.control.OAuth1Credentials;
import io.plugboard.oauth.control.OAuth1Signer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.model.HttpRequest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The hosted connect flow over HTTP, with MockServer as the providers and this class as the
 * user's browser: {@code /oauth/connect} with the api-v2 header, the provider's authorization
 * page skipped (its redirect back is simulated with the state from the authorization URL), and
 * the hub's {@code /oauth/callback} with the cookie {@code /connect} set. Covers the OAuth2
 * round trip with PKCE (the token request's code_verifier hashes to the authorization URL's
 * challenge), the OAuth 1.0a round trip, and every way a callback must fail with an HTML page
 * and store nothing: replay, tampering, a missing or foreign cookie, another element, a provider
 * error. Expiry is covered by SignedStateTest (the suite's hub cannot be given a tiny lifetime).
 */
class HostedConnectIT extends OrganizationTestBase {

    private static final String RETURN_URL = "https://app.example.com/connected?tenant=7";
    private static final String INSTAGRAM_AUTHORIZE = "/api.instagram.com/oauth/authorize";
    private static final String INSTAGRAM_TOKEN = "/api.instagram.com/oauth/access_token";
    private static final String ETSY_REQUEST_TOKEN = "/openapi.etsy.com/v2/oauth/request_token";
    private static final String ETSY_ACCESS_TOKEN = "/openapi.etsy.com/v2/oauth/access_token";
    private static final String ETSY_SIGNIN = "/www.etsy.com/oauth/signin";
    private static final String COOKIE = "PLUGBOARD_CONNECT";

    /** The browser: follows no redirect, so every hop can be looked at. */
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void setUp() {
        registerReturnUrls(owner, RETURN_URL);
    }

    // --- OAuth2 with PKCE -----------------------------------------------------------------------

    @Test
    void instagramConnectProvisionsWithPkceAndSendsTheUserBack() throws Exception {
        String clientSecret = unique("PLAINTEXT-CLIENT-SECRET");
        String accessToken = unique("PLAINTEXT-ACCESS");
        instagramTokenEndpoint(accessToken);

        Hop start = connect("instagram", RETURN_URL, Map.of("oauth.api.key", "client-id", "oauth.api.secret", clientSecret),
                "&name=" + enc("Ada's Instagram") + "&tags=hosted&tags=docs", owner, null, "text/html");

        assertEquals(303, start.status(), start::toString);
        String cookie = start.cookie();
        Map<String, String> attributes = start.cookieAttributes();
        assertTrue(attributes.containsKey("httponly"), attributes::toString);
        assertEquals("Lax", attributes.get("samesite"));
        assertFalse(attributes.containsKey("secure"), "plain http here; Secure only over https");
        assertEquals("/elements/api-v2/elements/", attributes.get("path"));
        assertEquals("600", attributes.get("max-age"), "ten minutes by default");
        assertEquals("no-store", start.header("Cache-Control"));

        URI authorize = URI.create(start.location());
        assertEquals(TestEnvironment.mockServerUrl() + INSTAGRAM_AUTHORIZE,
                authorize.getScheme() + "://" + authorize.getAuthority() + authorize.getPath());
        Map<String, String> query = query(authorize);
        assertEquals("code", query.get("response_type"));
        assertEquals("client-id", query.get("client_id"));
        assertEquals(hubCallback("instagram"), query.get("redirect_uri"));
        assertEquals("basic comments relationships likes", query.get("scope"));
        assertEquals("S256", query.get("code_challenge_method"));
        String challenge = query.get("code_challenge");
        assertEquals(43, challenge.length());
        String state = query.get("state");
        assertTrue(state.startsWith("v1."), state);
        assertFalse(start.location().contains(clientSecret), "the client secret never goes to the browser");

        Hop callback = callback("instagram", Map.of("code", "the-code", "state", state), cookie);

        assertEquals(303, callback.status(), callback::toString);
        Matcher back = Pattern.compile(Pattern.quote(RETURN_URL) + "&instanceId=(\\d+)").matcher(callback.location());
        assertTrue(back.matches(), callback.location());
        assertFalse(callback.location().contains("token"), "no instance token in a URL");
        long instanceId = Long.parseLong(back.group(1));

        HttpRequest[] exchanges = provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN));
        assertEquals(1, exchanges.length);
        Map<String, String> form = WireFormats.form(exchanges[0].getBodyAsString());
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("the-code", form.get("code"));
        assertEquals(hubCallback("instagram"), form.get("redirect_uri"));
        assertEquals("client-id", form.get("client_id"));
        assertEquals(clientSecret, form.get("client_secret"));
        String verifier = form.get("code_verifier");
        assertNotNull(verifier, "PKCE: the exchange proves it started the dance");
        assertEquals(challenge, s256(verifier));

        var instance = hub.get("instances/" + instanceId, owner);
        assertEquals(200, instance.status(), instance::toString);
        JsonObject json = instance.json();
        assertEquals("instagram", json.getJsonObject("element").getString("key"));
        assertEquals("Ada's Instagram", json.getString("name"));
        assertEquals(List.of("docs", "hosted"), json.getJsonArray("tags").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).sorted().toList(), "both tags (a read instance lists them in stored order)");
        assertEquals("owner@example.com", json.getJsonObject("user").getString("emailAddress"));
        assertEquals("none", json.getString("externalAuthentication"));
        JsonObject configuration = json.getJsonObject("configuration");
        assertEquals(hubCallback("instagram"), configuration.getString("oauth.callback.url"));
        assertEquals("********", configuration.getString("oauth.user.token"));
        assertEquals("********", configuration.getString("oauth.api.secret"));

        // The same redirect again (a reload, or someone replaying the link): refused, nothing more stored.
        Hop replay = callback("instagram", Map.of("code", "the-code", "state", state), cookie);
        assertPage(replay, 400, "already been used");
        assertEquals(1, provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN)).length);
        assertEquals(1, instanceCount(owner));

        assertNotStoredOrLogged(List.of(clientSecret, accessToken, verifier, cookie));
    }

    @Test
    void anApiClientGetsTheUrlAsJson() {
        Hop start = connect("instagram", RETURN_URL, Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s"), "",
                owner, null, "application/json");

        assertEquals(200, start.status(), start::toString);
        JsonObject json = start.json();
        assertEquals("instagram", json.getString("element"));
        assertTrue(json.getString("oauthUrl").startsWith(TestEnvironment.mockServerUrl() + INSTAGRAM_AUTHORIZE + "?"));
        assertNotNull(start.cookie());
    }

    // --- the launch link, for connects started by an application's server ------------------------

    @Test
    void anApplicationServerSendsItsUserThroughTheOneTimeLaunchLink() throws Exception {
        String accessToken = unique("PLAINTEXT-ACCESS");
        instagramTokenEndpoint(accessToken);
        // The application's server: authenticated, no browser, so the cookie this answer sets stays with it.
        Hop server = connect("instagram", RETURN_URL, Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s"), "",
                owner, null, "application/json");
        assertEquals(200, server.status(), server::toString);
        JsonObject links = server.json();
        assertEquals(600, links.getInt("expiresIn"));
        String launchUrl = links.getString("launchUrl");
        assertTrue(launchUrl.startsWith(base + "api-v2/elements/instagram/oauth/launch/"), launchUrl);
        String launchToken = query(URI.create(launchUrl)).get("t");
        assertEquals(43, launchToken.length(), "256 random bits");

        // The user's browser, which has never seen the hub: the link hands it the cookie and sends it on.
        Hop launch = send(URI.create(launchUrl), null, null, null);
        assertEquals(303, launch.status(), launch::toString);
        assertEquals(links.getString("oauthUrl"), launch.location());
        assertEquals("no-referrer", launch.header("Referrer-Policy"));
        assertEquals("no-store", launch.header("Cache-Control"));
        Map<String, String> attributes = launch.cookieAttributes();
        assertTrue(attributes.containsKey("httponly"), attributes::toString);
        assertEquals("/elements/api-v2/elements/", attributes.get("path"));
        String cookie = launch.cookie();

        String state = query(URI.create(launch.location())).get("state");
        Hop callback = callback("instagram", Map.of("code", "the-code", "state", state), cookie);
        assertEquals(303, callback.status(), callback::toString);
        assertTrue(callback.location().startsWith(RETURN_URL + "&instanceId="), callback.location());
        assertEquals(1, instanceCount(owner));

        // The link works once; a forwarded or reopened link leads nowhere.
        assertPage(send(URI.create(launchUrl), null, null, null), 400, "already been opened");
        assertNotStoredOrLogged(List.of(launchToken, cookie, accessToken));
    }

    @Test
    void aLaunchLinkNeedsItsOwnTokenAndElementAndAGuessSpendsNothing() {
        JsonObject links = connect("instagram", RETURN_URL, Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s"), "",
                owner, null, "application/json").json();
        String launchUrl = links.getString("launchUrl");
        String withoutToken = launchUrl.substring(0, launchUrl.indexOf('?'));

        assertPage(send(URI.create(withoutToken), null, null, null), 400, "no such connection link");
        assertPage(send(URI.create(withoutToken + "?t=" + "A".repeat(43)), null, null, null), 400, "no such connection link");
        assertPage(send(URI.create(base + "api-v2/elements/instagram/oauth/launch/unknown?t=x"), null, null, null), 400,
                "no such connection link");
        // The guesses spent nothing: the real link still works.
        assertEquals(303, send(URI.create(launchUrl), null, null, null).status());

        JsonObject other = connect("instagram", RETURN_URL, Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s"), "",
                owner, null, "application/json").json();
        String foreignElement = other.getString("launchUrl").replace("/elements/instagram/", "/elements/etsy/");
        assertPage(send(URI.create(foreignElement), null, null, null), 400, "another element");
        assertEquals(0, instanceCount(owner));
    }

    // --- re-authentication in place ------------------------------------------------------------

    @Test
    void aConnectWithInstanceIdRenewsThatInstanceInPlace() {
        instagramTokenEndpoint("first-access");
        Started first = startInstagram(null);
        Hop created = callback("instagram", Map.of("code", "first-code", "state", first.state()), first.cookie());
        long id = Long.parseLong(created.location().replaceAll(".*instanceId=", ""));
        JsonObject before = hub.get("instances/" + id, owner).json();

        provider.clear(request().withPath(INSTAGRAM_TOKEN));
        instagramTokenEndpoint("second-access");
        // No configuration given: the instance's stored client credentials are used.
        JsonObject links = connect("instagram", RETURN_URL, Map.of(), "&instanceId=" + id, owner, null, "application/json").json();
        Hop launch = send(URI.create(links.getString("launchUrl")), null, null, null);
        assertEquals(303, launch.status(), launch::toString);
        assertEquals("client-id", query(URI.create(launch.location())).get("client_id"));
        Hop renewed = callback("instagram", Map.of("code", "second-code", "state", query(URI.create(launch.location())).get("state")),
                launch.cookie());

        assertEquals(303, renewed.status(), renewed::toString);
        assertEquals(RETURN_URL + "&instanceId=" + id, renewed.location(), "the same instance");
        assertEquals(1, instanceCount(owner));
        JsonObject after = hub.get("instances/" + id, owner).json();
        assertEquals(before.getString("token"), after.getString("token"), "the application's instance token still works");
        assertEquals(before.getString("name"), after.getString("name"));
        HttpRequest[] exchanges = provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN));
        Map<String, String> form = WireFormats.form(exchanges[exchanges.length - 1].getBodyAsString());
        assertEquals("second-code", form.get("code"));
        assertEquals("s", form.get("client_secret"), "the stored client secret");

        provider.when(request().withMethod("GET").withPath("/api.instagram.com/v1/users/self"))
                .respond(response().withStatusCode(200).withBody("{}"));
        assertEquals(200, hub.get("proxy/users/self", owner + ", Element " + after.getString("token")).status());
        HttpRequest[] proxied = provider.retrieveRecordedRequests(request().withPath("/api.instagram.com/v1/users/self"));
        assertEquals("Bearer second-access", proxied[proxied.length - 1].getFirstHeader("Authorization"));
    }

    @Test
    void onlyTheOrganizationsOwnInstanceOfThatElementCanBeRenewed() {
        instagramTokenEndpoint("tok");
        Started first = startInstagram(null);
        Hop created = callback("instagram", Map.of("code", "c", "state", first.state()), first.cookie());
        String id = created.location().replaceAll(".*instanceId=", "");

        String stranger = hub.newOrganization();
        registerReturnUrls(stranger, RETURN_URL);
        HubClient.assertApiError(hub.get("elements/instagram/oauth/connect?returnUrl=" + enc(RETURN_URL) + "&instanceId=" + id,
                stranger), 404);
        HubClient.assertApiError(hub.get("elements/etsy/oauth/connect?returnUrl=" + enc(RETURN_URL)
                + "&config%5Boauth.api.key%5D=k&config%5Boauth.api.secret%5D=s&instanceId=" + id, owner), 400);
        HubClient.assertApiError(hub.get("elements/instagram/oauth/connect?returnUrl=" + enc(RETURN_URL) + "&instanceId=x1",
                owner), 400);
        assertEquals(0, provider.retrieveRecordedRequests(request().withPath(ETSY_REQUEST_TOKEN)).length, "nothing sent");
    }

    @Test
    void pkceCanBeTurnedOffByConfiguration() {
        instagramTokenEndpoint("tok");
        Hop start = connect("instagram", RETURN_URL,
                Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s", "oauth.pkce", "false"), "", owner, null, null);
        Map<String, String> query = query(URI.create(start.location()));
        assertNull(query.get("code_challenge"));
        assertNull(query.get("code_challenge_method"));

        Hop callback = callback("instagram", Map.of("code", "c", "state", query.get("state")), start.cookie());

        assertEquals(303, callback.status(), callback::toString);
        Map<String, String> form = WireFormats.form(provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN))[0].getBodyAsString());
        assertFalse(form.containsKey("code_verifier"));
    }

    // --- what /connect refuses ----------------------------------------------------------------------

    @Test
    void aReturnUrlThatIsNotRegisteredIsRefused() {
        String otherOrganization = hub.newOrganization();
        registerReturnUrls(otherOrganization, "https://other.example.com/back");
        Map<String, String> configuration = Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s");

        for (String returnUrl : List.of("https://evil.example.com/steal", "https://other.example.com/back",
                "https://app.example.com/connected", RETURN_URL + "&x=1")) {
            Hop start = connect("instagram", returnUrl, configuration, "", owner, null, null);
            assertEquals(400, start.status(), start::toString);
            assertTrue(start.json().getString("message").contains("return URLs"), start::toString);
            assertNull(start.header("Location"));
            assertNull(start.header("Set-Cookie"));
        }
        assertEquals(400, connect("instagram", null, configuration, "", owner, null, null).status());
    }

    @Test
    void connectNeedsCredentialsAndAnOAuthElementWithItsConfiguration() {
        Map<String, String> configuration = Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s");
        assertEquals(401, connect("instagram", RETURN_URL, configuration, "", null, null, null).status());
        assertEquals(404, connect("nope", RETURN_URL, configuration, "", owner, null, null).status());

        Hop missing = connect("etsy", RETURN_URL, Map.of("oauth.api.key", "k"), "", owner, null, null);
        assertEquals(400, missing.status(), missing::toString);
        assertTrue(missing.json().getString("message").contains("oauth.api.secret, shop.id"), missing::toString);
        assertEquals(0, provider.retrieveRecordedRequests(request().withPath(ETSY_REQUEST_TOKEN)).length);
    }

    @Test
    void returnUrlsAreTheOrganizationsOwnAndChecked() {
        var listed = hub.get("organizations/returnUrls", owner);
        assertEquals(200, listed.status(), listed::toString);
        assertEquals(List.of(RETURN_URL), strings(listed));

        var refused = hub.put("organizations/returnUrls", "[\"http://app.example.com/plain\", \"https://user:pw@app.example.com/\"]", owner);
        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.json().getString("message").contains("https"), refused::toString);
        assertEquals(List.of(RETURN_URL), strings(hub.get("organizations/returnUrls", owner)), "nothing changed");
        assertEquals(400, hub.put("organizations/returnUrls", "{\"url\": \"https://app.example.com/\"}", owner).status());

        var replaced = hub.put("organizations/returnUrls", "[\"http://localhost:3000/done\", \"" + RETURN_URL + "\"]", owner);
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals(List.of("http://localhost:3000/done", RETURN_URL), strings(hub.get("organizations/returnUrls", owner)));
        assertEquals(List.of(), strings(hub.get("organizations/returnUrls", hub.newOrganization())), "another organization's are its own");
        assertEquals(401, hub.get("organizations/returnUrls", null).status());
    }

    // --- what the callback refuses, storing nothing -----------------------------------------------

    @Test
    void aTamperedStateIsRefusedAndDoesNotSpendTheConnect() {
        instagramTokenEndpoint("tok");
        Started started = startInstagram(null);
        String state = started.state();
        char last = state.charAt(state.length() - 1);
        String tampered = state.substring(0, state.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherConnect = state.replaceFirst("^v1\\.[^.]+\\.", "v1.AAAAAAAAAAAAAAAAAAAAAA.");

        assertPage(callback("instagram", Map.of("code", "c", "state", tampered), started.cookie()), 400, "not valid");
        assertPage(callback("instagram", Map.of("code", "c", "state", otherConnect), started.cookie()), 400, "not valid");
        assertPage(callback("instagram", Map.of("code", "c"), started.cookie()), 400, "not valid");
        assertPage(callback("instagram", Map.of("code", "c", "state", "instagram"), started.cookie()), 400, "not valid");
        assertEquals(0, provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN)).length);
        assertEquals(0, instanceCount(owner));

        assertEquals(303, callback("instagram", Map.of("code", "c", "state", state), started.cookie()).status(),
                "the genuine state still works");
    }

    @Test
    void aMissingOrForeignCookieIsRefused() {
        instagramTokenEndpoint("tok");
        Started mine = startInstagram(null);
        String otherOrganization = hub.newOrganization();
        registerReturnUrls(otherOrganization, RETURN_URL);
        Hop theirs = connect("instagram", RETURN_URL, Map.of("oauth.api.key", "their-id", "oauth.api.secret", "s"), "",
                otherOrganization, null, null);
        Started sameOrganizationOtherBrowser = startInstagram(null);

        assertPage(callback("instagram", Map.of("code", "c", "state", mine.state()), null), 400, "cookie");
        assertPage(callback("instagram", Map.of("code", "c", "state", mine.state()), theirs.cookie()), 400, "another browser");
        assertPage(callback("instagram", Map.of("code", "c", "state", mine.state()), sameOrganizationOtherBrowser.cookie()),
                400, "another browser");
        assertPage(callback("instagram", Map.of("code", "c", "state", mine.state()), "x".repeat(43)), 400, "another browser");
        assertEquals(0, provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN)).length);
        assertEquals(0, instanceCount(owner));

        assertEquals(303, callback("instagram", Map.of("code", "c", "state", mine.state()), mine.cookie()).status());
    }

    @Test
    void connectsStartedSideBySideInOneBrowserBothFinish() {
        instagramTokenEndpoint("tok");
        Started first = startInstagram(null);
        Started second = startInstagram(first.cookie());
        assertEquals(first.cookie(), second.cookie(), "the browser's connect cookie is kept");

        assertEquals(303, callback("instagram", Map.of("code", "c1", "state", first.state()), first.cookie()).status());
        assertEquals(303, callback("instagram", Map.of("code", "c2", "state", second.state()), first.cookie()).status());
        assertEquals(2, instanceCount(owner));
    }

    @Test
    void aStateCannotFinishAnotherElementsConnect() {
        instagramTokenEndpoint("tok");
        Started started = startInstagram(null);

        assertPage(callback("base", Map.of("code", "c", "state", started.state()), started.cookie()), 400, "another element");
        assertEquals(0, provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN)).length);
        assertEquals(0, instanceCount(owner));
    }

    @Test
    void aProviderErrorEndsTheConnectWithAPageAndNothingStored() {
        instagramTokenEndpoint("tok");
        Started started = startInstagram(null);

        Hop denied = callback("instagram", Map.of("error", "access_denied",
                "error_description", "The user denied <b>your</b> request.", "state", started.state()), started.cookie());

        assertPage(denied, 400, "access_denied");
        assertTrue(denied.body().contains("&lt;b&gt;your&lt;/b&gt;"), "the provider's words are escaped: " + denied.body());
        assertPage(callback("instagram", Map.of("code", "c", "state", started.state()), started.cookie()), 400, "already been used");
        assertEquals(0, provider.retrieveRecordedRequests(request().withPath(INSTAGRAM_TOKEN)).length);
        assertEquals(0, instanceCount(owner));
    }

    @Test
    void aFailedExchangeShowsAPageAndStoresNothing() {
        provider.when(request().withMethod("POST").withPath(INSTAGRAM_TOKEN))
                .respond(response().withStatusCode(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\"}"));
        Started started = startInstagram(null);

        assertPage(callback("instagram", Map.of("code", "c", "state", started.state()), started.cookie()), 502, "refused");
        assertEquals(0, instanceCount(owner));
    }

    // --- OAuth 1.0a -------------------------------------------------------------------------------

    @Test
    void etsyConnectRoundTrip() {
        provider.when(request().withMethod("POST").withPath(ETSY_REQUEST_TOKEN))
                .respond(response().withStatusCode(200).withBody("oauth_token=etsy-request-token&oauth_token_secret=etsy-request-secret"));
        provider.when(request().withMethod("POST").withPath(ETSY_ACCESS_TOKEN))
                .respond(response().withStatusCode(200).withBody("oauth_token=etsy-access-token&oauth_token_secret=etsy-access-secret"));

        Hop start = connect("etsy", RETURN_URL,
                Map.of("oauth.api.key", "keystring", "oauth.api.secret", "shared-secret", "shop.id", "myshop"),
                "&name=Shop", owner, null, null);

        assertEquals(303, start.status(), start::toString);
        URI authorize = URI.create(start.location());
        assertEquals(TestEnvironment.mockServerUrl() + ETSY_SIGNIN, authorize.getScheme() + "://" + authorize.getAuthority() + authorize.getPath());
        Map<String, String> query = query(authorize);
        assertEquals("etsy-request-token", query.get("oauth_token"));
        assertFalse(start.location().contains("etsy-request-secret"), "the request-token secret stays in the hub");
        String oauthCallback = query.get("oauth_callback");
        assertTrue(oauthCallback.startsWith(hubCallback("etsy") + "?connect_state=v1."), oauthCallback);

        Map<String, String> stepOne = WireFormats.oauthHeader(
                provider.retrieveRecordedRequests(request().withPath(ETSY_REQUEST_TOKEN))[0].getFirstHeader("Authorization"));
        assertEquals(oauthCallback, stepOne.get("oauth_callback"), "the provider is given the hub's own callback");

        // The provider appends the authorized token and the verifier to the callback it was given.
        Hop callback = send(URI.create(oauthCallback + "&oauth_token=etsy-request-token&oauth_verifier=v3rifier"),
                null, start.cookie(), null);

        assertEquals(303, callback.status(), callback::toString);
        Matcher back = Pattern.compile(Pattern.quote(RETURN_URL) + "&instanceId=(\\d+)").matcher(callback.location());
        assertTrue(back.matches(), callback.location());
        Map<String, String> oauth = WireFormats.oauthHeader(
                provider.retrieveRecordedRequests(request().withPath(ETSY_ACCESS_TOKEN))[0].getFirstHeader("Authorization"));
        assertEquals("etsy-request-token", oauth.get("oauth_token"));
        assertEquals("v3rifier", oauth.get("oauth_verifier"));
        OAuth1Signer signer = new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(oauth.get("oauth_timestamp"))),
                ZoneOffset.UTC), () -> oauth.get("oauth_nonce"));
        Map<String, String> expected = signer.oauthParameters("POST", URI.create(TestEnvironment.mockServerUrl() + ETSY_ACCESS_TOKEN),
                Map.of(), new OAuth1Credentials("keystring", "shared-secret", "etsy-request-token", "etsy-request-secret"),
                Map.of("oauth_verifier", "v3rifier"));
        assertEquals(expected.get("oauth_signature"), oauth.get("oauth_signature"), "signed with the stored request-token secret");

        JsonObject instance = hub.get("instances/" + back.group(1), owner).json();
        assertEquals("etsy", instance.getJsonObject("element").getString("key"));
        assertEquals("Shop", instance.getString("name"));
        assertEquals("myshop", instance.getJsonObject("configuration").getString("shop.id"));
        assertEquals("********", instance.getJsonObject("configuration").getString("oauth.user.token.secret"));

        Hop replay = send(URI.create(oauthCallback + "&oauth_token=etsy-request-token&oauth_verifier=v3rifier"),
                null, start.cookie(), null);
        assertPage(replay, 400, "already been used");
        assertEquals(1, instanceCount(owner));
    }

    @Test
    void anOAuth1CallbackWithAnotherRequestTokenIsRefused() {
        provider.when(request().withMethod("POST").withPath(ETSY_REQUEST_TOKEN))
                .respond(response().withStatusCode(200).withBody("oauth_token=rt-1&oauth_token_secret=rs-1"));
        Hop start = connect("etsy", RETURN_URL,
                Map.of("oauth.api.key", "keystring", "oauth.api.secret", "shared-secret", "shop.id", "myshop"), "", owner, null, null);
        String oauthCallback = query(URI.create(start.location())).get("oauth_callback");

        Hop callback = send(URI.create(oauthCallback + "&oauth_token=someone-elses&oauth_verifier=v"), null, start.cookie(), null);

        assertPage(callback, 400, "another request token");
        assertEquals(0, provider.retrieveRecordedRequests(request().withPath(ETSY_ACCESS_TOKEN)).length);
        assertEquals(0, instanceCount(owner));
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** One answer the browser got. */
    record Hop(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String location() {
            return header("Location");
        }

        String body() {
            return response.body();
        }

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body()))) {
                return reader.readObject();
            }
        }

        String setCookie() {
            return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
                    .findFirst().orElse(null);
        }

        String cookie() {
            String header = setCookie();
            assertNotNull(header, "no " + COOKIE + " cookie in " + response.headers().map());
            return header.substring(COOKIE.length() + 1, header.indexOf(';'));
        }

        Map<String, String> cookieAttributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            String[] parts = setCookie().split(";");
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                int eq = part.indexOf('=');
                attributes.put((eq < 0 ? part : part.substring(0, eq)).toLowerCase(), eq < 0 ? "" : part.substring(eq + 1));
            }
            return attributes;
        }

        @Override
        public String toString() {
            return "HTTP " + status() + " " + response.headers().map() + " " + body();
        }
    }

    record Started(String state, String cookie) {
    }

    private Started startInstagram(String cookie) {
        Hop start = connect("instagram", RETURN_URL, Map.of("oauth.api.key", "client-id", "oauth.api.secret", "s"), "",
                owner, cookie, null);
        assertEquals(303, start.status(), start::toString);
        return new Started(query(URI.create(start.location())).get("state"), start.cookie());
    }

    private Hop connect(String element, String returnUrl, Map<String, String> configuration, String extraQuery,
                        String authorization, String cookie, String accept) {
        StringBuilder query = new StringBuilder();
        if (returnUrl != null) {
            query.append("returnUrl=").append(enc(returnUrl));
        }
        configuration.forEach((key, value) -> query.append("&").append(enc("config[" + key + "]")).append("=").append(enc(value)));
        query.append(extraQuery);
        URI uri = URI.create(base + "api-v2/elements/" + element + "/oauth/connect?" + query);
        return send(uri, authorization, cookie, accept);
    }

    private Hop callback(String element, Map<String, String> parameters, String cookie) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(enc(name)).append("=").append(enc(value)));
        return send(URI.create(hubCallback(element) + "?" + query), null, cookie, "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    private Hop send(URI uri, String authorization, String cookie, String accept) {
        var request = java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        request.header("Accept", accept == null ? "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" : accept);
        try {
            return new Hop(browser.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException("Browser call failed: " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String hubCallback(String element) {
        return base + "api-v2/elements/" + element + "/oauth/callback";
    }

    private static void assertPage(Hop hop, int status, String text) {
        assertEquals(status, hop.status(), hop::toString);
        assertTrue(hop.header("Content-Type").startsWith("text/html"), hop::toString);
        assertTrue(hop.body().contains(text), () -> "expected '" + text + "' in " + hop.body());
        assertTrue(hop.body().contains("Nothing"), "says that nothing (more) was saved");
        assertFalse(hop.body().contains("Exception") || hop.body().contains("\tat "), "no stack trace");
        assertNull(hop.header("Location"));
        assertEquals("no-store", hop.header("Cache-Control"));
        assertNotNull(hop.header("Content-Security-Policy"));
    }

    private void registerReturnUrls(String authorization, String... urls) {
        String body = Stream.of(urls).map(u -> "\"" + u + "\"").reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]").orElse("[]");
        var reply = hub.put("organizations/returnUrls", body, authorization);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of(urls), strings(reply));
    }

    private static List<String> strings(HubClient.Reply reply) {
        return reply.jsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private void instagramTokenEndpoint(String accessToken) {
        tokenEndpoint(INSTAGRAM_TOKEN, "{\"access_token\": \"" + accessToken + "\", \"expires_in\": 3600}");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        return WireFormats.form(uri.getRawQuery());
    }

    /** RFC 7636 S256, computed here independently of the hub's code. */
    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static void assertNotStoredOrLogged(List<String> secrets) throws Exception {
        String stored = TestDatabase.everythingStored();
        for (String secret : secrets) {
            assertFalse(stored.contains(secret), "plaintext secret in the database");
        }
        String log = TestEnvironment.serverLogText();
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "plaintext secret in the log");
        }
    }
}
