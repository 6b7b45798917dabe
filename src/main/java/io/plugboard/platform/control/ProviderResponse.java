package io.plugboard.platform.control;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** What came of one call to a provider: an answer (of any status), a time-out, or no connection. */
public sealed interface ProviderResponse {

    record Answered(int status, HttpHeaders headers, byte[] body, boolean truncated) implements ProviderResponse {
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
}
