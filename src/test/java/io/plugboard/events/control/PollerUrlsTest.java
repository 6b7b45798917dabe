package io.plugboard.events.control;

import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The date placeholders of a poller URL: each kind, each zone, encoded as a query value. */
class PollerUrlsTest {

    /** 2024-03-05 14:07:09.250 UTC. */
    static final OffsetDateTime START = OffsetDateTime.parse("2024-03-05T14:07:09.250Z");

    static String resolve(String url) {
        return ((Outcome.Success<String>) PollerUrls.resolve(url, START, Map.of("shop.id", "42")::get)).value();
    }

    @Test
    void configurationValuesFillTheirPlaceholdersDatesStayDates() {
        assertEquals("/hubs/x/shops/42/receipts?since=1709647629", resolve("/hubs/x/shops/{shop.id}/receipts?since=${epoch}"));
    }

    @Test
    void gmtDateIsWrittenInUtcAndEncoded() {
        assertEquals("/hubs/crm/contacts?where=lastUpdated>'2024-03-05T14%3A07%3A09Z'",
                resolve("/hubs/crm/contacts?where=lastUpdated>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'"));
    }

    @Test
    void dateIsWrittenInTheServersZone() {
        String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(START.atZoneSameInstant(ZoneId.systemDefault()));
        assertEquals("/hubs/x/r?since=" + expected.replace(" ", "+").replace(":", "%3A"),
                resolve("/hubs/x/r?since=${date:yyyy-MM-dd HH:mm}"));
    }

    @Test
    void dateTimeZoneTakesARegionOrAnOffsetWithAColon() {
        assertEquals("/hubs/x/r?since=2024-03-05T09%3A07%3A09-05%3A00",
                resolve("/hubs/x/r?since=${dateTimeZone:America/New_York:yyyy-MM-dd'T'HH:mm:ssXXX}"));
        assertEquals("/hubs/x/r?since=2024-03-05+19%3A37%2B0530",
                resolve("/hubs/x/r?since=${dateTimeZone:GMT+05:30:yyyy-MM-dd HH:mmZ}"));
    }

    @Test
    void epochInSecondsOrMilliseconds() {
        assertEquals("/hubs/x/r?a=1709647629&b=1709647629250&c=1709647629",
                resolve("/hubs/x/r?a=${epoch:s}&b=${epoch:ms}&c=${epoch}"));
    }

    @Test
    void aUrlWithoutPlaceholdersIsUnchangedAndChecksClean() {
        assertEquals("/hubs/x/r?sort=updated", resolve("/hubs/x/r?sort=updated"));
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
