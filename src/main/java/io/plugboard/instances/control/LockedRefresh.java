package io.plugboard.instances.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.CredentialRefresher.RefreshResult;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.ClientCredentialsGrant;
import io.plugboard.oauth.control.ProviderTokens;
import io.plugboard.oauth.control.RefreshOutcome;
import io.plugboard.oauth.control.TokenGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * One refresh under the instance's row lock, in a transaction of its own: the cross-node half of
 * {@link CredentialRefresher}'s single flight. A bean of its own so that {@code @Transactional}
 * applies when the refresher calls it. A node that gets the lock after another refreshed takes
 * that result, and a failure sets the back-off before the lock is released. A client-credentials
 * instance is "refreshed" by minting a new token the same way, under the same lock.
 */
@ApplicationScoped
class LockedRefresh {

    @Inject
    InstanceRepository repository;
    @Inject
    InstanceVault vault;
    @Inject
    InstanceService instances;
    @Inject
    InstanceWrites writes;
    @Inject
    ProviderTokens providerTokens;
    @Inject
    ClientCredentialsGrant clientCredentials;
    @Inject
    CredentialSchedule schedule;

    /**
     * Refreshes unless someone did since {@code askedAt}, or (unless {@code force}) it is not due
     * or backing off; the row stays locked until this transaction ends.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    RefreshResult refresh(long instanceId, boolean force, OffsetDateTime askedAt) {
        return refresh(instanceId, force, askedAt, null);
    }

    /**
     * As above, for a caller whose access token the provider just rejected: when the stored token
     * is no longer that one, another node refreshed after the caller read its credentials (maybe
     * before the caller's read, but committed after it, which the time check alone misses), and
     * the caller takes that result instead of spending the refresh token a second time.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    RefreshResult refresh(long instanceId, boolean force, OffsetDateTime askedAt, String rejectedAccessToken) {
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
        if (rejectedAccessToken != null && !rejectedAccessToken.equals(configuration.get(Credentials.ACCESS_TOKEN))) {
            return new RefreshResult.Refreshed(instance.getTokenExpiresAt());
        }
        boolean remint = ClientCredentialsGrant.applies(configuration);
        String refreshToken = configuration.get(Credentials.REFRESH_TOKEN);
        if (!remint && (refreshToken == null || refreshToken.isBlank())) {
            return new RefreshResult.NotRefreshable("The instance holds no refresh token.");
        }
        // Client credentials have no refresh token: the grant itself is made again.
        RefreshOutcome outcome = remint ? clientCredentials.remint(configuration) : providerTokens.refresh(configuration, refreshToken);
        if (outcome instanceof RefreshOutcome.Granted granted) {
            TokenGrant grant = granted.grant();
            // Rotation: store the newest refresh token; keep the old one when the answer omits it.
            TokenGrant kept = grant.refreshToken() == null ? grant.withRefreshToken(refreshToken) : grant;
            writes.storeCredentials(instance, element.get(), configuration, Optional.of(kept), now);
            repository.record(new InstanceEvent(instanceId, instance.getOrganizationId(), InstanceEvent.Type.REFRESHED,
                    instance.getTokenExpiresAt() == null ? null : "Expires " + instance.getTokenExpiresAt(), now));
            return new RefreshResult.Refreshed(instance.getTokenExpiresAt());
        }
        if (outcome instanceof RefreshOutcome.Revoked revoked) {
            instance.credentialFailure(now, remint ? "The provider refused the client credentials"
                    : "The provider revoked the grant (invalid_grant)", true, null);
            repository.record(new InstanceEvent(instanceId, instance.getOrganizationId(), InstanceEvent.Type.INVALIDATED,
                    remint ? "client credentials refused: new credentials required" : "invalid_grant: re-authentication required",
                    now));
            instance.stopCredentialSchedule();
            return new RefreshResult.Revoked(revoked.providerMessage());
        }
        boolean timedOut = outcome instanceof RefreshOutcome.TimedOut;
        String message = timedOut ? "The provider did not answer the token " + (remint ? "request" : "refresh") + " in time."
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
