package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A hub URL as the hub's own features write it: hub, path, and the query decoded leniently. */
class HubUrlTest {

    static HubUrl parsed(String url) {
        return ((Outcome.Success<HubUrl>) assertInstanceOf(Outcome.Success.class, HubUrl.parse(url))).value();
    }

    @Test
    void splitsHubPathAndQuery() {
        HubUrl url = parsed("/hubs/crm/contacts/7?where=updated+>'2024-03-05T12%3A00%3A00Z'&tag=a&tag=b&flag");
        assertEquals("crm", url.hub());
        assertEquals("contacts/7", url.path());
        assertEquals(Map.of("where", List.of("updated >'2024-03-05T12:00:00Z'"), "tag", List.of("a", "b"), "flag", List.of("")),
                url.query());
    }

    @Test
    void aRawCharacterOrABrokenEscapeIsKeptAsWritten() {
        assertEquals(List.of("created >'100%'"), parsed("/hubs/payment/events?where=created >'100%'").query().get("where"));
    }

    @Test
    void withReplacesOneParameterAndToStringEncodes() {
        HubUrl url = parsed("/hubs/crm/contacts?page=1&sort=a b").with("page", "2").with("per_page", "50");
        assertEquals("/hubs/crm/contacts?page=2&sort=a+b&per_page=50", url.toString());
        assertEquals("/hubs/social", parsed("/hubs/social").toString());
    }

    @Test
    void onlyHubUrls() {
        assertInstanceOf(Outcome.Invalid.class, HubUrl.parse("https://api.example.com/hubs/crm/x"));
        assertInstanceOf(Outcome.Invalid.class, HubUrl.parse("/hubs//x"));
        assertInstanceOf(Outcome.Invalid.class, HubUrl.parse(null));
    }
}
