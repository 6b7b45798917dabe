package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class DateMaskTest {

    static DateMask mask(String pattern, String zone) {
        return ((Outcome.Success<DateMask>) DateMask.of(pattern, zone)).value();
    }

    static final Instant NOON = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void aPatternWithAnOffsetReadsAndWritesTheInstant() {
        DateMask mask = mask("yyyy-MM-dd'T'HH:mm:ssZ", null);
        assertEquals(Optional.of(new Moment.At(NOON)), mask.read(Json.createValue("2024-05-01T12:00:00+0200")));
        assertEquals(Optional.of(Json.createValue("2024-05-01T10:00:00+0000")), mask.write(new Moment.At(NOON)));
        assertEquals("2024-05-01T10:00:00Z", mask.read(Json.createValue("2024-05-01T12:00:00+0200")).get().iso());
    }

    @Test
    void aPatternWithoutAnOffsetIsReadAndWrittenInItsZone() {
        DateMask utc = mask("yyyy-MM-dd HH:mm:ss", null);
        assertEquals(Optional.of(new Moment.At(NOON)), utc.read(Json.createValue("2024-05-01 10:00:00")));
        DateMask paris = mask("yyyy-MM-dd HH:mm:ss", "Europe/Paris");
        assertEquals(Optional.of(new Moment.At(NOON)), paris.read(Json.createValue("2024-05-01 12:00:00")));
        assertEquals(Optional.of(Json.createValue("2024-05-01 12:00:00")), paris.write(new Moment.At(NOON)));
    }

    @Test
    void aDayStaysADay() {
        DateMask day = mask("dd/MM/yyyy", null);
        assertEquals(Optional.of(new Moment.Day(LocalDate.of(1815, 12, 10))), day.read(Json.createValue("10/12/1815")));
        assertEquals("1815-12-10", day.read(Json.createValue("10/12/1815")).get().iso());
        assertEquals(Optional.of(Json.createValue("10/12/1815")), day.write(new Moment.Day(LocalDate.of(1815, 12, 10))));
        assertEquals(Optional.of(Json.createValue("01/05/2024")), day.write(new Moment.At(NOON)), "a point in time written as its day");
        assertEquals(Optional.of(Json.createValue("2024-05-01T00:00:00Z")),
                mask("yyyy-MM-dd'T'HH:mm:ssX", null).write(new Moment.Day(LocalDate.of(2024, 5, 1))), "a day at its start");
    }

    @Test
    void epochMillisAndSecondsAreNumbers() {
        DateMask millis = mask("epochMillis", null);
        assertEquals(Optional.of(new Moment.At(NOON)), millis.read(Json.createValue(1714557600000L)));
        assertEquals(Optional.of(new Moment.At(NOON)), millis.read(Json.createValue("1714557600000")), "also as a numeric string");
        assertEquals(Optional.of(Json.createValue(1714557600000L)), millis.write(new Moment.At(NOON)));
        DateMask seconds = mask("epoch", null);
        assertEquals(Optional.of(new Moment.At(NOON)), seconds.read(Json.createValue(1714557600)));
        assertEquals(Optional.of(new Moment.At(NOON.plusMillis(500))), seconds.read(Json.createValue(1714557600.5)));
        assertEquals(Optional.of(Json.createValue(1714557600L)), seconds.write(new Moment.At(NOON.plusMillis(999))));
        assertEquals(Optional.of(Json.createValue(1714557600L)), mask("epochSeconds", null).write(new Moment.At(NOON)));
    }

    @Test
    void valuesOfAnotherFormAreNotRead() {
        assertEquals(Optional.empty(), mask("yyyy-MM-dd", null).read(Json.createValue("May 1st")));
        assertEquals(Optional.empty(), mask("yyyy-MM-dd", null).read(Json.createValue(20240501)));
        assertEquals(Optional.empty(), mask("epochMillis", null).read(Json.createValue("soon")));
        assertEquals(Optional.empty(), mask("epochMillis", null).read(JsonValue.TRUE));
    }

    @Test
    void badMasksAndZonesAreRefused() {
        assertInstanceOf(Outcome.Invalid.class, DateMask.of("yyyy-MM-dd'T", null));
        assertInstanceOf(Outcome.Invalid.class, DateMask.of("", null));
        assertInstanceOf(Outcome.Invalid.class, DateMask.of(null, null));
        assertInstanceOf(Outcome.Invalid.class, DateMask.of("yyyy", "Mars/Olympus"));
    }

    @Test
    void isoValuesOfTheApplicationAreReadInEveryCommonForm() {
        assertEquals(Optional.of(new Moment.At(NOON)), Moment.parseIso("2024-05-01T10:00:00Z"));
        assertEquals(Optional.of(new Moment.At(NOON)), Moment.parseIso("2024-05-01T12:00:00+02:00"));
        assertEquals(Optional.of(new Moment.At(NOON)), Moment.parseIso("2024-05-01T10:00:00"), "local: UTC");
        assertEquals(Optional.of(new Moment.At(NOON.plusMillis(250))), Moment.parseIso("2024-05-01T10:00:00.250Z"));
        assertEquals(Optional.of(new Moment.Day(LocalDate.of(2024, 5, 1))), Moment.parseIso("2024-05-01"));
        assertEquals(Optional.empty(), Moment.parseIso("01/05/2024"));
        assertEquals("2024-05-01T10:00:00.250Z", new Moment.At(NOON.plusMillis(250)).iso());
    }
}
