package io.plugboard.events.control;

import io.plugboard.events.control.PollerConfiguration.DateFormat;
import io.plugboard.events.control.PollerConfiguration.Paging;
import io.plugboard.events.control.PollerConfiguration.Resource;
import io.plugboard.platform.control.Outcome;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PollerConfiguration#parse}: every field read and defaulted, and every bad value refused with the resource and field named. */
class PollerConfigurationTest {

    static final String FULL = """
            {"contacts": {
               "url": "/hubs/crm/contacts?sort_by=updated_at:desc&since=${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}",
               "idField": "data.id", "recordsPath": "/items", "objectType": "Contact",
               "filterByUpdatedDate": false, "filterByCurrentDate": true,
               "datesConfiguration": {"updatedDateField": "data.updated_at", "updatedDateFormat": "yyyy-MM-dd HH:mm:ss",
                                      "updatedDateTimezone": "America/New_York",
                                      "createdDateField": "data.created_at", "createdDateFormat": "epochMillis"},
               "createdCheckTolerance": 3, "pageSize": 50, "pollDelay": 30, "deletedField": "data.deleted_at",
               "paging": {"type": "page", "pageParameter": "p", "sizeParameter": "per_page", "first": 0, "maxPages": 4}},
             "deals": {"url": "/hubs/crm/deals"}}
            """;

    static PollerConfiguration parsed(String json) {
        Outcome<PollerConfiguration> parsed = PollerConfiguration.parse(json);
        return assertInstanceOf(Outcome.Success.class, parsed, () -> parsed.toString()) instanceof Outcome.Success<?> s
                ? (PollerConfiguration) s.value() : null;
    }

    static String invalid(String json) {
        return assertInstanceOf(Outcome.Invalid.class, PollerConfiguration.parse(json)).message();
    }

    @Test
    void readsEveryFieldOfAResource() {
        Resource contacts = parsed(FULL).resources().get(0);
        assertEquals("contacts", contacts.name());
        assertEquals("data.id", contacts.idField());
        assertEquals("/items", contacts.recordsPath());
        assertEquals("Contact", contacts.objectType());
        assertFalse(contacts.filterByUpdatedDate());
        assertTrue(contacts.filterByCurrentDate());
        assertEquals(3, contacts.createdCheckTolerance());
        assertEquals(50, contacts.pageSize());
        assertEquals(30, contacts.pollDelay());
        assertEquals("data.deleted_at", contacts.deletedField());
        assertEquals(new Paging(Paging.Type.PAGE, "p", "per_page", 0, 4), contacts.paging());
        var updated = contacts.dates().updated().orElseThrow();
        assertEquals("data.updated_at", updated.path());
        assertEquals(ZoneId.of("America/New_York"), updated.zone());
        assertEquals("yyyy-MM-dd HH:mm:ss", assertInstanceOf(DateFormat.Pattern.class, updated.format()).pattern());
        var created = contacts.dates().created().orElseThrow();
        assertEquals(new DateFormat.Epoch(true), created.format());
        assertEquals(ZoneOffset.UTC, created.zone());
    }

    @Test
    void defaultsWhatIsLeftOut() {
        Resource deals = parsed(FULL).resources().get(1);
        assertEquals("deals", deals.objectType());
        assertNull(deals.idField());
        assertEquals("", deals.recordsPath());
        assertTrue(deals.filterByUpdatedDate());
        assertFalse(deals.filterByCurrentDate());
        assertFalse(deals.dates().any());
        assertEquals(0, deals.createdCheckTolerance());
        assertNull(deals.pageSize());
        assertEquals(0, deals.pollDelay());
        assertEquals(Paging.Type.NONE, deals.paging().type());
        assertEquals(1, deals.paging().maxPages());
        assertNull(deals.deletedField());
    }

    @Test
    void pagingDefaultsByType() {
        Resource page = parsed("{\"r\": {\"url\": \"/hubs/x/r\", \"paging\": {\"type\": \"page\"}}}").resources().get(0);
        assertEquals(new Paging(Paging.Type.PAGE, "page", null, 1, PollerConfiguration.DEFAULT_MAX_PAGES), page.paging());
        Resource offset = parsed("{\"r\": {\"url\": \"/hubs/x/r\", \"pageSize\": 25, \"paging\": {\"type\": \"offset\","
                + " \"sizeParameter\": \"limit\"}}}").resources().get(0);
        assertEquals(new Paging(Paging.Type.OFFSET, "offset", "limit", 0, PollerConfiguration.DEFAULT_MAX_PAGES), offset.paging());
    }

    @Test
    void aJsonStringHoldingTheObjectIsReadToo() {
        String asString = Json.createValue(FULL).toString();
        assertEquals(2, parsed(asString).resources().size());
    }

    @Test
    void configurationValuesAsStringsAreRead() {
        Resource r = parsed("{\"r\": {\"url\": \"/hubs/x/r\", \"pageSize\": \"20\", \"pollDelay\": \"5\","
                + " \"filterByUpdateDate\": \"false\"}}").resources().get(0);
        assertEquals(20, r.pageSize());
        assertEquals(5, r.pollDelay());
        assertFalse(r.filterByUpdatedDate(), "the docs' spelling filterByUpdateDate is read");
    }

    @Test
    void epochFormatsAndIsoDefault() {
        Resource r = parsed("{\"r\": {\"url\": \"/hubs/x/r\", \"datesConfiguration\": {\"updatedDateField\": \"u\","
                + " \"updatedDateFormat\": \"epoch\", \"createdDateField\": \"c\"}}}").resources().get(0);
        assertEquals(new DateFormat.Epoch(false), r.dates().updated().orElseThrow().format());
        assertInstanceOf(DateFormat.Iso.class, r.dates().created().orElseThrow().format());
    }

    @Test
    void refusesWhatIsNotAnObjectOfResources() {
        assertTrue(invalid("").contains("empty"));
        assertTrue(invalid("{not json").contains("not valid JSON"));
        assertTrue(invalid("[1]").contains("JSON object keyed by resource"));
        assertTrue(invalid("{}").contains("names no resource"));
        assertTrue(invalid("{\"r\": 3}").contains("resource 'r': must be a JSON object"));
    }

    @Test
    void namesTheResourceAndTheFieldOfEachBadValue() {
        assertEquals("event.poller.configuration: resource 'orders': url is required (a /hubs/... URL of the same instance).",
                invalid("{\"orders\": {\"idField\": \"id\"}}"));
        assertTrue(invalid("{\"orders\": {\"url\": \"https://evil.example/x\"}}")
                .contains("resource 'orders': url must be a /hubs/... URL"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o?d=${gmtDate:yyyy-MM-dd'T}\"}}")
                .contains("resource 'orders': url: the placeholder ${gmtDate:yyyy-MM-dd'T}"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o?d=${when:x}\"}}").contains("is not one of gmtDate"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o?d=${epoch:minutes}\"}}").contains("use s or ms"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"idfield\": \"id\"}}")
                .contains("resource 'orders': unknown field idfield; known are"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"recordsPath\": \"items\"}}")
                .contains("recordsPath must be a JSON pointer"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"pageSize\": 0}}").contains("pageSize must be 1 or more"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"pollDelay\": -1}}").contains("pollDelay must be 0 or more"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"pollDelay\": 1.5}}").contains("pollDelay must be a whole number"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"filterByUpdatedDate\": \"yes\"}}")
                .contains("filterByUpdatedDate must be true or false"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"idField\": 7}}").contains("idField must be a string"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"datesConfiguration\": {\"updatedDateField\": \"u\","
                + " \"updatedDateFormat\": \"yyyy-MM-dd'T\"}}}")
                .contains("resource 'orders': datesConfiguration.updatedDateFormat 'yyyy-MM-dd'T' is not a date pattern"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"datesConfiguration\": {\"updatedDateField\": \"u\","
                + " \"updatedDateTimezone\": \"Mars/Olympus\"}}}")
                .contains("datesConfiguration.updatedDateTimezone 'Mars/Olympus' is not a time zone"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"datesConfiguration\": {\"createdDateFormat\": \"epoch\"}}}")
                .contains("datesConfiguration.createdDateField is required"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"datesConfiguration\": {\"updatedField\": \"u\"}}}")
                .contains("unknown field datesConfiguration.updatedField"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"paging\": {\"type\": \"cursor\"}}}")
                .contains("paging.type must be none, page or offset, not 'cursor'"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"paging\": {\"type\": \"offset\"}}}")
                .contains("paging.type offset needs pageSize"));
        assertTrue(invalid("{\"orders\": {\"url\": \"/hubs/x/o\", \"paging\": {\"type\": \"page\", \"maxPages\": 0}}}")
                .contains("maxPages must be 1 or more"));
    }

    @Test
    void eventObjectsKeepTheResourcesTheyNameByNameOrObjectType() {
        PollerConfiguration all = parsed(FULL);
        assertEquals(all, all.only(null));
        assertEquals(all, all.only("  "));
        assertEquals(List.of("contacts"), all.only("contact").resources().stream().map(Resource::name).toList());
        assertEquals(List.of("deals"), all.only(" Deals ,nothing").resources().stream().map(Resource::name).toList());
        assertEquals(List.of("contacts", "deals"), all.only("contacts,deals").resources().stream().map(Resource::name).toList());
        assertEquals(List.of("nothing"), all.unknownObjects("Contact, deals, nothing"));
        assertEquals(List.of(), all.unknownObjects(null));
    }
}
