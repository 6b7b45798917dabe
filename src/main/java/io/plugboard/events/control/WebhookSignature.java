package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A provider's own signature over its webhook, as the element's {@code webhook.signature} data
 * describes it: the header holds {@code prefix + encoding(HMAC(algorithm, key = the instance's
 * secret as UTF-8, message = the raw body bytes))}. Compared in constant time, so the answer's
 * timing tells an attacker nothing about how much of a guess was right. Hex is compared ignoring
 * case, since providers write it either way.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** True only when {@code headerValue} is the signature of {@code body} under {@code secret}. */
    public static boolean verifies(ElementDefinition.Signature signature, String secret, byte[] body, String headerValue) {
        if (secret == null || secret.isEmpty() || headerValue == null) {
            return false;
        }
        String prefix = signature.prefix() == null ? "" : signature.prefix();
        String given = headerValue.strip();
        if (!given.startsWith(prefix)) {
            return false;
        }
        given = given.substring(prefix.length());
        String expected;
        try {
            expected = encode(signature.encoding(), mac(signature.algorithm(), secret, body));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // an algorithm this JDK lacks verifies nothing
        }
        if (isHex(signature.encoding())) {
            given = given.toLowerCase(Locale.ROOT);
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] mac(String algorithm, String secret, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(body);
    }

    private static String encode(String encoding, byte[] digest) {
        if (isHex(encoding)) {
            return HexFormat.of().formatHex(digest);
        }
        if ("base64".equalsIgnoreCase(encoding)) {
            return Base64.getEncoder().encodeToString(digest);
        }
        throw new IllegalArgumentException("Unknown signature encoding " + encoding);
    }

    private static boolean isHex(String encoding) {
        return "hex".equalsIgnoreCase(encoding);
    }
}
