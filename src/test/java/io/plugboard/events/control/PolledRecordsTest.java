package io.plugboard.events.control;

import io.plugboard.events.control.PolledRecords.Polled;
import io.plugboard.events.control.PollerConfiguration.Resource;
import io.plugboard.platform.control.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records read from an answer, their dates in every format, and the change each one makes in a window. */
class PolledRecordsTest {

    static final OffsetDateTime START = OffsetDateTime.parse("2024-03-05T12:00:00Z");
    static final OffsetDateTime END = OffsetDateTime.parse("2024-03-05T12:15:00Z");

    static Resource resource(String fields) {
        return resource("/hubs/x/things", fields);
    }

    static Resource resource(String url, String fields) {
        return PollerConfigurationTest.parsed("{\"things\": {\"url\": \"" + url + "\"" + (fields.isEmpty() ? "" : ", " + fields)
                + "}}").resources().get(0);
    }

    static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static Optional<Polled> classify(Resource resource, String record) {
        Outcome<Optional<Polled>> outcome = PolledRecords.classify(resource, json(record), START, END);
        return ((Outcome.Success<Optional<Polled>>) assertInstanceOf(Outcome.Success.class, outcome, outcome::toString)).value();
    }

    static Change change(Resource resource, String record) {
        return classify(resource, record).orElseThrow().change();
    }

    static final Resource ISO = resource("\"idField\": \"id\", \"createdCheckTolerance\": 2, \"deletedField\": \"deleted_at\","
            + " \"datesConfiguration\": {\"updatedDateField\": \"updated_at\", \"createdDateField\": \"created_at\"}");

    // --- records ---------------------------------------------------------------------------------

    @Test
    void recordsAreTheAnswerOrWhatItsPointerNames() {
        assertEquals(2, records(resource(""), "[{\"id\": 1}, {\"id\": 2}]").size());
        assertEquals(1, records(resource("\"recordsPath\": \"/data/items\""), "{\"data\": {\"items\": [{\"id\": 1}]}}").size());
        assertEquals(List.of(json("{\"id\": 7}"), json("{\"id\": 8}")),
                records(resource("\"recordsPath\": \"/list\""), "{\"list\": {\"7\": {\"id\": 7}, \"8\": {\"id\": 8}}}"),
                "a list keyed by id gives its values");
        assertEquals(List.of(), records(resource("\"recordsPath\": \"/items\""), "{\"meta\": {}}"), "no list: no records");
        assertEquals(List.of(), records(resource("\"recordsPath\": \"/items\""), "{\"items\": null}"));
    }

    @Test
    void anAnswerThatIsNotJsonOrHoldsNoListFails() {
        assertTrue(failure(PolledRecords.records(resource(""), "<html>".getBytes(StandardCharsets.UTF_8)))
                .contains("Resource 'things': the provider's answer is not JSON"));
        assertTrue(failure(PolledRecords.records(resource("\"recordsPath\": \"/count\""),
                "{\"count\": 3}".getBytes(StandardCharsets.UTF_8))).contains("holds no list at recordsPath '/count'"));
    }

    static List<JsonValue> records(Resource resource, String body) {
        var outcome = PolledRecords.records(resource, body.getBytes(StandardCharsets.UTF_8));
        return ((Outcome.Success<List<JsonValue>>) assertInstanceOf(Outcome.Success.class, outcome, outcome::toString)).value();
    }

    static String failure(Outcome<?> outcome) {
        return assertInstanceOf(Outcome.ProviderFailed.class, outcome).message();
    }

    // --- event types -------------------------------------------------------------------------------

    @Test
    void createdWhenUpdatedEqualsCreatedWithinTheTolerance() {
        Change same = change(ISO, "{\"id\": 1, \"created_at\": \"2024-03-05T12:01:00Z\", \"updated_at\": \"2024-03-05T12:01:00Z\"}");
        assertEquals(new Change("things", "1", Change.EventType.CREATED, OffsetDateTime.parse("2024-03-05T12:01:00Z")), same);
        assertEquals(Change.EventType.CREATED, change(ISO,
                "{\"id\": 1, \"created_at\": \"2024-03-05T12:01:00Z\", \"updated_at\": \"2024-03-05T12:01:02Z\"}").eventType());
        assertEquals(Change.EventType.UPDATED, change(ISO,
                "{\"id\": 1, \"created_at\": \"2024-03-05T12:01:00Z\", \"updated_at\": \"2024-03-05T12:01:02.001Z\"}").eventType(),
                "just past the tolerance");
    }

    @Test
    void updatedWhenUpdatedLaterThanCreated() {
        Change change = change(ISO, "{\"id\": \"a-1\", \"created_at\": \"2023-01-01T00:00:00Z\", \"updated_at\": \"2024-03-05T12:05:00Z\"}");
        assertEquals(new Change("things", "a-1", Change.EventType.UPDATED, OffsetDateTime.parse("2024-03-05T12:05:00Z")), change);
    }

    @Test
    void deletedWhenTheDeletionMarkIsSet() {
        assertEquals(Change.EventType.DELETED, change(ISO, "{\"id\": 1, \"created_at\": \"2023-01-01T00:00:00Z\","
                + " \"updated_at\": \"2024-03-05T12:05:00Z\", \"deleted_at\": \"2024-03-05T12:05:00Z\"}").eventType());
        assertEquals(Change.EventType.UPDATED, change(ISO, "{\"id\": 1, \"created_at\": \"2023-01-01T00:00:00Z\","
                + " \"updated_at\": \"2024-03-05T12:05:00Z\", \"deleted_at\": null}").eventType());
        assertTrue(PolledRecords.marksDeleted(JsonValue.TRUE));
        assertTrue(PolledRecords.marksDeleted(json("1")));
        assertTrue(PolledRecords.marksDeleted(json("\"yes\"")));
        assertTrue(PolledRecords.marksDeleted(json("[1]")));
        assertFalse(PolledRecords.marksDeleted(null));
        assertFalse(PolledRecords.marksDeleted(JsonValue.NULL));
        assertFalse(PolledRecords.marksDeleted(JsonValue.FALSE));
        assertFalse(PolledRecords.marksDeleted(json("0")));
        assertFalse(PolledRecords.marksDeleted(json("\"\"")));
        assertFalse(PolledRecords.marksDeleted(json("\"false\"")));
        assertFalse(PolledRecords.marksDeleted(json("{}")));
    }

    @Test
    void aRecordNotUpdatedAfterTheWindowStartIsLeftOut() {
        assertTrue(classify(ISO, "{\"id\": 1, \"created_at\": \"2024-03-05T11:00:00Z\", \"updated_at\": \"2024-03-05T12:00:00Z\"}")
                .isEmpty(), "exactly the window start was in the last window");
        assertTrue(classify(ISO, "{\"id\": 1, \"created_at\": \"2024-03-05T11:00:00Z\", \"updated_at\": \"2024-03-05T11:59:59Z\"}")
                .isEmpty());
        Resource unfiltered = resource("\"filterByUpdatedDate\": false, \"datesConfiguration\": {\"updatedDateField\": \"u\"}");
        assertTrue(classify(unfiltered, "{\"u\": \"2020-01-01T00:00:00Z\"}").isPresent());
    }

    @Test
    void filterByCurrentDateLeavesLaterChangesToTheNextWindow() {
        Resource bounded = resource("\"filterByCurrentDate\": true, \"datesConfiguration\": {\"updatedDateField\": \"u\"}");
        assertTrue(classify(bounded, "{\"u\": \"2024-03-05T12:15:01Z\"}").isEmpty());
        assertTrue(classify(bounded, "{\"u\": \"2024-03-05T12:15:00Z\"}").isPresent());
        assertTrue(classify(resource("\"datesConfiguration\": {\"updatedDateField\": \"u\"}"), "{\"u\": \"2024-03-05T12:15:01Z\"}")
                .isPresent(), "off by default");
    }

    @Test
    void unknownWithoutDatesOrWithAnUpdatedDateAlone() {
        Change undated = change(resource("\"idField\": \"id\""), "{\"id\": 3}");
        assertEquals(new Change("things", "3", Change.EventType.UNKNOWN, END), undated);
        assertEquals(Change.EventType.UNKNOWN,
                change(resource("\"datesConfiguration\": {\"updatedDateField\": \"u\"}"), "{\"u\": \"2024-03-05T12:05:00Z\"}").eventType());
    }

    @Test
    void aCreatedDateAloneMeansCreatedAndIsFilteredOn() {
        Resource createdOnly = resource("\"datesConfiguration\": {\"createdDateField\": \"created_time\", \"createdDateFormat\": \"epoch\"}");
        Change change = change(createdOnly, "{\"created_time\": \"1709640300\"}");
        assertEquals(Change.EventType.CREATED, change.eventType());
        assertEquals(OffsetDateTime.parse("2024-03-05T12:05:00Z"), change.date());
        assertTrue(classify(createdOnly, "{\"created_time\": \"1709639000\"}").isEmpty());
        assertEquals(Change.EventType.CREATED, change(ISO, "{\"id\": 1, \"created_at\": \"2024-03-05T12:01:00Z\", \"updated_at\": null}")
                .eventType(), "a record never updated");
    }

    @Test
    void objectTypeAndIdFollowTheConfiguration() {
        Resource nested = resource("\"objectType\": \"Contact\", \"idField\": \"data.id\"");
        assertEquals(new Change("Contact", "12", Change.EventType.UNKNOWN, END), change(nested, "{\"data\": {\"id\": 12}}"));
        assertNull(change(nested, "{\"data\": {}}").objectId());
        assertNull(change(nested, "{\"data\": {\"id\": {\"x\": 1}}}").objectId());
    }

    // --- paths and dates ----------------------------------------------------------------------------

    @Test
    void dottedPathsStepThroughObjectsAndArrays() {
        JsonValue record = json("{\"a\": {\"b\": [{\"c\": \"x\"}, {\"c\": \"y\"}]}, \"n\": 1.50}");
        assertEquals(json("\"y\""), PolledRecords.at(record, "a.b.1.c"));
        assertNull(PolledRecords.at(record, "a.b.2.c"));
        assertNull(PolledRecords.at(record, "a.c"));
        assertNull(PolledRecords.at(record, "n.x"));
        assertEquals("1.50", PolledRecords.scalar(PolledRecords.at(record, "n")));
    }

    static OffsetDateTime date(String format, String zone, String value) {
        Resource r = resource("\"datesConfiguration\": {\"updatedDateField\": \"d\""
                + (format == null ? "" : ", \"updatedDateFormat\": \"" + format + "\"")
                + (zone == null ? "" : ", \"updatedDateTimezone\": \"" + zone + "\"") + "}");
        return PolledRecords.date(r.dates().updated().orElseThrow(), json("{\"d\": " + value + "}")).orElseThrow();
    }

    @Test
    void datesInEachFormat() {
        OffsetDateTime expected = OffsetDateTime.parse("2024-03-05T12:05:00Z");
        assertEquals(expected, date(null, null, "\"2024-03-05T12:05:00Z\""), "ISO with Z");
        assertEquals(expected, date(null, null, "\"2024-03-05T13:05:00+01:00\""), "ISO with an offset");
        assertEquals(expected, date(null, "Europe/Berlin", "\"2024-03-05T13:05:00\""), "ISO local, in its zone");
        assertEquals(OffsetDateTime.parse("2024-03-05T00:00:00Z"), date(null, null, "\"2024-03-05\""), "ISO date alone");
        assertEquals(expected, date("yyyy-MM-dd HH:mm:ss", null, "\"2024-03-05 12:05:00\""), "a pattern without zone is UTC");
        assertEquals(expected, date("yyyy-MM-dd HH:mm:ss", "America/New_York", "\"2024-03-05 07:05:00\""), "a pattern in its zone");
        assertEquals(expected, date("yyyy-MM-dd'T'HH:mm:ssXXX", "America/New_York", "\"2024-03-05T14:05:00+02:00\""),
                "the text's own offset wins over the zone");
        assertEquals(expected, date("EEE, dd MMM yyyy HH:mm:ss z", null, "\"Tue, 05 Mar 2024 12:05:00 GMT\""));
        assertEquals(OffsetDateTime.parse("2024-03-04T23:00:00Z"), date("yyyy-MM-dd", "Europe/Berlin", "\"2024-03-05\""));
        assertEquals(expected, date("epoch", null, "1709640300"));
        assertEquals(expected, date("epoch", null, "\"1709640300\""));
        assertEquals(expected.plusNanos(500_000_000), date("epoch", null, "1709640300.5"));
        assertEquals(expected.plusNanos(250_000_000), date("epochMillis", null, "1709640300250"));
        assertEquals(expected, date("epochMillis", null, "\"1709640300000\""));
    }

    @Test
    void absentDatesAreEmptyAndUnreadableOnesFailThePoll() {
        Resource r = resource("\"datesConfiguration\": {\"updatedDateField\": \"d\", \"updatedDateFormat\": \"yyyy-MM-dd HH:mm:ss\"}");
        var field = r.dates().updated().orElseThrow();
        assertTrue(PolledRecords.date(field, json("{}")).isEmpty());
        assertTrue(PolledRecords.date(field, json("{\"d\": null}")).isEmpty());
        assertTrue(PolledRecords.date(field, json("{\"d\": \" \"}")).isEmpty());
        var wrong = PolledRecords.classify(r, json("{\"d\": \"05/03/2024\"}"), START, END);
        assertEquals("Resource 'things': the date \"05/03/2024\" at 'd' does not match its format 'yyyy-MM-dd HH:mm:ss'.",
                assertInstanceOf(Outcome.ProviderFailed.class, wrong).message());
        var epoch = resource("\"datesConfiguration\": {\"updatedDateField\": \"d\", \"updatedDateFormat\": \"epoch\"}");
        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class,
                PolledRecords.classify(epoch, json("{\"d\": \"yesterday\"}"), START, END)).message().contains("epoch (seconds)"));
        assertTrue(assertInstanceOf(Outcome.ProviderFailed.class,
                PolledRecords.classify(r, json("{\"d\": 1709640300}"), START, END)).message().contains("1709640300"));
    }
}
