package io.plugboard.events.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * The body and signature of a notification, as Cloud Elements sends them, so an application
 * written for it verifies Plugboard's notifications unchanged:
 * {@code {"message": {"eventId", "instanceId", "instance_id", "elementKey", "events": [...], "raw": {...}}}}
 * and {@code Elements-Webhook-Signature: sha256=<base64 HMAC-SHA256(key as UTF-8, raw body)>}.
 */
public final class CallbackMessages {

    public static final String WEBHOOK_ID_HEADER = "Elements-Webhook-Id";
    public static final String SIGNATURE_HEADER = "Elements-Webhook-Signature";
    private static final String HMAC = "HmacSHA256";

    private CallbackMessages() {
    }

    /** The exact bytes POSTed; the same for every attempt of one event. */
    static byte[] body(long eventId, long instanceId, String elementKey, String storedChanges, String raw) {
        JsonObjectBuilder message = JSON.createObjectBuilder()
                .add("eventId", eventId)
                .add("instanceId", instanceId)
                .add("instance_id", instanceId)
                .add("elementKey", elementKey)
                .add("events", Change.storedArray(storedChanges))
                .add("raw", rawValue(raw));
        return JSON.createObjectBuilder().add("message", message).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code sha256=} and the base64 HMAC-SHA256 of the body under the instance's signature key. */
    public static String signature(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The stored raw data as JSON; a text that is not JSON is carried as a string. */
    private static JsonValue rawValue(String raw) {
        if (raw == null || raw.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new StringReader(raw))) {
            return reader.readValue();
        } catch (JsonException e) {
            return JSON.createValue(raw);
        }
    }
}
