package io.plugboard.events.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.instances.control.InstanceDirectory;
import io.plugboard.instances.control.InstanceCopies;
import io.plugboard.platform.persistence.CacheTrust;
import io.plugboard.platform.persistence.NodeCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What webhooks and deliveries need to know about elements and instances, kept per node so that a
 * steady stream of webhooks costs the database only its inserts: the elements a key names (a
 * private element's definition is parsed from its stored JSON) and each instance's settings
 * (its effective configuration decrypted, with the callback URL and both signature keys).
 *
 * <p>Correct on several nodes for the same reasons as the proxy's targets ({@link NodeCache}):
 * every write of an instance or a private element is announced here, at flush, after the commit,
 * and from other nodes through the database's change relay. The copies hold decrypted secrets in
 * this JVM's memory, as every webhook check and delivery does while it runs; they are never
 * serialized or logged ({@code Settings.toString()} shows no values).
 */
@ApplicationScoped
public class EventTargets extends InstanceCopies {

    private static final int MAX_ENTRIES = 10_000;

    @Inject
    ElementService elements;
    @Inject
    InstanceDirectory instances;
    @Inject
    CacheTrust trust;

    /** How long a copy may be kept at most; 0 reads the database for every webhook and delivery. */
    @Inject
    @ConfigProperty(name = "plugboard.events.target-cache-seconds", defaultValue = "10")
    int cacheSeconds;

    private NodeCache<String, List<ElementService.Owned>> owners;
    private NodeCache<Long, InstanceDirectory.Settings> settings;

    @PostConstruct
    void createCaches() {
        Duration ttl = Duration.ofSeconds(Math.max(0, cacheSeconds));
        owners = new NodeCache<>(trust, ttl, MAX_ENTRIES);
        settings = new NodeCache<>(trust, ttl, MAX_ENTRIES);
    }

    /** Every element of this key: the catalog's, or each organization's private one. */
    public List<ElementService.Owned> ownersOf(String elementKey) {
        return owners.get(elementKey, elements::everyOwnerOf);
    }

    /** The instance's settings by id alone; empty when there is no such instance. */
    public Optional<InstanceDirectory.Settings> settings(long instanceId) {
        return Optional.ofNullable(settings.get(instanceId, id -> instances.settings(id).orElse(null)));
    }

    @Override
    protected void forgetInstance(long instanceId) {
        settings.forget(instanceId);
    }

    /** An element's definition is in every instance's effective configuration (its defaults). */
    @Override
    protected void forgetAll() {
        owners.forgetAll();
        settings.forgetAll();
    }
}
