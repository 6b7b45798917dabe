package io.plugboard.instances.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.organizations.control.OrganizationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns instances into the views the API answers, resolving element and user once per instance. */
@ApplicationScoped
public class InstanceViews {

    @Inject
    InstanceVault vault;
    @Inject
    ElementService elements;
    @Inject
    OrganizationService organizations;

    public InstanceView of(Instance instance, boolean hydrate) {
        return of(instance, elements.find(String.valueOf(instance.getElementId()),
                Optional.of(instance.getOrganizationId())).map(ElementService.Element::definition), hydrate);
    }

    /** For callers that already hold the instance's element. */
    public InstanceView of(Instance instance, Optional<ElementDefinition> element, boolean hydrate) {
        InstanceView.ElementSummary summary = element.map(e -> hydrate ? full(e) : brief(e))
                .orElseGet(() -> new InstanceView.ElementSummary(instance.getElementId(), instance.getElementKey(),
                        instance.getElementKey(), null, null, false, true, null, null, null, null));
        InstanceView.UserSummary user = organizations.user(instance.getOrganizationId(), instance.getUserId())
                .map(u -> new InstanceView.UserSummary(u.id(), u.emailAddress(), u.firstName(), u.lastName()))
                .orElse(null);
        return new InstanceView(instance.getId(), instance.getName(), vault.token(instance), summary,
                instance.getElementId(), List.copyOf(instance.getTags()), List.of(), instance.isValid(),
                instance.isDisabled(), instance.getMaxCacheSize(), instance.getCacheTimeToLive(),
                hydrate ? element.map(e -> vault.masked(instance, e)).orElseGet(() -> vault.masked(instance)) : null, instance.isEventsEnabled(),
                vault.get(instance, InstanceConfigurationRule.CALLBACK_URL_KEY).orElse(null), instance.isTraceLoggingEnabled(),
                instance.isCachingEnabled(), instance.getExternalAuthentication(), instance.getCreatedDate(), user);
    }

    public List<InstanceView.ConfigurationEntry> configuration(Instance instance) {
        return instance.getConfiguration().stream()
                .map(entry -> new InstanceView.ConfigurationEntry(entry.getId(), entry.getKey(), InstanceVault.maskedValue(entry)))
                .toList();
    }

    private static InstanceView.ElementSummary full(ElementDefinition e) {
        return new InstanceView.ElementSummary(e.id(), e.name(), e.key(), e.description(), e.image(), e.active(),
                e.deleted(), e.typeOauth(), e.trialAccount(), e.hub(),
                e.authentication() == null ? null : Map.of("type", e.authentication().type()));
    }

    private static InstanceView.ElementSummary brief(ElementDefinition e) {
        return new InstanceView.ElementSummary(e.id(), e.name(), e.key(), null, null, null, null, null, null, null, null);
    }
}
