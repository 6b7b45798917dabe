package io.plugboard.instances.control;

import io.plugboard.elements.control.ConfigTemplates;
import io.plugboard.elements.control.ElementRules;
import io.plugboard.elements.control.ProviderHeaders;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.ProviderAuthorization;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.ProviderRequest;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * For credentials that never expire (OAuth 1.0a, OAuth2 without a refresh token, basic, API
 * keys), an element may name a cheap GET ({@code verification.path}, relative to
 * {@code base.url}); calling it on a schedule finds revoked credentials before a user does. 401 or
 * 403 makes the instance invalid at once; other failures count towards it with back-off. The same
 * call checks credentials once at provisioning ({@link #check}).
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
        AuthenticationType type = element.get().authenticationType().orElse(AuthenticationType.CUSTOM);
        Optional<Outcome<ProviderResponse>> sent = send(type, configuration);
        if (sent.isEmpty()) {
            instance.stopCredentialSchedule();
            return instance.isValid();
        }
        if (!(sent.get() instanceof Outcome.Success<ProviderResponse> answer)) {
            fail(instance, now, ((Outcome.Invalid<ProviderResponse>) sent.get()).message(), true);
            return false;
        }
        ProviderResponse response = answer.value();
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

    /**
     * Provisioning's check of credentials the caller gave (basic, API key) or the hub just minted
     * (client credentials): the element's verification call, made once before anything is stored.
     * Credentials the provider rejects (401, 403) are the caller's mistake: {@link Outcome.Invalid}
     * with the provider's message. Any other failure is the provider's (502, or 504 when it is
     * silent). Succeeds at once when the element names no verification call.
     */
    public Outcome<Map<String, String>> check(ElementDefinition element, Map<String, String> configuration) {
        AuthenticationType type = element.authenticationType().orElse(AuthenticationType.CUSTOM);
        Optional<Outcome<ProviderResponse>> sent = send(type, configuration);
        if (sent.isEmpty()) {
            return Outcome.success(configuration);
        }
        return sent.get().flatMap(response -> {
            if (response instanceof ProviderResponse.Answered answered && answered.isSuccessful()) {
                return Outcome.success(configuration);
            }
            if (response instanceof ProviderResponse.Answered answered && (answered.status() == 401 || answered.status() == 403)) {
                return new Outcome.Invalid<>("The provider rejected the credentials (HTTP " + answered.status() + ").",
                        answered.providerMessage());
            }
            if (response instanceof ProviderResponse.Answered answered) {
                return new Outcome.ProviderFailed<>("The provider's verification call failed (HTTP " + answered.status() + ").",
                        answered.providerMessage());
            }
            if (response instanceof ProviderResponse.TimedOut) {
                return new Outcome.ProviderTimedOut<>("The provider did not answer the verification call in time.");
            }
            if (response instanceof ProviderResponse.Refused refused) {
                return Outcome.invalid(refused.reason());
            }
            return new Outcome.ProviderFailed<>("The provider could not be reached for the verification call ("
                    + ((ProviderResponse.Unreachable) response).reason() + ").", null);
        });
    }

    /**
     * The verification call with these credentials and the element's fixed headers: empty when the
     * element names none, invalid when it cannot be made (no credentials, unusable headers).
     */
    private Optional<Outcome<ProviderResponse>> send(AuthenticationType type, Map<String, String> configuration) {
        Optional<URI> url = verificationUrl(configuration);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String method = Optional.ofNullable(configuration.get(ElementRules.VERIFICATION_METHOD)).map(String::strip)
                .filter(m -> !m.isEmpty()).orElse("GET");
        if (!method.equals("GET") && !method.equals("POST")) {
            return Optional.of(Outcome.invalid(ElementRules.VERIFICATION_METHOD + " must be GET or POST."));
        }
        var credentials = authorization.credentials(method, url.get(), Map.of(), type, configuration);
        if (credentials.isEmpty()) {
            return Optional.of(Outcome.invalid("The instance holds no credentials to verify"));
        }
        Outcome<Map<String, String>> fixed = ProviderHeaders.resolve(configuration);
        if (!(fixed instanceof Outcome.Success<Map<String, String>> fixedHeaders)) {
            return Optional.of(fixed.asFailure());
        }
        URI target = credentials.get().query().isEmpty() ? url.get()
                : URI.create(Urls.withQuery(url.get().toString(), credentials.get().query()));
        boolean httpAllowed = EgressGuard.allowsHttp(configuration::get);
        // An API whose every call is a POST (GraphQL, RPC) is checked with a POST of the element's JSON body.
        ProviderRequest request = method.equals("POST")
                ? ProviderRequest.post(target, httpAllowed).body(Optional.ofNullable(configuration.get(ElementRules.VERIFICATION_BODY))
                        .orElse("").getBytes(StandardCharsets.UTF_8), "application/json")
                : ProviderRequest.get(target, httpAllowed);
        return Optional.of(Outcome.success(http.send(request
                .headers(fixedHeaders.value())
                .headers(credentials.get().headers()))));
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
