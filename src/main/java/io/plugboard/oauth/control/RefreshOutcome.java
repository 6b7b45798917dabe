package io.plugboard.oauth.control;

import io.plugboard.platform.control.Outcome;

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

    /** A token endpoint's answer, once a revocation has been ruled out: the grant, or why there is none. */
    static RefreshOutcome of(Outcome<TokenGrant> outcome) {
        if (outcome instanceof Outcome.Success<TokenGrant> success) {
            return new Granted(success.value());
        }
        if (outcome instanceof Outcome.ProviderTimedOut<TokenGrant>) {
            return new TimedOut();
        }
        if (outcome instanceof Outcome.ProviderFailed<TokenGrant> failed) {
            return new Failed(failed.message(), failed.providerMessage());
        }
        if (outcome instanceof Outcome.Invalid<TokenGrant> invalid) {
            return new Failed(invalid.message(), null);
        }
        return new Failed("The token request could not be made.", null);
    }
}
