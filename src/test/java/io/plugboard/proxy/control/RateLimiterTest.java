package io.plugboard.proxy.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    @Test
    void burstThenRefusalWithRetryAfterPerInstance() {
        RateLimiter limiter = new RateLimiter();
        assertTrue(limiter.acquire(1, 1, 3).allowed());
        assertTrue(limiter.acquire(1, 1, 3).allowed());
        assertTrue(limiter.acquire(1, 1, 3).allowed());
        RateLimiter.Decision refused = limiter.acquire(1, 1, 3);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(limiter.acquire(2, 1, 3).allowed(), "another instance has its own bucket");
        assertTrue(limiter.acquire(3, 0, 0).allowed(), "no limit configured");
    }
}
