package io.plugboard.oauth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

    private static OAuth1Signer signerAt(long epochSecond, String nonce) {
        return new OAuth1Signer(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), () -> nonce);
    }

    /**
     * RFC 5849 section 1.2: the photo-printing example. The published signature is over the parameters
     * the RFC sends, which do not include the optional {@code oauth_version}.
     */
    @Nested
    class Rfc5849Example {

        private static final String SIGNATURE = "MdpQcU8iPSUjWoN/UDMsK2sui9I=";

        private final URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        private final OAuth1Credentials credentials =
                new OAuth1Credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00");
        private final OAuth1Signer signer = signerAt(137131202L, "chapoH").withoutVersion();

        @Test
        void protocolParametersAndSignature() {
            Map<String, String> parameters = signer.oauthParameters("GET", uri, Map.of(), credentials, Map.of());

            assertEquals(List.of("oauth_consumer_key", "oauth_nonce", "oauth_signature_method", "oauth_timestamp",
                    "oauth_token", "oauth_signature"), List.copyOf(parameters.keySet()));
            assertEquals("dpf43f3p2l4k3l03", parameters.get("oauth_consumer_key"));
            assertEquals("chapoH", parameters.get("oauth_nonce"));
            assertEquals("HMAC-SHA1", parameters.get("oauth_signature_method"));
            assertEquals("137131202", parameters.get("oauth_timestamp"));
            assertEquals("nnch734d00sl2jdk", parameters.get("oauth_token"));
            assertEquals(SIGNATURE, parameters.get("oauth_signature"));
        }

        @Test
        void authorizationHeader() {
            String header = signer.authorizationHeader("GET", uri, Map.of(), credentials, Map.of());

            assertTrue(header.startsWith("OAuth "), header);
            assertTrue(header.contains("oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\""), header);
            assertEquals("OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_nonce=\"chapoH\", "
                    + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131202\", "
                    + "oauth_token=\"nnch734d00sl2jdk\", "
                    + "oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"", header);
        }

        @Test
        void baseStringAndSignature() {
            String baseString = OAuth1Signer.baseString("get", uri, withRequestParameters(
                    Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                    Map.entry("oauth_nonce", "chapoH"),
                    Map.entry("oauth_signature_method", "HMAC-SHA1"),
                    Map.entry("oauth_timestamp", "137131202"),
                    Map.entry("oauth_token", "nnch734d00sl2jdk")));

            assertEquals("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                    + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH"
                    + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
                    + "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal", baseString);
            assertEquals(SIGNATURE, OAuth1Signer.sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
        }

        @Test
        void defaultSignerAddsVersionToTheBaseString() {
            OAuth1Signer versioned = signerAt(137131202L, "chapoH");
            String baseString = OAuth1Signer.baseString("GET", uri, withRequestParameters(
                    Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                    Map.entry("oauth_nonce", "chapoH"),
                    Map.entry("oauth_signature_method", "HMAC-SHA1"),
                    Map.entry("oauth_timestamp", "137131202"),
                    Map.entry("oauth_token", "nnch734d00sl2jdk"),
                    Map.entry("oauth_version", "1.0")));

            assertEquals("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                    + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH"
                    + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
                    + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal", baseString);
            // Not a published value: cross-checked with `openssl dgst -sha1 -hmac 'kd94hf93k423kf44&pfkkdhi9sl3r4s00'`.
            assertEquals("1IAE9RzK+DqSqVTdQ/0zWANXVzs=",
                    versioned.oauthParameters("GET", uri, Map.of(), credentials, Map.of()).get("oauth_signature"));
        }

        @SafeVarargs
        private List<Map.Entry<String, String>> withRequestParameters(Map.Entry<String, String>... oauth) {
            List<Map.Entry<String, String>> parameters = new ArrayList<>(OAuth1Signer.requestParameters(uri, Map.of()));
            parameters.addAll(List.of(oauth));
            return parameters;
        }
    }

    /** X/Twitter developer guide, "Creating a signature". */
    @Test
    void twitterDeveloperGuideVector() {
        URI uri = URI.create("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");
        Map<String, List<String>> form = Map.of("status", List.of("Hello Ladies + Gentlemen, a signed OAuth request!"));
        OAuth1Credentials credentials = new OAuth1Credentials(
                "xvz1evFS4wEEPTGEFPHBog",
                "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
        OAuth1Signer signer = signerAt(1318622958L, "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg");

        Map<String, String> parameters = signer.oauthParameters("POST", uri, form, credentials, Map.of());

        assertEquals("hCtSmYh+iHYCEqBWrE7C7hYmtUk=", parameters.get("oauth_signature"));
        assertEquals("Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
                OAuth1Signer.percentEncode("Hello Ladies + Gentlemen, a signed OAuth request!"));
    }

    @Nested
    class PercentEncoding {

        @Test
        void encodesReservedAndSubDelimiters() {
            assertEquals("%21%2A%27%28%29", OAuth1Signer.percentEncode("!*'()"));
            assertEquals("%20", OAuth1Signer.percentEncode(" "));
            assertEquals("%2B%26%3D%2F%3A%25", OAuth1Signer.percentEncode("+&=/:%"));
        }

        @Test
        void leavesUnreservedAlone() {
            assertEquals("~-._", OAuth1Signer.percentEncode("~-._"));
            assertEquals("AZaz09", OAuth1Signer.percentEncode("AZaz09"));
        }

        @Test
        void encodesNonAsciiAsUppercaseUtf8() {
            assertEquals("%C3%A9", OAuth1Signer.percentEncode("é"));
            assertEquals("%E2%82%AC", OAuth1Signer.percentEncode("€"));
            assertEquals("%F0%9F%94%8C", OAuth1Signer.percentEncode("\uD83D\uDD0C"));
        }
    }

    /** RFC 5849 section 3.4.1.3: the request {@code POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b}. */
    @Nested
    class ParameterNormalization {

        private final URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        // Body "c2&a3=2+q", decoded: "c2" without "=" has an empty value, "+" is a space.
        private final Map<String, List<String>> form = orderedForm("c2", "", "a3", "2 q");

        private List<Map.Entry<String, String>> allParameters() {
            List<Map.Entry<String, String>> parameters = new ArrayList<>(OAuth1Signer.requestParameters(uri, form));
            parameters.addAll(List.of(
                    Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"),
                    Map.entry("oauth_token", "kkk9d7dh3k39sjv7"),
                    Map.entry("oauth_signature_method", "HMAC-SHA1"),
                    Map.entry("oauth_timestamp", "137131201"),
                    Map.entry("oauth_nonce", "7d8f3e4a")));
            return parameters;
        }

        @Test
        void decodesTheQueryAsFormData() {
            assertEquals(List.of(
                            Map.entry("b5", "=%3D"), Map.entry("a3", "a"), Map.entry("c@", ""), Map.entry("a2", "r b")),
                    OAuth1Signer.decodeQuery(uri.getRawQuery()));
            assertEquals(List.of(Map.entry("c2", ""), Map.entry("a3", "2 q"), Map.entry("x", "a+b")),
                    OAuth1Signer.decodeQuery("c2&a3=2+q&&x=a%2Bb"));
        }

        @Test
        void normalizedParameterString() {
            assertEquals("a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2"
                            + "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201"
                            + "&oauth_token=kkk9d7dh3k39sjv7",
                    OAuth1Signer.normalizeParameters(allParameters()));
        }

        @Test
        void baseStringFromSection341() {
            assertEquals("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da"
                            + "%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
                            + "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
                            + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
                    OAuth1Signer.baseString("POST", uri, allParameters()));
        }

        private static Map<String, List<String>> orderedForm(String... namesAndValues) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                form.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
            }
            return form;
        }
    }

    @Nested
    class BaseStringUri {

        @Test
        void lowercasesSchemeAndHostDropsDefaultPortQueryAndFragment() {
            assertEquals("http://example.com/r%20v/X",
                    OAuth1Signer.baseStringUri(URI.create("HTTP://Example.COM:80/r%20v/X?id=123")));
            assertEquals("http://example.com/r%20v/X",
                    OAuth1Signer.baseStringUri(URI.create("http://example.com/r%20v/X#section")));
        }

        @Test
        void keepsNonDefaultPort() {
            assertEquals("https://www.example.net:8080/",
                    OAuth1Signer.baseStringUri(URI.create("https://www.example.net:8080/?q=1")));
            assertEquals("http://example.com:8080/path",
                    OAuth1Signer.baseStringUri(URI.create("http://example.com:8080/path")));
            assertEquals("http://example.com:443/path",
                    OAuth1Signer.baseStringUri(URI.create("http://example.com:443/path")));
        }

        @Test
        void dropsHttpsDefaultPort() {
            assertEquals("https://example.com/path",
                    OAuth1Signer.baseStringUri(URI.create("https://example.com:443/path")));
        }

        @Test
        void emptyPathBecomesSlash() {
            assertEquals("https://example.com/", OAuth1Signer.baseStringUri(URI.create("https://example.com")));
        }

        @Test
        void rejectsRelativeUri() {
            assertThrows(IllegalArgumentException.class, () -> OAuth1Signer.baseStringUri(URI.create("/request")));
        }
    }

    /** Obtaining temporary credentials: no token yet, and the callback must be signed. */
    @Nested
    class RequestToken {

        private final URI uri = URI.create("https://photos.example.net/initiate");
        private final OAuth1Credentials credentials = OAuth1Credentials.consumerOnly("dpf43f3p2l4k3l03", "kd94hf93k423kf44");
        private final OAuth1Signer signer = signerAt(137131200L, "wIjqoS");
        private final Map<String, String> callback = Map.of("oauth_callback", "http://printer.example.com/ready");

        @Test
        void signsWithEmptyTokenSecretAndIncludesCallback() throws Exception {
            Map<String, String> parameters = signer.oauthParameters("POST", uri, Map.of(), credentials, callback);

            assertFalse(parameters.containsKey("oauth_token"));
            assertEquals("http://printer.example.com/ready", parameters.get("oauth_callback"));
            String expectedBaseString = "POST&https%3A%2F%2Fphotos.example.net%2Finitiate"
                    + "&oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready"
                    + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS"
                    + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200%26oauth_version%3D1.0";
            // Independent HMAC: the key is the encoded consumer secret followed by a bare "&".
            assertEquals(hmacSha1Base64("kd94hf93k423kf44&", expectedBaseString), parameters.get("oauth_signature"));
        }

        @Test
        void callbackChangesTheSignature() {
            String withCallback = signer.oauthParameters("POST", uri, Map.of(), credentials, callback)
                    .get("oauth_signature");
            String otherCallback = signer.oauthParameters("POST", uri, Map.of(), credentials,
                    Map.of("oauth_callback", "oob")).get("oauth_signature");

            assertNotEquals(withCallback, otherCallback);
        }

        @Test
        void headerCarriesEncodedCallbackAndNoToken() {
            String header = signer.authorizationHeader("POST", uri, Map.of(), credentials, callback);

            assertTrue(header.contains("oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\""), header);
            assertFalse(header.contains("oauth_token"), header);
        }

        @Test
        void nullTokenSecretSignsLikeEmpty() {
            assertEquals(OAuth1Signer.sign("base", "secret", ""), OAuth1Signer.sign("base", "secret", null));
        }
    }

    @Test
    void rejectsExtraParametersThatAreNotProtocolParametersOrClash() {
        OAuth1Signer signer = signerAt(1L, "n");
        URI uri = URI.create("https://example.com/");
        OAuth1Credentials credentials = OAuth1Credentials.consumerOnly("key", "secret");

        assertThrows(IllegalArgumentException.class,
                () -> signer.oauthParameters("GET", uri, Map.of(), credentials, Map.of("realm", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> signer.oauthParameters("GET", uri, Map.of(), credentials, Map.of("oauth_signature", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> signer.oauthParameters("GET", uri, Map.of(), credentials, Map.of("oauth_nonce", "x")));
    }

    @Test
    void defaultSignerUsesFreshNoncesAndCurrentTime() {
        OAuth1Signer signer = new OAuth1Signer();
        URI uri = URI.create("https://example.com/");
        OAuth1Credentials credentials = OAuth1Credentials.consumerOnly("key", "secret");
        long before = Instant.now().getEpochSecond();

        Map<String, String> first = signer.oauthParameters("GET", uri, Map.of(), credentials, Map.of());
        Map<String, String> second = signer.oauthParameters("GET", uri, Map.of(), credentials, Map.of());

        assertTrue(first.get("oauth_nonce").matches("[0-9a-f]{32}"), first.get("oauth_nonce"));
        assertNotEquals(first.get("oauth_nonce"), second.get("oauth_nonce"));
        long timestamp = Long.parseLong(first.get("oauth_timestamp"));
        assertTrue(timestamp >= before && timestamp <= Instant.now().getEpochSecond());
    }

    @Test
    void credentialsToStringMasksSecrets() {
        OAuth1Credentials credentials =
                new OAuth1Credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00");

        String text = credentials.toString();

        assertFalse(text.contains("kd94hf93k423kf44"), text);
        assertFalse(text.contains("pfkkdhi9sl3r4s00"), text);
        assertTrue(text.contains("dpf43f3p2l4k3l03"), text);
    }

    private static String hmacSha1Base64(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
