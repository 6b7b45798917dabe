package io.plugboard.it;

import io.plugboard.oauth.control.OAuth1Credentials;
import io.plugboard.oauth.control.OAuth1Signer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpRequest;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Steps 1 and 2 of the seed guides over HTTP, exactly as their curl examples (no credentials),
 * with MockServer playing Etsy, Magento and Instagram: what the hub sends (signature included)
 * and what it answers, for the happy path and for providers that refuse, babble, hang or are down.
 */
class OAuthStepsIT extends HubTestBase {

    private static final String CALLBACK = "https://fakecallbackurl.com/auth";
    private static final String ETSY_REQUEST_TOKEN_PATH = "/openapi.etsy.com/v2/oauth/request_token";

    @BeforeEach
    void resetProviders() {
        provider.reset();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> oauthHeader(String header) {
        assertTrue(header.startsWith("OAuth "), header);
        return WireFormats.oauthHeader(header);
    }

    /** Recomputes the signature the hub must have sent, from the request MockServer received. */
    private static void assertSignedRequestToken(HttpRequest received, String consumerKey, String consumerSecret,
                                                 String expectedCallback) {
        Map<String, String> oauth = oauthHeader(received.getFirstHeader("Authorization"));
        assertEquals(consumerKey, oauth.get("oauth_consumer_key"));
        assertEquals("HMAC-SHA1", oauth.get("oauth_signature_method"));
        assertEquals(expectedCallback, oauth.get("oauth_callback"));
        assertFalse(oauth.containsKey("oauth_token"), "no token in a request-token call");
        String query = received.getQueryStringParameters() == null || received.getQueryStringParameters().isEmpty()
                ? "" : "?" + received.getQueryStringParameters().getEntries().stream()
                .map(p -> encode(p.getName().getValue()) + "=" + encode(p.getValues().get(0).getValue()))
                .reduce((a, b) -> a + "&" + b).orElse("");
        URI uri = URI.create(TestEnvironment.mockServerUrl() + received.getPath().getValue() + query);
        Clock at = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(oauth.get("oauth_timestamp"))), ZoneOffset.UTC);
        OAuth1Signer signer = new OAuth1Signer(at, () -> oauth.get("oauth_nonce"));
        if (!oauth.containsKey("oauth_version")) {
            signer = signer.withoutVersion();
        }
        Map<String, String> expected = signer.oauthParameters("POST", uri, Map.of(),
                OAuth1Credentials.consumerOnly(consumerKey, consumerSecret), Map.of("oauth_callback", expectedCallback));
        assertEquals(expected.get("oauth_signature"), oauth.get("oauth_signature"), "HMAC-SHA1 signature over " + uri);
    }

    // --- Step 1: OAuth 1.0a request token -----------------------------------------------------

    @Test
    void etsyStepOneAsksTheProviderForASignedRequestToken() {
        provider.when(request().withMethod("POST").withPath(ETSY_REQUEST_TOKEN_PATH))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/x-www-form-urlencoded")
                        .withBody("oauth_token=qyprd1Twij60MH06lKGUZTJwx7tbzpPQx6aZnvKe0xI7&oauth_token_secret=9tsIbAHUevF&oauth_callback_confirmed=true"));

        var reply = hub.get("elements/etsy/oauth/token?apiKey=insert_fake_api_key&apiSecret=insert_fake_api_secret&callbackUrl="
                + encode(CALLBACK), null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("qyprd1Twij60MH06lKGUZTJwx7tbzpPQx6aZnvKe0xI7", reply.json().getString("token"));
        assertEquals("9tsIbAHUevF", reply.json().getString("secret"));
        HttpRequest[] received = provider.retrieveRecordedRequests(request().withPath(ETSY_REQUEST_TOKEN_PATH));
        assertEquals(1, received.length);
        assertEquals("listings_r transactions_r", received[0].getFirstQueryStringParameter("scope"),
                "the element's default scope rides on the request-token call");
        assertSignedRequestToken(received[0], "insert_fake_api_key", "insert_fake_api_secret", CALLBACK + "?state=etsy");
    }

    @Test
    void magentoStepOneUsesTheStoreAddressFromSiteAddress() {
        provider.when(request().withMethod("POST").withPath("/mystore/oauth/initiate"))
                .respond(response().withStatusCode(200)
                        .withBody("oauth_token=magentotoken&oauth_token_secret=KKSbL0J2wLGMqhMXTEh1ERkSx9tsIbAHUevF&oauth_callback_confirmed=true"));
        String site = TestEnvironment.mockServerUrl() + "/mystore/";

        var reply = hub.get("elements/magento/oauth/token?apiKey=MAGENTO_KEY&apiSecret=MAGENTO_SECRET&callbackUrl="
                + encode("https://www.mycoolapp.com/auth") + "&siteAddress=" + encode(site), null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("magentotoken", reply.json().getString("token"));
        assertEquals("KKSbL0J2wLGMqhMXTEh1ERkSx9tsIbAHUevF", reply.json().getString("secret"));
        HttpRequest[] received = provider.retrieveRecordedRequests(request().withPath("/mystore/oauth/initiate"));
        assertEquals(1, received.length, "the trailing slash of siteAddress does not double");
        assertSignedRequestToken(received[0], "MAGENTO_KEY", "MAGENTO_SECRET", "https://www.mycoolapp.com/auth?state=magento");
    }

    @Test
    void stepOneNamesEveryMissingParameter() {
        String key = unique("key");
        var reply = hub.get("elements/etsy/oauth/token?apiKey=" + key, null);
        assertApiError(reply, 400);
        String message = reply.json().getString("message");
        assertTrue(message.contains("apiSecret") && message.contains("callbackUrl") && !message.contains("apiKey"), message);
        assertApiError(hub.get("elements/etsy/oauth/token?apiKey=" + key + "&apiSecret=s&callbackUrl=not-a-url", null), 400);
        var noSite = hub.get("elements/magento/oauth/token?apiKey=" + key + "&apiSecret=s&callbackUrl=" + encode(CALLBACK), null);
        assertApiError(noSite, 400);
        assertTrue(noSite.json().getString("message").contains("siteAddress"), noSite::toString);
        assertApiError(hub.get("elements/instagram/oauth/token?apiKey=" + key + "&apiSecret=s&callbackUrl=" + encode(CALLBACK), null), 400);
        assertApiError(hub.get("elements/no-such-element/oauth/token?apiKey=" + key + "&apiSecret=s&callbackUrl=" + encode(CALLBACK), null), 404);
        assertEquals(0, receivedCarrying(key).length, "bad input never reaches a provider");
    }

    private HubClient.Reply etsyStepOne() {
        return hub.get("elements/etsy/oauth/token?apiKey=k&apiSecret=wrong&callbackUrl=" + encode(CALLBACK), null);
    }

    @Test
    void aProviderRefusalIs502WithTheProviderMessage() {
        provider.when(request().withPath(ETSY_REQUEST_TOKEN_PATH))
                .respond(response().withStatusCode(401).withBody("oauth_problem=signature_invalid"));
        var reply = etsyStepOne();
        assertApiError(reply, 502);
        assertEquals("oauth_problem=signature_invalid", reply.json().getString("providerMessage"));
    }

    @Test
    void aGarbledProviderAnswerIs502() {
        provider.when(request().withPath(ETSY_REQUEST_TOKEN_PATH))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>"));
        var reply = etsyStepOne();
        assertApiError(reply, 502);
        assertTrue(reply.json().getString("providerMessage").contains("maintenance"));
    }

    @Test
    void aSlowProviderIs504() {
        provider.when(request().withPath(ETSY_REQUEST_TOKEN_PATH))
                .respond(response().withStatusCode(200).withBody("oauth_token=late&oauth_token_secret=late")
                        .withDelay(new Delay(TimeUnit.MILLISECONDS, TestEnvironment.PROVIDER_TIMEOUT_MS + 2000L)));
        assertApiError(etsyStepOne(), 504);
    }

    @Test
    void aProviderThatIsDownIs502() {
        // Port 9 (discard) is closed on a test machine: the connection is refused at once.
        var reply = hub.get("elements/magento/oauth/token?apiKey=k&apiSecret=s&callbackUrl=" + encode(CALLBACK)
                + "&siteAddress=" + encode("http://127.0.0.1:9"), null);
        assertApiError(reply, 502);
    }

    // --- Step 2: the authorization URL -------------------------------------------------------

    @Test
    void etsyStepTwoBuildsTheAuthorizeUrlWithTheRequestTokenAndAStatefulCallback() {
        var reply = hub.get("elements/etsy/oauth/url?apiKey=insert_fake_api_key&apiSecret=insert_fake_api_secret&callbackUrl="
                + encode(CALLBACK) + "&requestToken=insert_fake_request_token&state=etsy", null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("etsy", reply.json().getString("element"));
        assertEquals(TestEnvironment.mockServerUrl() + "/www.etsy.com/oauth/signin?oauth_token=insert_fake_request_token"
                        + "&oauth_callback=https%3A%2F%2Ffakecallbackurl.com%2Fauth%3Fstate%3Detsy",
                reply.json().getString("oauthUrl"));
        assertApiError(hub.get("elements/etsy/oauth/url?apiKey=k&callbackUrl=" + encode(CALLBACK), null), 400);
    }

    @Test
    void magentoStepTwoTemplatesTheAuthorizeUrlOnTheStore() {
        var reply = hub.get("elements/magento/oauth/url?apiKey=K&apiSecret=S&callbackUrl=" + encode("https://www.mycoolapp.com/auth")
                + "&requestToken=dc323a3fe83a4f23ecb7976d&siteAddress=" + encode("https://www.mycoolapp.com"), null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("https://www.mycoolapp.com/admin/oauth_authorize?oauth_token=dc323a3fe83a4f23ecb7976d"
                + "&oauth_callback=https%3A%2F%2Fwww.mycoolapp.com%2Fauth%3Fstate%3Dmagento", reply.json().getString("oauthUrl"));
        var bareHost = hub.get("elements/magento/oauth/url?apiKey=K&callbackUrl=" + encode("https://app.test/cb")
                + "&requestToken=t&siteAddress=mycompany.example.com", null);
        assertTrue(bareHost.json().getString("oauthUrl").startsWith("https://mycompany.example.com/admin/oauth_authorize?"), bareHost::toString);
    }

    @Test
    void instagramStepOneBuildsTheOAuth2AuthorizeUrl() {
        var reply = hub.get("elements/instagram/oauth/url?apiKey=fake_instagram_client_id&apiSecret=fake_instagram_client_secret"
                + "&callbackUrl=" + encode("https://www.demonstrab.ly/authz") + "&state=instagram", null);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject json = reply.json();
        assertEquals("instagram", json.getString("element"));
        assertEquals(TestEnvironment.mockServerUrl() + "/api.instagram.com/oauth/authorize?response_type=code"
                + "&client_id=fake_instagram_client_id&redirect_uri=https%3A%2F%2Fwww.demonstrab.ly%2Fauthz"
                + "&scope=basic+comments+relationships+likes&state=instagram", json.getString("oauthUrl"));
    }

    @Test
    void oauth2UrlDefaultsStateToTheElementKeyAndTakesAGivenScope() {
        var acton = hub.get("elements/acton/oauth/url?apiKey=insert_client_id&apiSecret=insert_client_secret&callbackUrl="
                + encode("https://www.mycoolapp.com/auth"), null);
        assertEquals(200, acton.status(), acton::toString);
        String url = acton.json().getString("oauthUrl");
        assertTrue(url.contains("scope=PRODUCTION") && url.endsWith("&state=acton"), url);

        var basecrm = hub.get("elements/basecrm/oauth/url?apiKey=id&callbackUrl=" + encode("https://www.mycoolapp.com/auth")
                + "&scope=read&state=xyz", null);
        assertEquals("base", basecrm.json().getString("element"));
        assertTrue(basecrm.json().getString("oauthUrl").endsWith("&scope=read&state=xyz"), basecrm::toString);
    }

    @Test
    void stepTwoAcceptsTheSameFieldsAsAJsonBody() {
        var reply = hub.post("elements/base/oauth/url", """
                {"apiKey": "id", "apiSecret": "secret", "callbackUrl": "https://www.mycoolapp.com/auth", "state": "base"}
                """, null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.json().getString("oauthUrl").contains("client_id=id&redirect_uri=https%3A%2F%2Fwww.mycoolapp.com%2Fauth"));
        var missing = hub.post("elements/base/oauth/url", "{}", null);
        assertApiError(missing, 400);
        assertTrue(missing.json().getString("message").contains("apiKey"));
        assertApiError(hub.post("elements/base/oauth/url", "{\"apiKey\": ", null), 400);
        var noBody = hub.send("POST", "elements/base/oauth/url", "null", "application/json", null);
        assertApiError(noBody, 400);
        assertEquals("A JSON body with apiKey, callbackUrl and the other OAuth fields is required.", noBody.json().getString("message"));
    }

    @Test
    void credentialsAreOptionalButCheckedWhenSent() {
        String query = "elements/instagram/oauth/url?apiKey=k&callbackUrl=" + encode(CALLBACK);
        assertEquals(200, hub.get(query, HubClient.BOOTSTRAP_AUTH).status());
        assertApiError(hub.get(query, HubClient.auth("wrong", "wrong")), 401);
    }
}
