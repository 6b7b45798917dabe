package io.plugboard.platform.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What came of one call to a provider: an answer (of any status), a time-out, no connection, or a refusal to call. */
public sealed interface ProviderResponse {

    record Answered(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) implements ProviderResponse {
        public boolean isSuccessful() {
            return status >= 200 && status < 300;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as a provider message for an error: bounded, so a huge page never reaches a caller whole. */
        public String providerMessage() {
            String text = bodyText().strip();
            return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
        }
    }

    record TimedOut() implements ProviderResponse {
    }

    record Unreachable(String reason) implements ProviderResponse {
    }

    /** The egress guard refused the destination: nothing was sent. */
    record Refused(String reason) implements ProviderResponse {
    }
}
