package io.plugboard.events.control;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The date placeholders of a poller URL: each kind, each zone, encoded as a query value. */
class PollerUrlsTest {

    /** 2024-03-05 14:07:09.250 UTC. */
    static final OffsetDateTime START = OffsetDateTime.parse("2024-03-05T14:07:09.250Z");

    @Test
    void gmtDateIsWrittenInUtcAndEncoded() {
        assertEquals("/hubs/crm/contacts?where=lastUpdated>'2024-03-05T14%3A07%3A09Z'",
                PollerUrls.resolve("/hubs/crm/contacts?where=lastUpdated>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'", START));
    }

    @Test
    void dateIsWrittenInTheServersZone() {
        String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(START.atZoneSameInstant(ZoneId.systemDefault()));
        assertEquals("/hubs/x/r?since=" + expected.replace(" ", "+").replace(":", "%3A"),
                PollerUrls.resolve("/hubs/x/r?since=${date:yyyy-MM-dd HH:mm}", START));
    }

    @Test
    void dateTimeZoneTakesARegionOrAnOffsetWithAColon() {
        assertEquals("/hubs/x/r?since=2024-03-05T09%3A07%3A09-05%3A00",
                PollerUrls.resolve("/hubs/x/r?since=${dateTimeZone:America/New_York:yyyy-MM-dd'T'HH:mm:ssXXX}", START));
        assertEquals("/hubs/x/r?since=2024-03-05+19%3A37%2B0530",
                PollerUrls.resolve("/hubs/x/r?since=${dateTimeZone:GMT+05:30:yyyy-MM-dd HH:mmZ}", START));
    }

    @Test
    void epochInSecondsOrMilliseconds() {
        assertEquals("/hubs/x/r?a=1709647629&b=1709647629250&c=1709647629",
                PollerUrls.resolve("/hubs/x/r?a=${epoch:s}&b=${epoch:ms}&c=${epoch}", START));
    }

    @Test
    void aUrlWithoutPlaceholdersIsUnchangedAndChecksClean() {
        assertEquals("/hubs/x/r?sort=updated", PollerUrls.resolve("/hubs/x/r?sort=updated", START));
        assertTrue(PollerUrls.check("/hubs/x/r?a=${epoch:s}&b=${dateTimeZone:UTC:yyyy}").isEmpty());
    }

    @Test
    void checkNamesWhatIsWrong() {
        assertTrue(PollerUrls.check("/hubs/x/r?a=${dateTimeZone:Nowhere/Land:yyyy}").orElseThrow().contains("known zone"));
        assertTrue(PollerUrls.check("/hubs/x/r?a=${gmtDate:}").orElseThrow().contains("needs a date pattern"));
        assertTrue(PollerUrls.check("/hubs/x/r?a=${gmtDate:yyyy-MM-dd'T}").orElseThrow().contains("no valid date pattern"));
        assertTrue(PollerUrls.check("/hubs/x/r?a=${epoch:m}").orElseThrow().contains("use s or ms"));
    }
}
