package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition.Signature;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider signature check against signatures computed here with the JDK's HMAC directly. */
class WebhookSignatureTest {

    static final byte[] BODY = "{\"id\":\"42\",\"event\":\"updated\"}".getBytes(StandardCharsets.UTF_8);
    static final String SECRET = "whsec-\u00e9t\u00e9"; // non-ASCII: the key is the secret's UTF-8 bytes

    static byte[] hmac(String algorithm, String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(body);
    }

    @Test
    void hexWithPrefix() throws Exception {
        Signature signature = new Signature("X-Hub-Signature-256", "HmacSHA256", "hex", "sha256=", "webhook.secret");
        String hex = HexFormat.of().formatHex(hmac("HmacSHA256", SECRET, BODY));
        assertTrue(WebhookSignature.verifies(signature, SECRET, BODY, "sha256=" + hex));
        assertTrue(WebhookSignature.verifies(signature, SECRET, BODY, "sha256=" + hex.toUpperCase()), "hex in either case");
        assertFalse(WebhookSignature.verifies(signature, SECRET, BODY, hex), "the prefix is part of the value");
        assertFalse(WebhookSignature.verifies(signature, "other", BODY, "sha256=" + hex), "another secret");
    }

    @Test
    void base64WithoutPrefix() throws Exception {
        Signature signature = new Signature("X-Signature", "HmacSHA1", "base64", null, "webhook.secret");
        String base64 = Base64.getEncoder().encodeToString(hmac("HmacSHA1", SECRET, BODY));
        assertTrue(WebhookSignature.verifies(signature, SECRET, BODY, base64));
        assertFalse(WebhookSignature.verifies(signature, SECRET, BODY,
                Base64.getEncoder().encodeToString(hmac("HmacSHA256", SECRET, BODY))), "another algorithm");
    }

    @Test
    void sha512Base64WithPrefix() throws Exception {
        Signature signature = new Signature("X-Sig", "HmacSHA512", "base64", "v1,", "k");
        String value = "v1," + Base64.getEncoder().encodeToString(hmac("HmacSHA512", SECRET, BODY));
        assertTrue(WebhookSignature.verifies(signature, SECRET, BODY, value));
    }

    @Test
    void anyChangedByteOfTheBodyFails() throws Exception {
        Signature signature = new Signature("X-Sig", "HmacSHA256", "base64", "sha256=", "k");
        String value = "sha256=" + Base64.getEncoder().encodeToString(hmac("HmacSHA256", SECRET, BODY));
        byte[] tampered = BODY.clone();
        tampered[7] = '3';
        assertFalse(WebhookSignature.verifies(signature, SECRET, tampered, value));
    }

    @Test
    void missingSecretOrHeaderNeverVerifies() throws Exception {
        Signature signature = new Signature("X-Sig", "HmacSHA256", "hex", "", "k");
        String hex = HexFormat.of().formatHex(hmac("HmacSHA256", SECRET, BODY));
        assertFalse(WebhookSignature.verifies(signature, null, BODY, hex));
        assertFalse(WebhookSignature.verifies(signature, "", BODY, hex));
        assertFalse(WebhookSignature.verifies(signature, SECRET, BODY, null));
        assertFalse(WebhookSignature.verifies(signature, SECRET, BODY, ""));
    }
}
