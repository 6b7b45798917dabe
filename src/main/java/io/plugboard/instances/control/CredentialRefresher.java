package io.plugboard.instances.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.ProviderTokens;
import io.plugboard.oauth.control.RefreshOutcome;
import io.plugboard.oauth.control.TokenGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
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
    InstanceRepository repository;
    @Inject
    InstanceVault vault;
    @Inject
    InstanceService instances;
    @Inject
    ProviderTokens providerTokens;
    @Inject
    CredentialSchedule schedule;
    @Inject
    CredentialRefresher self;

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
     * did since {@code credentialsReadAt}, in which case the caller simply retries with those.
     */
    public RefreshResult refreshStale(long instanceId, OffsetDateTime credentialsReadAt) {
        return refresh(instanceId, true, credentialsReadAt);
    }

    private RefreshResult refresh(long instanceId, boolean force, OffsetDateTime askedAt) {
        CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
        CompletableFuture<RefreshResult> running = inFlight.putIfAbsent(instanceId, mine);
        if (running != null) {
            return running.join();
        }
        try {
            RefreshResult result = self.refreshLocked(instanceId, force, askedAt);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(instanceId, mine);
        }
    }

    /** Internal (public for the transaction interceptor): the refresh under the row lock. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RefreshResult refreshLocked(long instanceId, boolean force, OffsetDateTime askedAt) {
        Optional<Instance> locked = repository.lock(instanceId);
        if (locked.isEmpty()) {
            return new RefreshResult.NotFound();
        }
        Instance instance = locked.get();
        OffsetDateTime now = InstanceService.now();
        if (instance.getLastRefreshedAt() != null && !instance.getLastRefreshedAt().isBefore(askedAt)) {
            // Another node refreshed while this one waited for the lock: use its result.
            return new RefreshResult.Refreshed(instance.getTokenExpiresAt());
        }
        if (!force && (instance.getRefreshDueAt() == null || instance.getRefreshDueAt().isAfter(now)
                || (instance.getRetryNotBefore() != null && instance.getRetryNotBefore().isAfter(now)))) {
            // Not due, or another node's pass just failed and set a back-off while this one waited
            // for the lock: a second provider call now would ignore that back-off.
            return new RefreshResult.NotDue();
        }
        Optional<ElementDefinition> element = instances.elementOf(instance);
        if (element.isEmpty() || element.get().authenticationType().orElse(null) != AuthenticationType.OAUTH2) {
            return new RefreshResult.NotRefreshable("Only OAuth2 credentials can be refreshed.");
        }
        Map<String, String> configuration = vault.effective(instance, element.get());
        String refreshToken = configuration.get(Credentials.REFRESH_TOKEN);
        if (refreshToken == null || refreshToken.isBlank()) {
            return new RefreshResult.NotRefreshable("The instance holds no refresh token.");
        }
        RefreshOutcome outcome = providerTokens.refresh(configuration, refreshToken);
        if (outcome instanceof RefreshOutcome.Granted granted) {
            TokenGrant grant = granted.grant();
            // Rotation: store the newest refresh token; keep the old one when the answer omits it.
            TokenGrant kept = grant.refreshToken() == null
                    ? new TokenGrant(grant.accessToken(), refreshToken, null, grant.expiresInSeconds())
                    : grant;
            instances.storeCredentials(instance, element.get(), configuration, Optional.of(kept), now);
            repository.record(new InstanceEvent(instanceId, instance.getOrganizationId(), InstanceEvent.Type.REFRESHED,
                    instance.getTokenExpiresAt() == null ? null : "Expires " + instance.getTokenExpiresAt(), now));
            return new RefreshResult.Refreshed(instance.getTokenExpiresAt());
        }
        if (outcome instanceof RefreshOutcome.Revoked revoked) {
            instance.credentialFailure(now, "The provider revoked the grant (invalid_grant)", true, null);
            repository.record(new InstanceEvent(instanceId, instance.getOrganizationId(), InstanceEvent.Type.INVALIDATED,
                    "invalid_grant: re-authentication required", now));
            instance.stopCredentialSchedule();
            return new RefreshResult.Revoked(revoked.providerMessage());
        }
        boolean timedOut = outcome instanceof RefreshOutcome.TimedOut;
        String message = timedOut ? "The provider did not answer the token refresh in time."
                : ((RefreshOutcome.Failed) outcome).message();
        String providerMessage = timedOut ? null : ((RefreshOutcome.Failed) outcome).providerMessage();
        int failures = instance.getConsecutiveFailures() + 1;
        boolean invalidate = schedule.invalidAfter(failures);
        instance.credentialFailure(now, message, invalidate, schedule.retryAfterFailure(now, failures));
        repository.record(new InstanceEvent(instanceId, instance.getOrganizationId(),
                invalidate ? InstanceEvent.Type.INVALIDATED : InstanceEvent.Type.REFRESH_FAILED,
                message + " (failure " + failures + ")", now));
        return new RefreshResult.Failed(message, providerMessage, timedOut);
    }
}
