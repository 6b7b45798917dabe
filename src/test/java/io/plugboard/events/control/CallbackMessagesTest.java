package io.plugboard.events.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CallbackMessagesTest {

    @Test
    void theSignatureIsSha256AndTheBase64HmacOfTheBody() {
        // RFC 4231, test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?") =
        // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, here in base64.
        assertEquals("sha256=W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=",
                CallbackMessages.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBodyIsTheCloudElementsMessage() {
        String changes = Change.toJson(java.util.List.of(new Change("contacts", "42", Change.EventType.CREATED,
                java.time.OffsetDateTime.parse("2026-12-01T10:15:30+01:00"))), "base");
        byte[] body = CallbackMessages.body(9, 5, "base", changes, "{\"contacts\": [{\"id\": 42}]}");
        JsonObject message = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject()
                .getJsonObject("message");
        assertEquals(9, message.getInt("eventId"));
        assertEquals(5, message.getInt("instanceId"));
        assertEquals(5, message.getInt("instance_id"));
        assertEquals("base", message.getString("elementKey"));
        JsonObject change = message.getJsonArray("events").getJsonObject(0);
        assertEquals("CREATED", change.getString("eventType"));
        assertEquals("2026-12-01T09:15:30Z", change.getString("date"), "dates go out in UTC");
        assertEquals(42, message.getJsonObject("raw").getJsonArray("contacts").getJsonObject(0).getInt("id"));
        assertArrayEquals(body, CallbackMessages.body(9, 5, "base", changes, "{\"contacts\": [{\"id\": 42}]}"),
                "every attempt sends the same bytes, so a signature check and a duplicate check hold");
    }

    @Test
    void rawDataThatIsNotJsonTravelsAsAString() {
        byte[] body = CallbackMessages.body(1, 1, "k", "[]", "a=b&c=d");
        assertEquals("a=b&c=d", Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject()
                .getJsonObject("message").getString("raw"));
    }

    @Test
    void retryXWaitsTwoToThe2xSecondsWithTheDefaultFirstDelay() {
        assertEquals(Duration.ofSeconds(4), EventDispatcher.retryDelay(4000, 1));
        assertEquals(Duration.ofSeconds(16), EventDispatcher.retryDelay(4000, 2));
        assertEquals(Duration.ofSeconds(64), EventDispatcher.retryDelay(4000, 3));
        assertEquals(Duration.ofSeconds(1L << 18), EventDispatcher.retryDelay(4000, 9), "the ninth retry about 73 hours on");
    }
}
