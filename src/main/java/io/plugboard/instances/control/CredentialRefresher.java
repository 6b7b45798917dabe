package io.plugboard.instances.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Refreshes OAuth2 credentials with exactly one provider call per need, however many ask at
 * once. Within this JVM, concurrent callers for one instance share one in-flight future. Across
 * JVMs sharing the database, the refresh runs under a row lock, and a caller that gets the lock
 * after someone else refreshed (since it asked) takes that result instead of calling again: with
 * single-use refresh tokens a second call would fail and invalidate the instance.
 */
@ApplicationScoped
public class CredentialRefresher {

    @Inject
    LockedRefresh locked;
    @Inject
    InstanceService instances;

    private final ConcurrentMap<Long, CompletableFuture<RefreshResult>> inFlight = new ConcurrentHashMap<>();

    /** What came of a refresh request. */
    public sealed interface RefreshResult {
        /** Fresh credentials: from this call, or from a concurrent one this call waited for. */
        record Refreshed(OffsetDateTime expiresAt) implements RefreshResult {
        }

        /** The credentials are not due (only for scheduled refreshes). */
        record NotDue() implements RefreshResult {
        }

        /** Nothing to refresh with: OAuth 1.0a, basic, or no refresh token held. */
        record NotRefreshable(String reason) implements RefreshResult {
        }

        /** The provider revoked the grant; the instance is now invalid until re-authenticated. */
        record Revoked(String providerMessage) implements RefreshResult {
        }

        /** A failure that may pass; retried later with back-off. */
        record Failed(String message, String providerMessage, boolean timedOut) implements RefreshResult {
        }

        record NotFound() implements RefreshResult {
        }

        /** The instance is disabled: left alone until enabled. */
        record Disabled() implements RefreshResult {
        }
    }

    /**
     * {@code POST /instances/{id}/refresh} and the console's button: the organization's instance
     * (checked first, since the refresh works by id alone), refreshed now unless it is disabled.
     */
    public RefreshResult refreshNow(long organizationId, long instanceId) {
        return instances.disabled(organizationId, instanceId).fold(
                disabled -> disabled ? new RefreshResult.Disabled() : refresh(instanceId, true),
                notFound -> new RefreshResult.NotFound());
    }

    /**
     * Refreshes now if {@code force}, else only if due. Callers that arrive while a refresh of the
     * same instance is in flight get its result.
     */
    public RefreshResult refresh(long instanceId, boolean force) {
        return refresh(instanceId, force, InstanceService.now());
    }

    /**
     * For a caller whose credentials the provider just rejected: refreshes unless someone already
     * did since {@code credentialsReadAt}, or the stored access token is no longer the rejected
     * one, in which case the caller simply retries with the new credentials.
     */
    public RefreshResult refreshStale(long instanceId, OffsetDateTime credentialsReadAt, String rejectedAccessToken) {
        return refresh(instanceId, true, credentialsReadAt, rejectedAccessToken);
    }

    private RefreshResult refresh(long instanceId, boolean force, OffsetDateTime askedAt) {
        return refresh(instanceId, force, askedAt, null);
    }

    private RefreshResult refresh(long instanceId, boolean force, OffsetDateTime askedAt, String rejectedAccessToken) {
        CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
        CompletableFuture<RefreshResult> running = inFlight.putIfAbsent(instanceId, mine);
        if (running != null) {
            return running.join();
        }
        try {
            RefreshResult result = locked.refresh(instanceId, force, askedAt, rejectedAccessToken);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(instanceId, mine);
        }
    }
}
