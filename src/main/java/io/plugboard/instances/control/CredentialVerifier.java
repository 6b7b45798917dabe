package io.plugboard.instances.control;

import io.plugboard.elements.control.ConfigTemplates;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.ProviderAuthorization;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * For credentials that never expire (OAuth 1.0a, OAuth2 without a refresh token, basic, API
 * keys), an element may name a cheap GET ({@code verification.path}, relative to
 * {@code base.url}); calling it on a schedule finds revoked credentials before a user does. 401 or
 * 403 makes the instance invalid at once; other failures count towards it with back-off.
 */
@ApplicationScoped
public class CredentialVerifier {

    @Inject
    InstanceRepository repository;
    @Inject
    InstanceVault vault;
    @Inject
    InstanceService instances;
    @Inject
    ProviderHttp http;
    @Inject
    CredentialSchedule schedule;

    private final ProviderAuthorization authorization = new ProviderAuthorization();

    /** Verifies one instance if due; true when it is (still) valid. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean verifyIfDue(long instanceId) {
        Optional<Instance> locked = repository.lock(instanceId);
        OffsetDateTime now = InstanceService.now();
        if (locked.isEmpty() || locked.get().getVerificationDueAt() == null || locked.get().getVerificationDueAt().isAfter(now)) {
            return locked.map(Instance::isValid).orElse(false);
        }
        Instance instance = locked.get();
        Optional<ElementDefinition> element = instances.elementOf(instance);
        if (element.isEmpty()) {
            instance.stopCredentialSchedule();
            return instance.isValid();
        }
        Map<String, String> configuration = vault.effective(instance, element.get());
        Optional<URI> url = verificationUrl(configuration);
        if (url.isEmpty()) {
            instance.stopCredentialSchedule();
            return instance.isValid();
        }
        AuthenticationType type = element.get().authenticationType().orElse(AuthenticationType.CUSTOM);
        var credentials = authorization.credentials("GET", url.get(), Map.of(), type, configuration);
        if (credentials.isEmpty()) {
            fail(instance, now, "The instance holds no credentials to verify", true);
            return false;
        }
        URI target = credentials.get().query().isEmpty() ? url.get()
                : URI.create(Urls.withQuery(url.get().toString(), credentials.get().query()));
        ProviderResponse response = http.send(ProviderRequest.get(target, EgressGuard.allowsHttp(configuration::get))
                .headers(credentials.get().headers()));
        if (response instanceof ProviderResponse.Answered answered && answered.isSuccessful()) {
            instance.verified(now, schedule.nextVerification(now));
            repository.record(new InstanceEvent(instanceId, instance.getOrganizationId(), InstanceEvent.Type.VERIFIED, null, now));
            return true;
        }
        if (response instanceof ProviderResponse.Answered answered && (answered.status() == 401 || answered.status() == 403)) {
            fail(instance, now, "The provider rejected the credentials (HTTP " + answered.status() + ")", true);
            return false;
        }
        String reason = response instanceof ProviderResponse.Answered answered ? "HTTP " + answered.status()
                : response instanceof ProviderResponse.TimedOut ? "time-out" : "provider unreachable";
        fail(instance, now, "Verification failed: " + reason, false);
        return instance.isValid();
    }

    private void fail(Instance instance, OffsetDateTime now, String message, boolean rejected) {
        int failures = instance.getConsecutiveFailures() + 1;
        boolean invalidate = rejected || schedule.invalidAfter(failures);
        OffsetDateTime retry = schedule.retryAfterFailure(now, failures);
        instance.credentialFailure(now, message, invalidate, retry);
        if (rejected) {
            // Rejected credentials do not come back by themselves: wait for re-authentication.
            instance.stopCredentialSchedule();
        } else {
            instance.rescheduleVerification(retry);
        }
        repository.record(new InstanceEvent(instance.getId(), instance.getOrganizationId(),
                invalidate ? InstanceEvent.Type.INVALIDATED : InstanceEvent.Type.VERIFICATION_FAILED, message, now));
    }

    private static Optional<URI> verificationUrl(Map<String, String> configuration) {
        String path = configuration.get(CredentialSchedule.VERIFICATION_PATH);
        String base = configuration.get("base.url");
        if (path == null || path.isBlank() || base == null || base.isBlank()) {
            return Optional.empty();
        }
        if (!(ConfigTemplates.resolve(base, configuration::get) instanceof ConfigTemplates.Resolution.Resolved resolved)) {
            return Optional.empty();
        }
        String joined = resolved.value().replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
        return Urls.httpUrl(joined);
    }
}
