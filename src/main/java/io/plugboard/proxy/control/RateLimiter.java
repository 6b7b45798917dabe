package io.plugboard.proxy.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per instance, refilled at the element's {@code ratelimit.per.second} with a
 * burst of {@code ratelimit.burst} (default: one second's worth). Applied before the provider is
 * called, so a chatty application meets 429 at the hub instead of getting the provider to block
 * the account. Per node: a cluster of N nodes allows up to N times the rate.
 */
@ApplicationScoped
public class RateLimiter {

    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** Either allowed, or the seconds to wait before a token is available. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    public Decision acquire(long instanceId, double perSecond, double burst) {
        if (perSecond <= 0) {
            return new Decision(true, 0);
        }
        Bucket bucket = buckets.computeIfAbsent(instanceId, id -> new Bucket(perSecond, burst));
        return bucket.take(perSecond, burst, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double perSecond, double burst) {
            this.tokens = Math.max(burst, 1);
            this.updatedNanos = System.nanoTime();
        }

        synchronized Decision take(double perSecond, double burst, long now) {
            double capacity = Math.max(burst, 1);
            tokens = Math.min(capacity, tokens + (now - updatedNanos) / 1e9 * perSecond);
            updatedNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0);
            }
            return new Decision(false, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
