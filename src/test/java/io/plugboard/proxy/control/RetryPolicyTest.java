package io.plugboard.proxy.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10));

    @Test
    void onlyIdempotentBodylessCallsOnRetryableStatuses() {
        assertTrue(policy.mayRetry("GET", false, 503));
        assertTrue(policy.mayRetry("DELETE", false, 429));
        assertFalse(policy.mayRetry("POST", false, 503));
        assertFalse(policy.mayRetry("PUT", true, 503), "a streamed body cannot be replayed");
        assertFalse(policy.mayRetry("GET", false, 500));
        assertFalse(policy.mayRetry("GET", false, 401));
    }

    @Test
    void backOffGrowsWithJitterAndStopsAtTheAttemptLimit() {
        Duration first = policy.delay(1, 0, null, null, 0).orElseThrow();
        Duration second = policy.delay(2, 0, null, null, 0).orElseThrow();
        assertTrue(first.toMillis() >= 200 && first.toMillis() < 300, first::toString);
        assertTrue(second.toMillis() >= 400 && second.toMillis() < 600, second::toString);
        assertEquals(Optional.empty(), policy.delay(3, 0, null, null, 0));
    }

    @Test
    void serverHintsWinAndTheBudgetIsKept() {
        assertEquals(Duration.ofSeconds(2), policy.delay(1, 0, "2", null, 0).orElseThrow());
        assertEquals(Duration.ofSeconds(5), policy.delay(1, 0, "Wed, 21 Oct 2015 07:28:05 GMT", null, 1445412480).orElseThrow());
        assertEquals(Duration.ofSeconds(3), policy.delay(1, 0, null, "1700000003", 1700000000).orElseThrow(), "epoch reset");
        assertEquals(Duration.ofSeconds(4), policy.delay(1, 0, null, "4", 1700000000).orElseThrow(), "delta reset");
        assertEquals(Optional.empty(), policy.delay(1, Duration.ofSeconds(9).toNanos(), "2", null, 0), "past the budget");
    }
}
