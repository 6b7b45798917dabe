package io.plugboard.proxy.control;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A list's records go back to their itemRoot, so one mapping reads an entry as it reads one object's answer. */
class HubExchangeTest {

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void aRecordIsPutBackAtItsItemRoot() {
        JsonValue record = json("{\"id\": 1}");
        assertEquals(record, HubExchange.enveloped(record, null));
        assertEquals(record, HubExchange.enveloped(record, ""));
        assertEquals(json("{\"data\": {\"id\": 1}}"), HubExchange.enveloped(record, "/data"));
        assertEquals(json("{\"a\": {\"b/c\": {\"~d\": {\"id\": 1}}}}"), HubExchange.enveloped(record, "/a/b~1c/~0d"));
    }
}
