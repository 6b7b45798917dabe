package io.plugboard.instances.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.ClientCredentialsGrant;
import io.plugboard.oauth.control.TokenGrant;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The transactional steps of {@link InstanceService}'s provisioning and updating. A bean of its
 * own so that {@code @Transactional} applies when the service calls them: the service first asks
 * the provider (outside any transaction, so no connection is held while it waits), then one of
 * these stores everything at once. Also stores refreshed credentials for {@link CredentialRefresher}.
 */
@ApplicationScoped
class InstanceWrites {

    @Inject
    InstanceRepository repository;
    @Inject
    InstanceVault vault;
    @Inject
    InstanceViews views;
    @Inject
    CredentialSchedule schedule;
    @Inject
    ConfigurationRules rules;

    /** Stores a provisioned instance, all of it or nothing. */
    @Transactional
    InstanceView create(Caller caller, ElementDefinition element, Map<String, String> configuration,
                        Optional<TokenGrant> grant, InstanceRequest request) {
        OffsetDateTime now = InstanceService.now();
        String token = BearerSecrets.generate();
        String digest = BearerSecrets.digest(token);
        var sealedToken = vault.sealToken(token, digest);
        String name = request.name() == null || request.name().isBlank() ? element.name() : request.name().strip();
        Instance instance = repository.save(new Instance(caller.organizationId(), caller.userId(), element.id(),
                element.key(), name, digest, sealedToken.keyId(), sealedToken.ciphertext(), now));
        // Only the instance's own values are stored; element defaults are merged in when read.
        ownValues(request).forEach((key, value) -> vault.put(instance, element, key, value));
        applySettings(instance, element, request);
        instance.setExternalAuthentication(request.importsTokens() ? "initial" : "none");
        storeCredentials(instance, element, configuration, grant, now);
        configurationStored(instance, element);
        repository.record(new InstanceEvent(instance.getId(), instance.getOrganizationId(), InstanceEvent.Type.PROVISIONED,
                "Provisioned for element " + element.key(), now));
        return views.of(instance, Optional.of(element), true);
    }

    /** The instance an update starts from, read before the provider is called (no transaction held meanwhile). */
    @Transactional(Transactional.TxType.SUPPORTS)
    Outcome<Instance> detached(long organizationId, long id) {
        return found(organizationId, id);
    }

    /** Writes an update in one transaction. */
    @Transactional
    Outcome<InstanceView> apply(long organizationId, long id, ElementDefinition element, InstanceRequest request,
                                Optional<TokenGrant> grant, boolean reprovisioned) {
        return found(organizationId, id).map(instance -> {
            OffsetDateTime now = InstanceService.now();
            if (request.name() != null && !request.name().isBlank()) {
                instance.setName(request.name().strip());
            }
            ownValues(request).forEach((key, value) -> vault.put(instance, element, key, value));
            applySettings(instance, element, request);
            if (reprovisioned) {
                if (request.externalAuthentication() != null) {
                    instance.setExternalAuthentication(request.importsTokens() ? "initial" : "none");
                }
                storeCredentials(instance, element, vault.effective(instance, element), grant, now);
                repository.record(new InstanceEvent(instance.getId(), organizationId, InstanceEvent.Type.REAUTHENTICATED,
                        "Re-authenticated", now));
            }
            configurationStored(instance, element);
            instance.touch(now);
            return views.of(instance, Optional.of(element), true);
        });
    }

    /**
     * After an instance's configuration changed: {@code eventsEnabled} follows
     * {@code event.notification.enabled}, and every {@link InstanceConfigurationRule} hears of it
     * in this same transaction. The instance must have an id (be persisted) by now.
     */
    void configurationStored(Instance instance, ElementDefinition element) {
        Map<String, String> effective = vault.effective(instance, element);
        boolean eventsEnabled = ConfigurationRules.eventsEnabled(effective);
        instance.setEventsEnabled(eventsEnabled);
        rules.stored(new InstanceConfigurationRule.StoredInstance(instance.getOrganizationId(), instance.getId(),
                element, effective, eventsEnabled));
    }

    /** Stores obtained credentials and plans their refresh or verification. */
    void storeCredentials(Instance instance, ElementDefinition element, Map<String, String> configuration,
                          Optional<TokenGrant> grant, OffsetDateTime now) {
        Long lifetime = null;
        if (grant.isPresent()) {
            TokenGrant g = grant.get();
            if (g.accessToken() != null) {
                vault.put(instance, element, Credentials.ACCESS_TOKEN, g.accessToken());
            }
            if (g.refreshToken() != null) {
                vault.put(instance, element, Credentials.REFRESH_TOKEN, g.refreshToken());
            }
            if (g.tokenSecret() != null) {
                vault.put(instance, element, Credentials.TOKEN_SECRET, g.tokenSecret());
            }
            // Values the connect or refresh kept from the provider (an account's API host, a tenant id).
            g.kept().forEach((key, value) -> vault.put(instance, element, key, value));
            vault.put(instance, element, Credentials.REFRESH_TIME, now.toString());
            lifetime = g.expiresInSeconds();
            if (lifetime == null && element.authenticationType().orElse(null) == AuthenticationType.OAUTH2) {
                lifetime = refreshInterval(configuration);
            }
        }
        // A client-credentials token is minted anew instead of refreshed, on the same schedule.
        boolean refreshable = vault.get(instance, Credentials.REFRESH_TOKEN).filter(t -> !t.isBlank()).isPresent()
                || (element.authenticationType().orElse(null) == AuthenticationType.OAUTH2
                    && ClientCredentialsGrant.applies(configuration));
        boolean verifiable = Optional.ofNullable(configuration.get(CredentialSchedule.VERIFICATION_PATH)).filter(p -> !p.isBlank()).isPresent();
        var plan = schedule.plan(now, lifetime, refreshable, verifiable);
        if (grant.isPresent() && grant.get().accessToken() == null && refreshable) {
            // Only a refresh token was imported: get an access token at the next scheduler pass.
            plan = new CredentialSchedule.Plan(null, now, null);
        }
        instance.credentialsRenewed(now, plan.expiresAt(), plan.refreshDue(), plan.verificationDue());
    }

    /** The organization's instance, or not found. */
    Outcome<Instance> found(long organizationId, long id) {
        return repository.find(organizationId, id).<Outcome<Instance>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("No instance with id " + id + "."));
    }

    /** The caller's own configuration values: non-blank keys, non-null values. */
    private static Map<String, String> ownValues(InstanceRequest request) {
        Map<String, String> own = new LinkedHashMap<>();
        request.configurationOrEmpty().forEach((key, value) -> {
            if (key != null && !key.isBlank() && value != null) {
                own.put(key.strip(), value);
            }
        });
        return own;
    }

    private void applySettings(Instance instance, ElementDefinition element, InstanceRequest request) {
        if (request.eventsEnabled() != null && !request.configurationOrEmpty().containsKey(InstanceConfigurationRule.EVENTS_ENABLED_KEY)) {
            vault.put(instance, element, InstanceConfigurationRule.EVENTS_ENABLED_KEY, String.valueOf(request.eventsEnabled()));
        }
        if (request.traceLoggingEnabled() != null) {
            instance.setTraceLoggingEnabled(request.traceLoggingEnabled());
        }
        if (request.cachingEnabled() != null) {
            instance.setCachingEnabled(request.cachingEnabled());
        }
        if (request.maxCacheSize() != null && request.maxCacheSize() >= 0) {
            instance.setMaxCacheSize(request.maxCacheSize());
        }
        if (request.cacheTimeToLive() != null && request.cacheTimeToLive() >= 0) {
            instance.setCacheTimeToLive(request.cacheTimeToLive());
        }
        if (request.tags() != null) {
            instance.replaceTags(request.tags());
        }
    }

    private static Long refreshInterval(Map<String, String> configuration) {
        String interval = configuration.get(Credentials.REFRESH_INTERVAL);
        try {
            return interval == null || interval.isBlank() ? null : Long.parseLong(interval.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
