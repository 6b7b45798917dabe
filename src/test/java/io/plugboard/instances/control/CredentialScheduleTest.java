package io.plugboard.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialScheduleTest {

    static final OffsetDateTime NOW = OffsetDateTime.of(2025, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);

    CredentialSchedule schedule;

    @BeforeEach
    void setUp() {
        schedule = new CredentialSchedule();
        schedule.marginSeconds = 300;
        schedule.verificationIntervalSeconds = 3600;
        schedule.maxBackoffSeconds = 3600;
        schedule.failuresBeforeInvalid = 5;
    }

    @Test
    void refreshableTokenIsRefreshedMarginBeforeExpiry() {
        CredentialSchedule.Plan plan = schedule.plan(NOW, 3600L, true, false);
        assertEquals(NOW.plusSeconds(3600), plan.expiresAt());
        assertEquals(NOW.plusSeconds(3600 - 300), plan.refreshDue());
        assertNull(plan.verificationDue());
    }

    @Test
    void refreshableAndVerifiableIsRefreshedNotVerified() {
        CredentialSchedule.Plan plan = schedule.plan(NOW, 3600L, true, true);
        assertEquals(NOW.plusSeconds(3300), plan.refreshDue());
        assertNull(plan.verificationDue(), "a refresh already proves the credentials");
    }

    @Test
    void shortLivedTokenIsRefreshedAtHalfItsLifetime() {
        CredentialSchedule.Plan plan = schedule.plan(NOW, 4L, true, false);
        assertEquals(NOW.plusSeconds(4), plan.expiresAt());
        assertEquals(plan.expiresAt().minusSeconds(2), plan.refreshDue());
        assertEquals(NOW.plusSeconds(2), plan.refreshDue());
    }

    @Test
    void marginIsCappedAtHalfTheLifetimeJustBelowTheMargin() {
        CredentialSchedule.Plan plan = schedule.plan(NOW, 500L, true, false);
        assertEquals(NOW.plusSeconds(250), plan.refreshDue());
        CredentialSchedule.Plan exact = schedule.plan(NOW, 600L, true, false);
        assertEquals(NOW.plusSeconds(300), exact.refreshDue());
    }

    @Test
    void refreshIsNeverBeforeNow() {
        for (long lifetime : new long[] {0, 1, 2, 3, 10, 599, 600, 601, 86400}) {
            CredentialSchedule.Plan plan = schedule.plan(NOW, lifetime, true, false);
            assertFalse(plan.refreshDue().isBefore(NOW), "lifetime " + lifetime);
            assertFalse(plan.refreshDue().isAfter(plan.expiresAt()), "lifetime " + lifetime);
        }
    }

    @Test
    void notRefreshableButVerifiableIsVerified() {
        CredentialSchedule.Plan plan = schedule.plan(NOW, 3600L, false, true);
        assertEquals(NOW.plusSeconds(3600), plan.expiresAt());
        assertNull(plan.refreshDue());
        assertEquals(NOW.plusSeconds(3600), plan.verificationDue());
    }

    @Test
    void verificationUsesConfiguredInterval() {
        schedule.verificationIntervalSeconds = 900;
        CredentialSchedule.Plan plan = schedule.plan(NOW, null, false, true);
        assertEquals(NOW.plusSeconds(900), plan.verificationDue());
        assertEquals(NOW.plusSeconds(900), schedule.nextVerification(NOW));
    }

    @Test
    void unknownLifetimeHasNoExpiryAndNoRefresh() {
        CredentialSchedule.Plan plan = schedule.plan(NOW, null, true, false);
        assertNull(plan.expiresAt());
        assertNull(plan.refreshDue());
        assertNull(plan.verificationDue());

        CredentialSchedule.Plan verifiable = schedule.plan(NOW, null, true, true);
        assertNull(verifiable.expiresAt());
        assertNull(verifiable.refreshDue());
        assertEquals(NOW.plusSeconds(3600), verifiable.verificationDue());
    }

    @Test
    void nothingToDo() {
        CredentialSchedule.Plan plan = schedule.plan(NOW, 3600L, false, false);
        assertEquals(NOW.plusSeconds(3600), plan.expiresAt());
        assertNull(plan.refreshDue());
        assertNull(plan.verificationDue());
    }

    @Test
    void nextVerification() {
        assertEquals(NOW.plusSeconds(3600), schedule.nextVerification(NOW));
    }

    private Set<Long> delays(int failures, long min, long maxInclusive) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            long seconds = Duration.between(NOW, schedule.retryAfterFailure(NOW, failures)).getSeconds();
            assertTrue(seconds >= min && seconds <= maxInclusive,
                    "failure " + failures + ": " + seconds + " not in [" + min + ", " + maxInclusive + "]");
            seen.add(seconds);
        }
        return seen;
    }

    @Test
    void firstFailureWaitsAboutAMinute() {
        Set<Long> seen = delays(1, 60, 72);
        assertTrue(seen.size() > 1, "jitter expected, saw only " + seen);
    }

    @Test
    void backoffDoubles() {
        delays(2, 120, 144);
        Set<Long> seen = delays(3, 240, 288);
        assertTrue(seen.size() > 1, "jitter expected, saw only " + seen);
        delays(4, 480, 576);
    }

    @Test
    void backoffIsCapped() {
        delays(7, 3600, 4320);
        delays(30, 3600, 4320);
        delays(Integer.MAX_VALUE, 3600, 4320);
    }

    @Test
    void zeroOrNegativeFailuresTreatedAsFirst() {
        delays(0, 60, 72);
        delays(-5, 60, 72);
    }

    @Test
    void capFollowsConfiguration() {
        schedule.maxBackoffSeconds = 100;
        delays(1, 60, 72);
        delays(2, 100, 120);
        delays(10, 100, 120);
    }

    @Test
    void invalidAfterConfiguredFailures() {
        assertFalse(schedule.invalidAfter(0));
        assertFalse(schedule.invalidAfter(1));
        assertFalse(schedule.invalidAfter(4));
        assertTrue(schedule.invalidAfter(5));
        assertTrue(schedule.invalidAfter(6));
        schedule.failuresBeforeInvalid = 2;
        assertFalse(schedule.invalidAfter(1));
        assertTrue(schedule.invalidAfter(2));
    }
}
