package io.plugboard.events.control;

import io.plugboard.events.control.PolledRecords.Polled;
import io.plugboard.events.control.PollerConfiguration.Resource;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.proxy.control.HubUrl;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One resource read for one window: the URLs asked for, where paging stops, what fails the window, and the notifications. */
class ResourcePollTest {

    static final OffsetDateTime POLLED_UNTIL = OffsetDateTime.parse("2024-03-05T12:00:00Z");
    static final OffsetDateTime END = OffsetDateTime.parse("2024-03-05T12:15:00Z");
    static final Function<String, String> NO_CONFIGURATION = key -> null;

    /** Answers pages from a list, notes every URL asked for. */
    static final class Pages implements Function<HubUrl, Outcome<ProviderResponse.Answered>> {
        final List<String> asked = new ArrayList<>();
        final List<Outcome<ProviderResponse.Answered>> answers;

        Pages(List<Outcome<ProviderResponse.Answered>> answers) {
            this.answers = answers;
        }

        @Override
        public Outcome<ProviderResponse.Answered> apply(HubUrl url) {
            asked.add(url.toString());
            return asked.size() <= answers.size() ? answers.get(asked.size() - 1) : ok("[]");
        }
    }

    static Outcome<ProviderResponse.Answered> ok(String body) {
        return answer(200, body);
    }

    static Outcome<ProviderResponse.Answered> answer(int status, String body) {
        return Outcome.success(new ProviderResponse.Answered(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), false));
    }

    static String record(int id, String updated) {
        return "{\"id\": " + id + ", \"updated\": \"" + updated + "\", \"created\": \"2024-01-01T00:00:00Z\"}";
    }

    static final Resource PAGED = PolledRecordsTest.resource("/hubs/x/things?since=${gmtDate:HH:mm:ss}", "\"idField\": \"id\", \"pageSize\": 2, \"pollDelay\": 60,"
            + " \"datesConfiguration\": {\"updatedDateField\": \"updated\", \"createdDateField\": \"created\"},"
            + " \"paging\": {\"type\": \"page\", \"sizeParameter\": \"per_page\", \"maxPages\": 3}");

    static List<Polled> read(Resource resource, Pages pages) {
        var outcome = ResourcePoll.read(resource, POLLED_UNTIL, END, NO_CONFIGURATION, pages);
        return ((Outcome.Success<List<Polled>>) assertInstanceOf(Outcome.Success.class, outcome, outcome::toString)).value();
    }

    @Test
    void readsPagesUntilAShortPageWithTheWindowStartInTheUrl() {
        Pages pages = new Pages(List.of(
                ok("[" + record(1, "2024-03-05T12:05:00Z") + "," + record(2, "2024-03-05T11:59:30Z") + "]"),
                ok("[" + record(3, "2024-03-05T11:00:00Z") + "]")));
        List<Polled> changed = read(PAGED, pages);
        assertEquals(List.of("/hubs/x/things?since=11%3A59%3A00&per_page=2&page=1",
                "/hubs/x/things?since=11%3A59%3A00&per_page=2&page=2"), pages.asked, "the window starts pollDelay early");
        assertEquals(List.of("1", "2"), changed.stream().map(p -> p.change().objectId()).toList(),
                "record 2 is inside the delayed window, record 3 before it");
    }

    @Test
    void stopsAtAnEmptyPageOrAtMaxPages() {
        Pages empty = new Pages(List.of(ok("[" + record(1, "2024-03-05T12:05:00Z") + "," + record(2, "2024-03-05T12:05:00Z") + "]"),
                ok("[]")));
        assertEquals(2, read(PAGED, empty).size());
        assertEquals(2, empty.asked.size());

        String full = "[" + record(1, "2024-03-05T12:05:00Z") + "," + record(2, "2024-03-05T12:05:00Z") + "]";
        Pages endless = new Pages(List.of(ok(full), ok(full), ok(full), ok(full)));
        assertEquals(6, read(PAGED, endless).size());
        assertEquals(3, endless.asked.size(), "maxPages");
    }

    @Test
    void configurationPlaceholdersTakeTheInstancesValues() {
        Resource shop = PolledRecordsTest.resource("/hubs/x/shops/{shop.id}/orders?since=${epoch:s}", "");
        Pages pages = new Pages(List.of());
        var outcome = ResourcePoll.read(shop, POLLED_UNTIL, END, key -> key.equals("shop.id") ? "my shop/1" : null, pages);
        assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(List.of("/hubs/x/shops/my+shop%2F1/orders?since=" + POLLED_UNTIL.toEpochSecond()), pages.asked);

        var missing = ResourcePoll.read(shop, POLLED_UNTIL, END, NO_CONFIGURATION, new Pages(List.of()));
        assertTrue(assertInstanceOf(Outcome.Invalid.class, missing).message().contains("needs the configuration value shop.id"));
    }

    @Test
    void offsetPagingCountsRecords() {
        Resource offset = PolledRecordsTest.resource("\"pageSize\": 2, \"paging\": {\"type\": \"offset\", \"pageParameter\": \"skip\","
                + " \"sizeParameter\": \"limit\", \"first\": 0}");
        Pages pages = new Pages(List.of(ok("[{}, {}]"), ok("[{}, {}]"), ok("[{}]")));
        assertEquals(5, read(offset, pages).size());
        assertEquals(List.of("/hubs/x/things?limit=2&skip=0", "/hubs/x/things?limit=2&skip=2", "/hubs/x/things?limit=2&skip=4"),
                pages.asked);
    }

    @Test
    void withoutPagingOneCallWithoutPageSizeAnEmptyPageEnds() {
        Pages once = new Pages(List.of(ok("[{}, {}, {}]")));
        assertEquals(3, read(PolledRecordsTest.resource(""), once).size());
        assertEquals(List.of("/hubs/x/things"), once.asked);

        Resource unsized = PolledRecordsTest.resource("\"paging\": {\"type\": \"page\", \"maxPages\": 5}");
        Pages pages = new Pages(List.of(ok("[{}]"), ok("[{}]"), ok("[]")));
        assertEquals(2, read(unsized, pages).size());
        assertEquals(3, pages.asked.size());
    }

    @Test
    void anyFailedPageFailsTheWholeResource() {
        String full = "[" + record(1, "2024-03-05T12:05:00Z") + "," + record(2, "2024-03-05T12:05:00Z") + "]";
        var status = ResourcePoll.read(PAGED, POLLED_UNTIL, END, NO_CONFIGURATION, new Pages(List.of(ok(full), answer(500, "{\"error\": \"down\"}"))));
        var failed = assertInstanceOf(Outcome.ProviderFailed.class, status);
        assertEquals("Resource 'things': GET /hubs/x/things?since=11%3A59%3A00&per_page=2&page=2 answered 500.", failed.message());
        assertEquals("{\"error\": \"down\"}", failed.providerMessage());

        var timeout = ResourcePoll.read(PAGED, POLLED_UNTIL, END, NO_CONFIGURATION,
                new Pages(List.of(new Outcome.ProviderTimedOut<>("The provider did not answer in time."))));
        assertInstanceOf(Outcome.ProviderTimedOut.class, timeout);

        var notJson = ResourcePoll.read(PAGED, POLLED_UNTIL, END, NO_CONFIGURATION, new Pages(List.of(ok("<html/>"))));
        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class, notJson).message().contains("not JSON"));

        var cut = ResourcePoll.read(PAGED, POLLED_UNTIL, END, NO_CONFIGURATION, new Pages(List.of(Outcome.success(
                new ProviderResponse.Answered(200, Map.of(), "[".getBytes(StandardCharsets.UTF_8), true)))));
        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class, cut).message().contains("lower pageSize"));
    }

    @Test
    void notificationsCarryTenChangesAndTheirOwnRecords() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 1; i <= 23; i++) {
            body.append(i > 1 ? "," : "").append(record(i, "2024-03-05T12:05:00Z"));
        }
        List<Polled> changed = read(PolledRecordsTest.resource("\"idField\": \"id\""), new Pages(List.of(ok(body + "]"))));
        List<Notification> notifications = ResourcePoll.notifications("things", changed);
        assertEquals(List.of(10, 10, 3), notifications.stream().map(n -> n.changes().size()).toList());
        JsonObject raw = (JsonObject) PolledRecordsTest.json(notifications.get(2).raw());
        assertEquals("things", raw.getString("objectType"));
        assertEquals(List.of(21, 22, 23), raw.getJsonArray("things").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getInt("id")).toList());
        assertEquals(List.of("21", "22", "23"), notifications.get(2).changes().stream().map(Change::objectId).toList());
    }
}
