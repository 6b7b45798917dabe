package io.plugboard.events.control;

import io.plugboard.elements.entity.ElementDefinition.Finder;
import io.plugboard.elements.entity.ElementDefinition.Webhook;
import io.plugboard.events.control.WebhookRouting.Selection;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class WebhookRoutingTest {

    static final JsonStructure PAYLOAD = Json.createObjectBuilder()
            .add("account", Json.createObjectBuilder().add("id", "acct-7").add("number", 9001))
            .build();

    static Webhook routing(String... styles) {
        return new Webhook(null, List.of(styles), new Finder("/account/id", "provider.account.id"), null, null);
    }

    @Test
    void pathIdsInEveryEncodingCloudElementsUses() {
        String base64 = Base64.getEncoder().encodeToString("20931".getBytes(StandardCharsets.US_ASCII));
        assertEquals("MjA5MzE=", base64, "the closeio example of the research notes");
        assertEquals(Optional.of(20931L), WebhookRouting.pathId("MjA5MzE="));
        assertEquals(Optional.of(20931L), WebhookRouting.pathId("MjA5MzE"), "padding optional");
        assertEquals(Optional.of(20931L), WebhookRouting.pathId("20931"), "Zuora's plain id");
        // Digits never encode to + or /, so base64url differs from base64 only by the dropped padding.
        long id = 9_999_995_238L;
        String standard = Base64.getEncoder().encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
        assertEquals(Optional.of(id), WebhookRouting.pathId(standard));
        assertEquals(Optional.of(id), WebhookRouting.pathId(url));
        assertEquals(Optional.of(id), WebhookRouting.pathId(standard.replace('=', ' ').strip() + "="), "odd padding");
    }

    @Test
    void pathSegmentsThatAreNoIdNameNothing() {
        assertEquals(Optional.empty(), WebhookRouting.pathId("bm90LWFuLWlk"), "base64 of not-an-id");
        assertEquals(Optional.empty(), WebhookRouting.pathId("%%%"));
        assertEquals(Optional.empty(), WebhookRouting.pathId("A"), "one character is never base64");
        assertInstanceOf(Selection.Nothing.class, WebhookRouting.select(routing("path"), "bm90LWFuLWlk", null, PAYLOAD));
    }

    @Test
    void headerFansOutWithoutRepeats() {
        assertEquals(new Selection.Ids(List.of(5L, 7L)), WebhookRouting.select(routing("header"), null, " 5, 7,5", PAYLOAD));
        assertInstanceOf(Selection.Nothing.class, WebhookRouting.select(routing("header"), null, "5,x", PAYLOAD));
    }

    @Test
    void payloadValueByPointerStringOrNumber() {
        assertEquals(new Selection.ByValue("provider.account.id", "acct-7"),
                WebhookRouting.select(routing("payload"), null, null, PAYLOAD));
        Webhook byNumber = new Webhook(null, List.of("payload"), new Finder("/account/number", "n"), null, null);
        assertEquals(new Selection.ByValue("n", "9001"), WebhookRouting.select(byNumber, null, null, PAYLOAD));
        Webhook nowhere = new Webhook(null, List.of("payload"), new Finder("/missing", "n"), null, null);
        assertInstanceOf(Selection.Nothing.class, WebhookRouting.select(nowhere, null, null, PAYLOAD));
    }

    @Test
    void theFirstStyleTheRequestCarriesDecidesInTheElementsOrder() {
        Webhook all = routing("path", "header", "payload");
        assertEquals(new Selection.Ids(List.of(20931L)), WebhookRouting.select(all, "MjA5MzE", "5", PAYLOAD));
        assertEquals(new Selection.Ids(List.of(5L)), WebhookRouting.select(all, null, "5", PAYLOAD));
        assertEquals(new Selection.ByValue("provider.account.id", "acct-7"), WebhookRouting.select(all, null, null, PAYLOAD));
    }

    @Test
    void aStyleTheElementDoesNotListIsIgnored() {
        assertInstanceOf(Selection.Nothing.class, WebhookRouting.select(routing("payload"), "MjA5MzE", "5",
                Json.createObjectBuilder().build()), "path and header are not this element's way");
    }
}
