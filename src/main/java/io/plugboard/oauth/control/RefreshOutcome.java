package io.plugboard.oauth.control;

/**
 * What a refresh-token call came to. {@link Revoked} is the provider saying the grant is gone
 * ({@code invalid_grant}): retrying cannot help, only re-authentication can. Everything else that
 * fails may pass, and is retried with back-off.
 */
public sealed interface RefreshOutcome {

    record Granted(TokenGrant grant) implements RefreshOutcome {
    }

    record Revoked(String providerMessage) implements RefreshOutcome {
    }

    record Failed(String message, String providerMessage) implements RefreshOutcome {
    }

    record TimedOut() implements RefreshOutcome {
    }
}
