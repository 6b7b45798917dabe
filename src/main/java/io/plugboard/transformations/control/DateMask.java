package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * How a provider writes a date field, from a mapping field's mask: a Java
 * {@code DateTimeFormatter} pattern ({@code yyyy-MM-dd'T'HH:mm:ssZ}, {@code yyyy-MM-dd}), or
 * {@code epochMillis} / {@code epoch} (seconds; also {@code epochSeconds}), the words the poller
 * configuration uses for the same thing. A pattern without an offset is read and written in
 * {@code zone} (UTC unless the mask says otherwise); a value that carries its own offset keeps it.
 */
public sealed interface DateMask {

    record Pattern(String pattern, DateTimeFormatter formatter, ZoneId zone) implements DateMask {
    }

    record Epoch(boolean millis, ZoneId zone) implements DateMask {
    }

    /** The mask of {@code pattern} in {@code timezone} (null: UTC), or why it is none. */
    static Outcome<DateMask> of(String pattern, String timezone) {
        ZoneId zone;
        try {
            zone = timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return Outcome.invalid("Unknown time zone " + timezone + ".");
        }
        if (pattern == null || pattern.isBlank()) {
            return Outcome.invalid("A date mask needs a pattern.");
        }
        switch (pattern) {
            case "epochMillis" -> {
                return Outcome.success(new Epoch(true, zone));
            }
            case "epoch", "epochSeconds" -> {
                return Outcome.success(new Epoch(false, zone));
            }
            default -> {
                try {
                    return Outcome.success(new Pattern(pattern, DateTimeFormatter.ofPattern(pattern, Locale.ROOT), zone));
                } catch (IllegalArgumentException e) {
                    return Outcome.invalid("The date mask " + pattern + " is not a DateTimeFormatter pattern, epoch or epochMillis ("
                            + e.getMessage() + ").");
                }
            }
        }
    }

    /** The provider's value as a moment, or empty when it is not written this way. */
    default Optional<Moment> read(JsonValue value) {
        try {
            if (this instanceof Epoch epoch) {
                BigDecimal number = value instanceof JsonNumber n ? n.bigDecimalValue()
                        : value instanceof JsonString s ? new BigDecimal(s.getString().strip()) : null;
                if (number == null) {
                    return Optional.empty();
                }
                long millis = (epoch.millis() ? number : number.movePointRight(3)).setScale(0, RoundingMode.FLOOR).longValueExact();
                return Optional.of(new Moment.At(Instant.ofEpochMilli(millis)));
            }
            if (!(value instanceof JsonString text)) {
                return Optional.empty();
            }
            Pattern mask = (Pattern) this;
            TemporalAccessor parsed = mask.formatter().parseBest(text.getString().strip(), ZonedDateTime::from,
                    OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return Optional.of(new Moment.At(zoned.toInstant()));
            }
            if (parsed instanceof OffsetDateTime offset) {
                return Optional.of(new Moment.At(offset.toInstant()));
            }
            if (parsed instanceof LocalDateTime local) {
                return Optional.of(new Moment.At(local.atZone(mask.zone()).toInstant()));
            }
            return Optional.of(new Moment.Day((LocalDate) parsed));
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The moment as the provider writes it: a string of the pattern, or the epoch number. */
    default Optional<JsonValue> write(Moment moment) {
        try {
            if (this instanceof Epoch epoch) {
                long millis = moment.epochMillis(epoch.zone());
                return Optional.of(JSON.createValue(epoch.millis() ? millis : Math.floorDiv(millis, 1000L)));
            }
            Pattern mask = (Pattern) this;
            return Optional.of(JSON.createValue(mask.formatter().format(moment.in(mask.zone()))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
