package io.plugboard.console.boundary;

import io.plugboard.instances.control.InstanceQueries.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console writes times, statuses and codes for people. All times are shown in UTC, the
 * zone the hub stores and logs them in, so a time on screen can be matched with a log line; a
 * relative form ("in 40 min") sits beside it where the distance is what matters.
 */
@Named("fmt")
@ApplicationScoped
public class ConsoleFormat {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    public String dateTime(OffsetDateTime time) {
        return time == null ? "—" : DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    public String date(OffsetDateTime time) {
        return time == null ? "—" : DATE.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** For {@code <time datetime>}: machine-readable, so assistive technology can announce it. */
    public String iso(OffsetDateTime time) {
        return time == null ? "" : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }

    /** "in 40 min", "3 h ago", "2 days ago", "just now". */
    public String relative(OffsetDateTime time) {
        if (time == null) {
            return "";
        }
        Duration distance = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), time);
        boolean future = !distance.isNegative();
        long minutes = Math.abs(distance.toMinutes());
        String amount;
        if (minutes < 1) {
            return "just now";
        } else if (minutes < 60) {
            amount = minutes + " min";
        } else if (minutes < 48 * 60) {
            amount = (minutes / 60) + " h";
        } else {
            amount = (minutes / (60 * 24)) + " days";
        }
        return future ? "in " + amount : amount + " ago";
    }

    public boolean past(OffsetDateTime time) {
        return time != null && time.isBefore(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The CSS modifier of a status badge. */
    public String statusClass(Status status) {
        return status == null ? "" : "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    public String status(Status status) {
        return status == null ? "" : label(status.name());
    }

    /** REFRESH_FAILED becomes "Refresh failed", ecommerce becomes "Ecommerce". */
    public String event(String type) {
        return label(type);
    }

    public String authentication(String type) {
        return switch (type == null ? "" : type) {
            case "oauth1" -> "OAuth 1.0a";
            case "oauth2" -> "OAuth 2.0";
            case "clientCredentials" -> "OAuth 2.0 client credentials";
            case "basic" -> "Basic";
            case "apiKey" -> "API key";
            default -> "Custom";
        };
    }

    static String label(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
