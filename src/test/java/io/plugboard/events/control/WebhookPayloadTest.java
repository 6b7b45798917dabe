package io.plugboard.events.control;

import io.plugboard.platform.control.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class WebhookPayloadTest {

    static JsonStructure decoded(String body, String contentType, Map<String, List<String>> query) {
        Outcome<JsonStructure> outcome = WebhookPayload.decode(body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                contentType, query);
        return assertInstanceOf(Outcome.Success.class, outcome, outcome::toString).value() instanceof JsonStructure s ? s : null;
    }

    @Test
    void jsonBodiesAsTheyAreWhateverTheTypeSays() {
        assertEquals(Json.createObjectBuilder().add("a", 1).build(), decoded("{\"a\": 1}", "application/json; charset=utf-8", Map.of()));
        assertEquals(Json.createArrayBuilder().add("x").build(), decoded("[\"x\"]", "text/plain", Map.of()));
        assertEquals(Json.createObjectBuilder().add("a", "\u00e9").build(), decoded("{\"a\": \"\u00e9\"}", null, Map.of()));
    }

    @Test
    void formBodiesBecomeAnObjectOfStringsFirstValueWins() {
        assertEquals(Json.createObjectBuilder().add("userId", "[\"42\"]").add("event", "a b&c").add("flag", "").build(),
                decoded("userId=%5B%2242%22%5D&event=a+b%26c&flag&userId=other", "application/x-www-form-urlencoded", Map.of()));
    }

    @Test
    void aBodylessCallCarriesItsPayloadInTheQuery() {
        assertEquals(Json.createObjectBuilder().add("ticket", "{\"id\":1}").build(),
                decoded(null, null, Map.of("ticket", List.of("{\"id\":1}", "second"))));
        assertEquals(Json.createObjectBuilder().build(), decoded("", "application/json", Map.of()));
    }

    @Test
    void malformedBodiesAreInvalid() {
        assertInstanceOf(Outcome.Invalid.class, WebhookPayload.decode("{\"a\": ".getBytes(StandardCharsets.UTF_8), "application/json", Map.of()));
        assertInstanceOf(Outcome.Invalid.class, WebhookPayload.decode("{} trailing".getBytes(StandardCharsets.UTF_8), "application/json", Map.of()));
        assertInstanceOf(Outcome.Invalid.class, WebhookPayload.decode("\"scalar\"".getBytes(StandardCharsets.UTF_8), "application/json", Map.of()));
        assertInstanceOf(Outcome.Invalid.class, WebhookPayload.decode("<xml/>".getBytes(StandardCharsets.UTF_8), "application/xml", Map.of()));
        assertInstanceOf(Outcome.Invalid.class, WebhookPayload.decode("a=%zz".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", Map.of()), "a broken percent escape");
        assertInstanceOf(Outcome.Invalid.class, WebhookPayload.decode(new byte[] {'{', (byte) 0xC3, '}'}, "application/json", Map.of()),
                "not UTF-8");
        assertInstanceOf(Outcome.Invalid.class, WebhookPayload.decode("{}".getBytes(StandardCharsets.UTF_8),
                "application/json; charset=no-such-charset", Map.of()));
    }
}
