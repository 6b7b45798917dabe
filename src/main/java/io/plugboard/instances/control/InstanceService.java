package io.plugboard.instances.control;

import io.plugboard.elements.control.ElementConfiguration;
import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceConfigurationEntry;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.PendingRequestTokens;
import io.plugboard.oauth.control.TokenGrant;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance lifecycle: provisioning (provider exchange first, then one transaction that
 * stores everything, so a failed exchange stores nothing), listing, updating, re-authenticating
 * in place, enabling and deleting. Every operation is scoped to the caller's organization:
 * another organization's instance is simply not found.
 */
@ApplicationScoped
public class InstanceService {

    static final int DEFAULT_PAGE_SIZE = 200;
    static final int MAX_PAGE_SIZE = 500;

    @Inject
    InstanceRepository repository;
    @Inject
    InstanceVault vault;
    @Inject
    InstanceViews views;
    @Inject
    ElementService elements;
    @Inject
    Credentials credentials;
    @Inject
    CredentialSchedule schedule;
    @Inject
    PendingRequestTokens pendingRequestTokens;
    @Inject
    InstanceService self;

    /** One page of instances and what the paging headers need. */
    public record Page(List<InstanceView> instances, long total, String nextPage) {
    }

    // --- provisioning ----------------------------------------------------------------------------

    public Outcome<InstanceView> provision(Caller caller, InstanceRequest request) {
        Optional<String> oversized = request.oversized();
        if (oversized.isPresent()) {
            return Outcome.invalid(oversized.get());
        }
        if (request.elementKeyOrId() == null || request.elementKeyOrId().isBlank()) {
            return Outcome.invalid("element.key or element.id is required.");
        }
        Optional<ElementDefinition> found = elements.find(request.elementKeyOrId(), Optional.of(caller.organizationId()))
                .map(ElementService.Element::definition);
        if (found.isEmpty()) {
            return Outcome.notFound("No element with key or id " + request.elementKeyOrId() + ".");
        }
        ElementDefinition element = found.get();
        if (Boolean.FALSE.equals(element.active())) {
            return Outcome.invalid("The element " + element.key() + " is not active.");
        }
        Map<String, String> configuration = ElementConfiguration.effective(element, Map.of(), request.configurationOrEmpty());
        List<String> missing = ElementConfiguration.missingRequired(element, configuration);
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing required configuration: " + String.join(", ", missing) + ".");
        }
        Outcome<Credentials.Obtained> obtained = credentials.obtain(element, configuration, request.providerDataOrEmpty(),
                request.importsTokens());
        if (!(obtained instanceof Outcome.Success<Credentials.Obtained> success)) {
            return obtained.asFailure();
        }
        InstanceView created = self.create(caller, element, configuration, success.value().grant(), request);
        pendingRequestTokens.forget(success.value().spentRequestToken());
        return Outcome.success(created);
    }

    /** Internal (public for the transaction interceptor): stores a provisioned instance. */
    @Transactional
    public InstanceView create(Caller caller, ElementDefinition element, Map<String, String> configuration,
                        Optional<TokenGrant> grant, InstanceRequest request) {
        OffsetDateTime now = now();
        String token = BearerSecrets.generate();
        String digest = BearerSecrets.digest(token);
        var sealedToken = vault.sealToken(token, digest);
        String name = request.name() == null || request.name().isBlank() ? element.name() : request.name().strip();
        Instance instance = repository.save(new Instance(caller.organizationId(), caller.userId(), element.id(),
                element.key(), name, digest, sealedToken.keyId(), sealedToken.ciphertext(), now));
        // Only the instance's own values are stored; element defaults are merged in when read.
        ownValues(request).forEach((key, value) -> vault.put(instance, element, key, value));
        applySettings(instance, request);
        instance.setExternalAuthentication(request.importsTokens() ? "initial" : "none");
        storeCredentials(instance, element, configuration, grant, now);
        repository.record(new InstanceEvent(instance.getId(), instance.getOrganizationId(), InstanceEvent.Type.PROVISIONED,
                "Provisioned for element " + element.key(), now));
        return views.of(instance, Optional.of(element), true);
    }

    // --- reading ------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<Page> list(long organizationId, List<String> tags, String elementKeyOrId, Integer pageSize,
                              String nextPage, boolean hydrate) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return Outcome.invalid("pageSize must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        Long after = null;
        if (nextPage != null && !nextPage.isBlank()) {
            Optional<Long> decoded = decodePageToken(nextPage);
            if (decoded.isEmpty()) {
                return Outcome.invalid("nextPage is not a page token this hub issued.");
            }
            after = decoded.get();
        }
        Long elementId = null;
        if (elementKeyOrId != null) {
            Optional<ElementDefinition> element = elements.find(elementKeyOrId, Optional.of(organizationId))
                    .map(ElementService.Element::definition);
            if (element.isEmpty()) {
                return Outcome.notFound("No element with key or id " + elementKeyOrId + ".");
            }
            elementId = element.get().id();
        }
        List<String> wanted = tags == null ? List.of() : tags.stream().filter(t -> t != null && !t.isBlank()).toList();
        var filter = new InstanceRepository.Filter(organizationId, wanted, elementId);
        List<Instance> rows = repository.page(filter, after, size + 1);
        boolean more = rows.size() > size;
        List<Instance> shown = more ? rows.subList(0, size) : rows;
        String token = more ? encodePageToken(shown.get(shown.size() - 1).getId()) : null;
        return Outcome.success(new Page(shown.stream().map(i -> views.of(i, hydrate)).toList(), repository.count(filter), token));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<InstanceView> get(long organizationId, long id) {
        return found(organizationId, id).map(i -> views.of(i, true));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<Boolean> disabled(long organizationId, long id) {
        return found(organizationId, id).map(Instance::isDisabled);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<List<InstanceView.Event>> events(long organizationId, long id, int limit) {
        return found(organizationId, id).map(i -> repository.events(organizationId, id, limit).stream()
                .map(e -> new InstanceView.Event(e.getType(), e.getDetail(), e.getCreatedDate())).toList());
    }

    /** The instance an {@code Element <token>} names, if it is the organization's and exists. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Long> idForToken(Caller caller) {
        return caller.instanceToken()
                .flatMap(token -> repository.findByTokenDigest(BearerSecrets.digest(token)))
                .filter(i -> i.getOrganizationId() == caller.organizationId())
                .map(Instance::getId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<List<InstanceView.ConfigurationEntry>> configuration(long organizationId, long id) {
        return found(organizationId, id).map(views::configuration);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<InstanceView.ConfigurationEntry> configurationEntry(long organizationId, long id, long entryId) {
        Outcome<Instance> instance = found(organizationId, id);
        if (!(instance instanceof Outcome.Success<Instance> success)) {
            return instance.asFailure();
        }
        return views.configuration(success.value()).stream().filter(e -> e.id() == entryId).findFirst()
                .<Outcome<InstanceView.ConfigurationEntry>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("No configuration entry " + entryId + " on instance " + id + "."));
    }

    // --- changing -----------------------------------------------------------------------------

    /**
     * PUT and PATCH: the fields present are set (tags replace the list, configuration entries merge);
     * with {@code providerData} or {@code reAuthenticate}, credentials are obtained anew first and
     * the instance keeps its id and token.
     */
    public Outcome<InstanceView> update(long organizationId, long id, InstanceRequest request, boolean reAuthenticate) {
        Optional<String> oversized = request.oversized();
        if (oversized.isPresent()) {
            return Outcome.invalid(oversized.get());
        }
        Outcome<Instance> current = self.detached(organizationId, id);
        if (!(current instanceof Outcome.Success<Instance> success)) {
            return current.asFailure();
        }
        Instance instance = success.value();
        Optional<ElementDefinition> element = elementOf(instance);
        if (element.isEmpty()) {
            return Outcome.invalid("The element of instance " + id + " no longer exists.");
        }
        boolean reprovision = reAuthenticate || !request.providerDataOrEmpty().isEmpty();
        Map<String, String> merged = ElementConfiguration.effective(element.get(), vault.plaintext(instance),
                request.configurationOrEmpty());
        Optional<TokenGrant> grant = Optional.empty();
        String spent = null;
        if (reprovision) {
            List<String> missing = ElementConfiguration.missingRequired(element.get(), merged);
            if (!missing.isEmpty()) {
                return Outcome.invalid("Missing required configuration: " + String.join(", ", missing) + ".");
            }
            if (request.providerDataOrEmpty().isEmpty() && !request.importsTokens()
                    && element.get().authenticationType().map(t -> t == AuthenticationType.OAUTH1 || t == AuthenticationType.OAUTH2).orElse(false)) {
                return Outcome.invalid("providerData is required to re-authenticate an OAuth instance.");
            }
            Outcome<Credentials.Obtained> obtained = credentials.obtain(element.get(), merged, request.providerDataOrEmpty(),
                    request.importsTokens());
            if (!(obtained instanceof Outcome.Success<Credentials.Obtained> ok)) {
                return obtained.asFailure();
            }
            grant = ok.value().grant();
            spent = ok.value().spentRequestToken();
        }
        Outcome<InstanceView> updated = self.apply(organizationId, id, element.get(), request, grant, reprovision);
        pendingRequestTokens.forget(spent);
        return updated;
    }

    /** An instance's element and effective configuration, in plaintext: what re-authenticating it starts from. */
    public record Configured(String elementKey, Map<String, String> configuration) {
        @Override
        public String toString() {
            return "Configured[element=" + elementKey + ", configuration=" + configuration.keySet() + "]";
        }
    }

    /** The organization's instance {@code id}, for starting its re-authentication through the provider. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<Configured> configured(long organizationId, long id) {
        Outcome<Instance> found = found(organizationId, id);
        if (!(found instanceof Outcome.Success<Instance> success)) {
            return found.asFailure();
        }
        Instance instance = success.value();
        return elementOf(instance)
                .<Outcome<Configured>>map(element -> Outcome.success(new Configured(element.key(), vault.effective(instance, element))))
                .orElseGet(() -> Outcome.invalid("The element of instance " + id + " no longer exists."));
    }

    /** Internal (public for the transaction interceptor). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<Instance> detached(long organizationId, long id) {
        return found(organizationId, id);
    }

    /** Internal (public for the transaction interceptor): writes an update in one transaction. */
    @Transactional
    public Outcome<InstanceView> apply(long organizationId, long id, ElementDefinition element, InstanceRequest request,
                                Optional<TokenGrant> grant, boolean reprovisioned) {
        Outcome<Instance> found = found(organizationId, id);
        if (!(found instanceof Outcome.Success<Instance> success)) {
            return found.asFailure();
        }
        Instance instance = success.value();
        OffsetDateTime now = now();
        if (request.name() != null && !request.name().isBlank()) {
            instance.setName(request.name().strip());
        }
        ownValues(request).forEach((key, value) -> vault.put(instance, element, key, value));
        applySettings(instance, request);
        if (reprovisioned) {
            if (request.externalAuthentication() != null) {
                instance.setExternalAuthentication(request.importsTokens() ? "initial" : "none");
            }
            storeCredentials(instance, element, vault.effective(instance, element), grant, now);
            repository.record(new InstanceEvent(instance.getId(), organizationId, InstanceEvent.Type.REAUTHENTICATED,
                    "Re-authenticated", now));
        }
        instance.touch(now);
        return Outcome.success(views.of(instance, Optional.of(element), true));
    }

    @Transactional
    public Outcome<InstanceView.ConfigurationEntry> updateConfigurationEntry(long organizationId, long id, long entryId,
                                                                            String propertyValue) {
        Optional<String> oversized = InstanceRequest.oversizedValue("the entry", propertyValue);
        if (oversized.isPresent()) {
            return Outcome.invalid(oversized.get());
        }
        Outcome<Instance> found = found(organizationId, id);
        if (!(found instanceof Outcome.Success<Instance> success)) {
            return found.asFailure();
        }
        Instance instance = success.value();
        Optional<InstanceConfigurationEntry> entry = instance.getConfiguration().stream()
                .filter(e -> e.getId() == entryId).findFirst();
        Optional<ElementDefinition> element = elementOf(instance);
        if (entry.isEmpty() || element.isEmpty()) {
            return Outcome.notFound("No configuration entry " + entryId + " on instance " + id + ".");
        }
        vault.put(instance, element.get(), entry.get().getKey(), propertyValue);
        instance.touch(now());
        return Outcome.success(new InstanceView.ConfigurationEntry(entryId, entry.get().getKey(),
                InstanceVault.maskedValue(entry.get())));
    }

    @Transactional
    public Outcome<InstanceView> setEnabled(long organizationId, long id, boolean enabled) {
        Outcome<Instance> found = found(organizationId, id);
        if (!(found instanceof Outcome.Success<Instance> success)) {
            return found.asFailure();
        }
        Instance instance = success.value();
        OffsetDateTime now = now();
        if (instance.isDisabled() == enabled) {
            instance.setDisabled(!enabled);
            instance.touch(now);
            repository.record(new InstanceEvent(id, organizationId,
                    enabled ? InstanceEvent.Type.ENABLED : InstanceEvent.Type.DISABLED, null, now));
        }
        return Outcome.success(views.of(instance, true));
    }

    @Transactional
    public Outcome<Long> delete(long organizationId, long id) {
        Outcome<Instance> found = found(organizationId, id);
        if (!(found instanceof Outcome.Success<Instance> success)) {
            return found.asFailure();
        }
        repository.delete(success.value());
        return Outcome.success(id);
    }

    // --- shared -------------------------------------------------------------------------------

    public Outcome<Instance> found(long organizationId, long id) {
        return repository.find(organizationId, id).<Outcome<Instance>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("No instance with id " + id + "."));
    }

    public Optional<ElementDefinition> elementOf(Instance instance) {
        return elements.find(String.valueOf(instance.getElementId()), Optional.of(instance.getOrganizationId()))
                .map(ElementService.Element::definition);
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

    private void applySettings(Instance instance, InstanceRequest request) {
        if (request.eventsEnabled() != null) {
            instance.setEventsEnabled(request.eventsEnabled());
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

    /** Stores obtained credentials and plans their refresh or verification. */
    public void storeCredentials(Instance instance, ElementDefinition element, Map<String, String> configuration,
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
            vault.put(instance, element, Credentials.REFRESH_TIME, now.toString());
            lifetime = g.expiresInSeconds();
            if (lifetime == null && element.authenticationType().orElse(null) == AuthenticationType.OAUTH2) {
                lifetime = refreshInterval(configuration);
            }
        }
        boolean refreshable = vault.get(instance, Credentials.REFRESH_TOKEN).filter(t -> !t.isBlank()).isPresent();
        boolean verifiable = Optional.ofNullable(configuration.get(CredentialSchedule.VERIFICATION_PATH)).filter(p -> !p.isBlank()).isPresent();
        var plan = schedule.plan(now, lifetime, refreshable, verifiable);
        if (grant.isPresent() && grant.get().accessToken() == null && refreshable) {
            // Only a refresh token was imported: get an access token at the next scheduler pass.
            plan = new CredentialSchedule.Plan(null, now, null);
        }
        instance.credentialsRenewed(now, plan.expiresAt(), plan.refreshDue(), plan.verificationDue());
    }

    private static Long refreshInterval(Map<String, String> configuration) {
        String interval = configuration.get(Credentials.REFRESH_INTERVAL);
        try {
            return interval == null || interval.isBlank() ? null : Long.parseLong(interval.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encodePageToken(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Long> decodePageToken(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return decoded.startsWith("after:") ? Optional.of(Long.parseLong(decoded.substring("after:".length()))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
