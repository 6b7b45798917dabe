package io.plugboard.events.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.Urls;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date placeholders of a poller URL, as Cloud Elements wrote them, replaced by the start of
 * the window being read so that the provider lists only what changed since:
 * {@code ${gmtDate:<pattern>}} (UTC), {@code ${date:<pattern>}} (this server's zone),
 * {@code ${dateTimeZone:<zone>:<pattern>}}, {@code ${epoch:s}} and {@code ${epoch:ms}}. A
 * {@code {key}} without the dollar is the instance's configuration value of {@code key} (a shop id
 * in the path, say), as in the element's configuration templates. Each value is form-encoded, as a
 * query value must be (and as a path segment reads back).
 */
final class PollerUrls {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern CONFIGURATION = Pattern.compile("(?<!\\$)\\{([A-Za-z0-9_.\\-]+)}");

    private PollerUrls() {
    }

    /** Why the URL's placeholders cannot be used, or empty when they all can. */
    static Optional<String> check(String url) {
        Matcher matcher = PLACEHOLDER.matcher(url);
        while (matcher.find()) {
            try {
                value(matcher.group(1), OffsetDateTime.now(ZoneOffset.UTC));
            } catch (IllegalArgumentException | DateTimeException e) {
                return Optional.of("the placeholder ${" + matcher.group(1) + "} " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The URL with every configuration placeholder replaced by the instance's value and every
     * date placeholder by {@code windowStart}; fails naming a configuration value that is not set.
     */
    static Outcome<String> resolve(String url, OffsetDateTime windowStart, Function<String, String> configuration) {
        Matcher configured = CONFIGURATION.matcher(url);
        StringBuilder withValues = new StringBuilder();
        while (configured.find()) {
            String value = configuration.apply(configured.group(1));
            if (value == null || value.isBlank()) {
                return Outcome.invalid("The poller URL " + url + " needs the configuration value " + configured.group(1)
                        + ", which the instance does not have.");
            }
            // Encoded first, so a value cannot itself become a placeholder.
            configured.appendReplacement(withValues, Matcher.quoteReplacement(Urls.formEncode(value.strip())));
        }
        configured.appendTail(withValues);
        Matcher matcher = PLACEHOLDER.matcher(withValues);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(Urls.formEncode(value(matcher.group(1), windowStart))));
        }
        matcher.appendTail(out);
        return Outcome.success(out.toString());
    }

    private static String value(String placeholder, OffsetDateTime when) {
        int colon = placeholder.indexOf(':');
        String kind = colon < 0 ? placeholder : placeholder.substring(0, colon);
        String argument = colon < 0 ? "" : placeholder.substring(colon + 1);
        return switch (kind) {
            case "gmtDate" -> format(pattern(argument), when, ZoneOffset.UTC);
            case "date" -> format(pattern(argument), when, ZoneId.systemDefault());
            case "dateTimeZone" -> zoned(argument, when);
            case "epoch" -> switch (argument) {
                case "", "s" -> String.valueOf(when.toEpochSecond());
                case "ms" -> String.valueOf(when.toInstant().toEpochMilli());
                default -> throw new IllegalArgumentException("has the unit '" + argument + "'; use s or ms.");
            };
            default -> throw new IllegalArgumentException("is not one of gmtDate, date, dateTimeZone, epoch.");
        };
    }

    /**
     * {@code <zone>:<pattern>}: a zone may hold a colon itself ({@code GMT+05:00}), so the longest
     * prefix that is a zone wins.
     */
    private static String zoned(String argument, OffsetDateTime when) {
        for (int colon = argument.lastIndexOf(':'); colon > 0; colon = argument.lastIndexOf(':', colon - 1)) {
            ZoneId zone;
            try {
                zone = ZoneId.of(argument.substring(0, colon));
            } catch (DateTimeException e) {
                continue;
            }
            return format(pattern(argument.substring(colon + 1)), when, zone);
        }
        throw new IllegalArgumentException("needs <zone>:<pattern> with a known zone (e.g. America/New_York).");
    }

    private static DateTimeFormatter pattern(String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("needs a date pattern.");
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has no valid date pattern (" + e.getMessage() + ").");
        }
    }

    private static String format(DateTimeFormatter formatter, OffsetDateTime when, ZoneId zone) {
        try {
            return formatter.format(when.atZoneSameInstant(zone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("cannot be written (" + e.getMessage() + ").");
        }
    }
}
