package io.plugboard.instances.control;

import io.plugboard.elements.control.ElementConfiguration;
import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceConfigurationEntry;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.ClientCredentialsGrant;
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
    /** The most events one read returns; a smaller or larger limit is brought into 1..MAX_EVENTS. */
    static final int MAX_EVENTS = 500;

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
    PendingRequestTokens pendingRequestTokens;
    @Inject
    InstanceWrites writes;
    @Inject
    ConfigurationRules rules;
    @Inject
    CredentialVerifier verifier;

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
        return activeElement(caller.organizationId(), request.elementKeyOrId()).flatMap(element -> {
            Map<String, String> configuration = ElementConfiguration.effective(element, Map.of(), request.configurationOrEmpty());
            return complete(element, configuration)
                    .flatMap(complete -> rules.check(element, Map.of(), ConfigurationRules.withEventsFlag(configuration, request)))
                    .flatMap(checked -> credentials.obtain(element, configuration, request.providerDataOrEmpty(),
                            request.importsTokens()))
                    .flatMap(obtained -> verified(element, configuration, obtained, request.importsTokens()))
                    .map(obtained -> {
                        InstanceView created = writes.create(caller, element, configuration, obtained.grant(), request);
                        pendingRequestTokens.forget(obtained.spentRequestToken());
                        return created;
                    });
        });
    }

    /**
     * Basic, API-key and client-credentials instances: credentials the caller typed (or the hub
     * minted from them) are checked with the element's verification call before anything is
     * stored, so wrong ones are a 400 now instead of an invalid instance later. OAuth tokens that
     * come from the provider's own consent screen or are imported as they are need no such check.
     */
    private Outcome<Credentials.Obtained> verified(ElementDefinition element, Map<String, String> configuration,
                                                   Credentials.Obtained obtained, boolean imported) {
        AuthenticationType type = element.authenticationType().orElse(AuthenticationType.CUSTOM);
        boolean typed = type == AuthenticationType.BASIC || type == AuthenticationType.API_KEY
                || (type == AuthenticationType.OAUTH2 && !imported && ClientCredentialsGrant.applies(configuration));
        if (!typed) {
            return Outcome.success(obtained);
        }
        Map<String, String> withToken = new LinkedHashMap<>(configuration);
        obtained.grant().map(TokenGrant::accessToken).ifPresent(token -> withToken.put(Credentials.ACCESS_TOKEN, token));
        return verifier.check(element, withToken).map(checked -> obtained);
    }

    /** The organization's element (or a catalog one) by key or id, if it may be provisioned. */
    private Outcome<ElementDefinition> activeElement(long organizationId, String keyOrId) {
        Optional<ElementDefinition> found = elements.find(keyOrId, Optional.of(organizationId))
                .map(ElementService.Element::definition);
        if (found.isEmpty()) {
            return Outcome.notFound("No element with key or id " + keyOrId + ".");
        }
        ElementDefinition element = found.get();
        if (Boolean.FALSE.equals(element.active())) {
            return Outcome.invalid("The element " + element.key() + " is not active.");
        }
        return Outcome.success(element);
    }

    /** The configuration itself when every required key has a value; else which ones are missing. */
    private static Outcome<Map<String, String>> complete(ElementDefinition element, Map<String, String> configuration) {
        List<String> missing = ElementConfiguration.missingRequired(element, configuration);
        if (!missing.isEmpty()) {
            return Outcome.invalid("Missing required configuration: " + String.join(", ", missing) + ".");
        }
        return Outcome.success(configuration);
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
    public Outcome<List<InstanceView.Event>> history(long organizationId, long id, int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_EVENTS));
        return found(organizationId, id).map(i -> repository.events(organizationId, id, bounded).stream()
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
        return found(organizationId, id).flatMap(instance -> views.configuration(instance).stream()
                .filter(e -> e.id() == entryId).findFirst()
                .<Outcome<InstanceView.ConfigurationEntry>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("No configuration entry " + entryId + " on instance " + id + ".")));
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
        return writes.detached(organizationId, id).flatMap(instance -> elementOf(instance)
                .map(element -> update(organizationId, id, instance, element, request, reAuthenticate))
                .orElseGet(() -> Outcome.invalid("The element of instance " + id + " no longer exists.")));
    }

    private Outcome<InstanceView> update(long organizationId, long id, Instance instance, ElementDefinition element,
                                         InstanceRequest request, boolean reAuthenticate) {
        boolean reprovision = reAuthenticate || !request.providerDataOrEmpty().isEmpty();
        Map<String, String> merged = ElementConfiguration.effective(element, vault.plaintext(instance), request.configurationOrEmpty());
        Outcome<Map<String, String>> accepted = rules.check(element, vault.effective(instance, element),
                ConfigurationRules.withEventsFlag(merged, request));
        if (!accepted.succeeded()) {
            return accepted.asFailure();
        }
        if (!reprovision) {
            return writes.apply(organizationId, id, element, request, Optional.empty(), false);
        }
        return complete(element, merged)
                .flatMap(complete -> reAuthenticable(element, request, merged))
                .flatMap(ok -> credentials.obtain(element, merged, request.providerDataOrEmpty(), request.importsTokens()))
                .flatMap(obtained -> verified(element, merged, obtained, request.importsTokens()))
                .flatMap(obtained -> {
                    Outcome<InstanceView> updated = writes.apply(organizationId, id, element, request, obtained.grant(), true);
                    pendingRequestTokens.forget(obtained.spentRequestToken());
                    return updated;
                });
    }

    /**
     * An OAuth instance re-authenticates with the provider's callback values, or with imported
     * tokens; a client-credentials one mints anew from its configuration.
     */
    private static Outcome<InstanceRequest> reAuthenticable(ElementDefinition element, InstanceRequest request,
                                                           Map<String, String> configuration) {
        if (request.providerDataOrEmpty().isEmpty() && !request.importsTokens()
                && !ClientCredentialsGrant.applies(configuration)
                && element.authenticationType().map(t -> t == AuthenticationType.OAUTH1 || t == AuthenticationType.OAUTH2).orElse(false)) {
            return Outcome.invalid("providerData is required to re-authenticate an OAuth instance.");
        }
        return Outcome.success(request);
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
        return found(organizationId, id).flatMap(instance -> elementOf(instance)
                .<Outcome<Configured>>map(element -> Outcome.success(new Configured(element.key(), vault.effective(instance, element))))
                .orElseGet(() -> Outcome.invalid("The element of instance " + id + " no longer exists.")));
    }

    @Transactional
    public Outcome<InstanceView.ConfigurationEntry> updateConfigurationEntry(long organizationId, long id, long entryId,
                                                                            String propertyValue) {
        Optional<String> oversized = InstanceRequest.oversizedValue("the entry", propertyValue);
        if (oversized.isPresent()) {
            return Outcome.invalid(oversized.get());
        }
        return found(organizationId, id).flatMap(instance -> {
            Optional<InstanceConfigurationEntry> entry = instance.getConfiguration().stream()
                    .filter(e -> e.getId() == entryId).findFirst();
            Optional<ElementDefinition> element = elementOf(instance);
            if (entry.isEmpty() || element.isEmpty()) {
                return Outcome.notFound("No configuration entry " + entryId + " on instance " + id + ".");
            }
            Map<String, String> before = vault.effective(instance, element.get());
            Map<String, String> changed = new LinkedHashMap<>(before);
            changed.put(entry.get().getKey(), propertyValue);
            Outcome<Map<String, String>> accepted = rules.check(element.get(), before, changed);
            if (!accepted.succeeded()) {
                return accepted.asFailure();
            }
            vault.put(instance, element.get(), entry.get().getKey(), propertyValue);
            writes.configurationStored(instance, element.get());
            instance.touch(now());
            return Outcome.success(new InstanceView.ConfigurationEntry(entryId, entry.get().getKey(),
                    InstanceVault.maskedValue(entry.get())));
        });
    }

    @Transactional
    public Outcome<InstanceView> setEnabled(long organizationId, long id, boolean enabled) {
        return found(organizationId, id).map(instance -> {
            OffsetDateTime now = now();
            if (instance.isDisabled() == enabled) {
                instance.setDisabled(!enabled);
                instance.touch(now);
                repository.record(new InstanceEvent(id, organizationId,
                        enabled ? InstanceEvent.Type.ENABLED : InstanceEvent.Type.DISABLED, null, now));
            }
            return views.of(instance, true);
        });
    }

    @Transactional
    public Outcome<Long> delete(long organizationId, long id) {
        return found(organizationId, id).map(instance -> {
            repository.delete(instance);
            return id;
        });
    }

    // --- shared -------------------------------------------------------------------------------

    public Outcome<Instance> found(long organizationId, long id) {
        return writes.found(organizationId, id);
    }

    public Optional<ElementDefinition> elementOf(Instance instance) {
        return elements.find(String.valueOf(instance.getElementId()), Optional.of(instance.getOrganizationId()))
                .map(ElementService.Element::definition);
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
