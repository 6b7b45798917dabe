package io.plugboard.proxy.control;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before retrying a provider call: only idempotent methods without a
 * body to replay, only for 429, 502, 503 and 504, with exponential back-off and jitter, honouring
 * {@code Retry-After} (seconds or an HTTP date) and {@code X-RateLimit-Reset} (epoch seconds or a
 * delta), and never past a total time budget.
 */
public final class RetryPolicy {

    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "DELETE", "PUT");
    static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration budget;

    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration budget) {
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.budget = budget;
    }

    public boolean mayRetry(String method, boolean hasBody, int status) {
        return IDEMPOTENT.contains(method) && !hasBody && RETRYABLE.contains(status);
    }

    /**
     * The wait before attempt {@code attempt + 1}, or empty when the attempts or the time budget
     * are used up (then the last answer is relayed).
     */
    public Optional<Duration> delay(int attempt, long elapsedNanos, String retryAfter, String rateLimitReset, long nowEpochSeconds) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = serverHint(retryAfter, rateLimitReset, nowEpochSeconds).orElseGet(() -> {
            long base = baseDelay.toMillis() << Math.min(attempt - 1, 10);
            return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(Math.max(base / 2, 1)));
        });
        if (Duration.ofNanos(elapsedNanos).plus(wait).compareTo(budget) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    static Optional<Duration> serverHint(String retryAfter, String rateLimitReset, long nowEpochSeconds) {
        if (retryAfter != null && !retryAfter.isBlank()) {
            String value = retryAfter.strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    return Optional.of(Duration.ofSeconds(Math.max(0, at.toEpochSecond() - nowEpochSeconds)));
                } catch (DateTimeParseException ignored) {
                    // Unreadable: fall through to the computed back-off.
                }
            }
        }
        if (rateLimitReset != null && !rateLimitReset.isBlank()) {
            try {
                long reset = Long.parseLong(rateLimitReset.strip());
                // Large values are epoch seconds, small ones a delta (providers use both).
                long seconds = reset > 1_000_000_000L ? reset - nowEpochSeconds : reset;
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
            } catch (NumberFormatException ignored) {
                // Unreadable: fall through to the computed back-off.
            }
        }
        return Optional.empty();
    }
}
