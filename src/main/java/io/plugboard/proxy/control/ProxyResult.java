package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import org.apache.hc.core5.http.ClassicHttpResponse;

/** What came of a proxied call: the provider's answer to relay (streamed), or why there is none. */
public sealed interface ProxyResult {

    /**
     * The provider answered; the caller relays status, headers and body, then closes the response.
     *
     * @param upstreamMillis time spent waiting for the provider
     * @param hubMillis      the hub's own time before the answer was ready to relay
     */
    record Relayed(ClassicHttpResponse response, long upstreamMillis, long hubMillis, String elementKey) implements ProxyResult {
    }

    /** The instance's rate limit is exhausted: 429 with Retry-After. */
    record RateLimited(long retryAfterSeconds) implements ProxyResult {
    }

    /** The instance is disabled: 403. */
    record Disabled(long instanceId) implements ProxyResult {
    }

    /** Bad input, unknown instance, refused destination, provider down or silent. */
    record Failed(Outcome<?> failure) implements ProxyResult {
    }
}
