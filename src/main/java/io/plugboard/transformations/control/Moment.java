package io.plugboard.transformations.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * A date value on its way between a provider's format and the common object's ISO 8601: a point
 * in time, or a calendar day when the provider writes days only ({@code 1815-12-10}), which must
 * not pick up a time and a zone it never had.
 */
public sealed interface Moment {

    record At(Instant instant) implements Moment {
    }

    record Day(LocalDate date) implements Moment {
    }

    /** The common object's form: {@code 2024-05-01T10:00:00Z} (UTC, fractions only when there are any), or {@code 2024-05-01}. */
    default String iso() {
        return this instanceof At at ? DateTimeFormatter.ISO_INSTANT.format(at.instant())
                : ((Day) this).date().toString();
    }

    /** Milliseconds since the epoch; a day counts from its start in {@code zone}. */
    default long epochMillis(ZoneId zone) {
        return this instanceof At at ? at.instant().toEpochMilli()
                : ((Day) this).date().atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** In {@code zone}, for formatting with any pattern; a day at its start. */
    default ZonedDateTime in(ZoneId zone) {
        return this instanceof At at ? at.instant().atZone(zone) : ((Day) this).date().atStartOfDay(zone);
    }

    /**
     * An ISO 8601 value as an application writes it: with an offset or {@code Z}, a local date and
     * time (taken as UTC), or a day.
     */
    static Optional<Moment> parseIso(String text) {
        String value = text.strip();
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, ZonedDateTime::from,
                    OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return Optional.of(new At(zoned.toInstant()));
            }
            if (parsed instanceof OffsetDateTime offset) {
                return Optional.of(new At(offset.toInstant()));
            }
            return Optional.of(new At(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC)));
        } catch (DateTimeParseException notADateTime) {
            try {
                return Optional.of(new Day(LocalDate.parse(value)));
            } catch (DateTimeParseException notADay) {
                return Optional.empty();
            }
        }
    }
}
