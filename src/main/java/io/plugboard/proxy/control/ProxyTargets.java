package io.plugboard.proxy.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.instances.control.InstanceVault;
import io.plugboard.instances.entity.Instance;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Loads what a provider call needs about an instance, in one short read. */
@ApplicationScoped
public class ProxyTargets {

    @Inject
    InstanceService instances;
    @Inject
    InstanceVault vault;

    /**
     * The instance's effective configuration (credentials in plaintext, held only for this call),
     * its element and authentication type, and when the credentials were read (for the single
     * flight of a refresh after a 401).
     */
    public record Target(long instanceId, ElementDefinition element, AuthenticationType authentication,
                         Map<String, String> configuration, boolean disabled, boolean valid, OffsetDateTime readAt) {
        @Override
        public String toString() {
            return "Target[instance=" + instanceId + ", element=" + element.key() + "]";
        }
    }

    /**
     * The instance named by an {@code Element} token: token lookup and load in one transaction, so
     * a proxied call takes one pooled connection for all its reads. Empty when the token is not
     * one of the organization's instances.
     */
    @Transactional
    public java.util.Optional<Outcome<Target>> loadByToken(io.plugboard.platform.security.Caller caller) {
        return instances.idForToken(caller).map(id -> load(caller.organizationId(), id));
    }

    /** One transaction (not SUPPORTS): a single pooled connection serves every read of the call. */
    @Transactional
    public Outcome<Target> load(long organizationId, long instanceId) {
        OffsetDateTime readAt = OffsetDateTime.now(ZoneOffset.UTC);
        Outcome<Instance> found = instances.found(organizationId, instanceId);
        if (!(found instanceof Outcome.Success<Instance> success)) {
            return found.asFailure();
        }
        Instance instance = success.value();
        return instances.elementOf(instance)
                .<Outcome<Target>>map(element -> Outcome.success(new Target(instanceId, element,
                        element.authenticationType().orElse(AuthenticationType.CUSTOM), vault.effective(instance, element),
                        instance.isDisabled(), instance.isValid(), readAt)))
                .orElseGet(() -> Outcome.invalid("The element of instance " + instanceId + " no longer exists."));
    }
}
