package io.plugboard.proxy.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.instances.control.InstanceVault;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The database side of {@link ProxyTargets}: what a provider call needs about an instance, in one short read. */
@ApplicationScoped
public class TargetReads {

    @Inject
    InstanceService instances;
    @Inject
    InstanceVault vault;

    /** The id of the organization's instance an {@code Element} token names. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Long> idForToken(Caller caller) {
        return instances.idForToken(caller);
    }

    /**
     * The instance's effective configuration (credentials in plaintext), its element and
     * authentication type. One transaction (not SUPPORTS): a single pooled connection serves every
     * read of the load.
     */
    @Transactional
    public Outcome<ProxyTargets.Target> load(long organizationId, long instanceId) {
        OffsetDateTime readAt = OffsetDateTime.now(ZoneOffset.UTC);
        return instances.found(organizationId, instanceId).flatMap(instance -> instances.elementOf(instance)
                .<Outcome<ProxyTargets.Target>>map(element -> Outcome.success(new ProxyTargets.Target(instanceId,
                        organizationId, element, element.authenticationType().orElse(AuthenticationType.CUSTOM),
                        vault.effective(instance, element), instance.isDisabled(), instance.isValid(), readAt)))
                .orElseGet(() -> Outcome.invalid("The element of instance " + instanceId + " no longer exists.")));
    }
}
