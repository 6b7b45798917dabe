package io.plugboard.instances.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When an instance's credentials need attention: a refresh some time before the access token
 * expires, a verification call for tokens that never expire, and how long to back off after a
 * failure so a broken provider sees a trickle of retries instead of a storm.
 */
@ApplicationScoped
public class CredentialSchedule {

    static final String VERIFICATION_PATH = "verification.path";

    @Inject
    @ConfigProperty(name = "plugboard.refresh.margin-seconds", defaultValue = "300")
    long marginSeconds;

    @Inject
    @ConfigProperty(name = "plugboard.verification.interval-seconds", defaultValue = "3600")
    long verificationIntervalSeconds;

    @Inject
    @ConfigProperty(name = "plugboard.refresh.max-backoff-seconds", defaultValue = "3600")
    long maxBackoffSeconds;

    @Inject
    @ConfigProperty(name = "plugboard.refresh.failures-before-invalid", defaultValue = "5")
    int failuresBeforeInvalid;

    /** The plan for credentials just obtained. */
    public record Plan(OffsetDateTime expiresAt, OffsetDateTime refreshDue, OffsetDateTime verificationDue) {
    }

    /**
     * @param lifetimeSeconds the token's lifetime (expires_in, or the configured refresh interval), null if unknown
     * @param refreshable     whether a refresh token is held
     * @param verifiable      whether the element names a verification call
     */
    public Plan plan(OffsetDateTime now, Long lifetimeSeconds, boolean refreshable, boolean verifiable) {
        OffsetDateTime expiresAt = lifetimeSeconds == null ? null : now.plusSeconds(lifetimeSeconds);
        OffsetDateTime refreshDue = null;
        if (expiresAt != null && refreshable) {
            // Never more than half the lifetime early, so a short-lived token is not refreshed in a loop.
            long margin = Math.min(marginSeconds, lifetimeSeconds / 2);
            refreshDue = expiresAt.minusSeconds(margin);
        }
        OffsetDateTime verificationDue = refreshDue == null && verifiable ? now.plusSeconds(verificationIntervalSeconds) : null;
        return new Plan(expiresAt, refreshDue, verificationDue);
    }

    public OffsetDateTime nextVerification(OffsetDateTime now) {
        return now.plusSeconds(verificationIntervalSeconds);
    }

    /** Exponential back-off from one minute, capped, with jitter so many instances do not retry in step. */
    public OffsetDateTime retryAfterFailure(OffsetDateTime now, int consecutiveFailures) {
        long base = Math.min(maxBackoffSeconds, 60L << Math.min(Math.max(consecutiveFailures - 1, 0), 20));
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(base / 5, 1));
        return now.plus(Duration.ofSeconds(base + jitter));
    }

    public boolean invalidAfter(int consecutiveFailures) {
        return consecutiveFailures >= failuresBeforeInvalid;
    }
}
