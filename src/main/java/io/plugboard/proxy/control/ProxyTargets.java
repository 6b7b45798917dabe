package io.plugboard.proxy.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.InstanceCopies;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.persistence.CacheTrust;
import io.plugboard.platform.persistence.NodeCache;
import io.plugboard.platform.security.Caller;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider call needs about an instance, kept per node for a few seconds so that a steady
 * stream of proxied calls touches no database.
 *
 * <p>Correctness rests on invalidation, not on the time limit: every write of an instance, of its
 * configuration or of a private element is announced (JPA listeners fire {@code InstanceChanged}
 * and {@code PrivateElementChanged} at flush and again after the commit), and drops the copy. A
 * read that was in flight while a write happened is not kept: each read notes the write
 * generation of its instance's stripe first and stores its result only if no write has bumped it
 * since. Writes made on other nodes (or by SQL) arrive the same way, relayed from PostgreSQL
 * ({@code DatabaseChange}, translated by the owning feature), and while this node cannot be sure
 * to hear them ({@link CacheTrust}) the copies are neither used nor stored; after such a gap they
 * are all dropped ({@link DatabaseChangesMissed}). The time limit
 * ({@code plugboard.proxy.target-cache-seconds}, 0 turns the cache off) only bounds memory use
 * and is a last safety net.
 *
 * <p>The copy holds decrypted credentials in this JVM's memory, as every proxied call does while
 * it runs; it is never serialized or logged.
 */
@ApplicationScoped
public class ProxyTargets extends InstanceCopies {

    private static final int MAX_INSTANCES = 10_000;

    /**
     * The instance's effective configuration (credentials in plaintext), its organization, element
     * and authentication type, and when the credentials were read (for the single flight of a
     * refresh after a 401).
     */
    public record Target(long instanceId, long organizationId, ElementDefinition element, AuthenticationType authentication,
                         Map<String, String> configuration, boolean disabled, boolean valid, OffsetDateTime readAt) {
        @Override
        public String toString() {
            return "Target[instance=" + instanceId + ", element=" + element.key() + "]";
        }
    }

    private record TokenKey(long organizationId, String tokenDigest) {
    }

    @Inject
    TargetReads reads;
    @Inject
    CacheTrust trust;

    @Inject
    @ConfigProperty(name = "plugboard.proxy.target-cache-seconds", defaultValue = "10")
    int cacheSeconds;

    private Cache<TokenKey, Long> instanceByToken;
    private NodeCache<Long, Target> targets;

    @PostConstruct
    void createCaches() {
        Duration ttl = Duration.ofSeconds(Math.max(0, cacheSeconds));
        // Maintenance runs on the calling thread: no unmanaged pool threads in the container.
        instanceByToken = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_INSTANCES)
                .executor(Runnable::run).build();
        targets = new NodeCache<>(trust, ttl, MAX_INSTANCES);
    }

    /** The instance named by the caller's {@code Element} token; empty when it is not one of the organization's. */
    public Optional<Outcome<Target>> loadByToken(Caller caller) {
        if (caller.instanceToken().isEmpty()) {
            return Optional.empty();
        }
        TokenKey key = new TokenKey(caller.organizationId(), BearerSecrets.digest(caller.instanceToken().get()));
        Long known = caching() ? instanceByToken.getIfPresent(key) : null;
        Optional<Long> id = known != null ? Optional.of(known) : reads.idForToken(caller);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Outcome<Target> target = load(caller.organizationId(), id.get());
        if (target instanceof Outcome.NotFound<Target>) {
            instanceByToken.invalidate(key);   // deleted since the token was looked up
            return Optional.empty();
        }
        if (caching() && known == null) {
            instanceByToken.put(key, id.get());
        }
        return Optional.of(target);
    }

    /** The organization's instance by id, from this node's copy when there is a current one. */
    public Outcome<Target> load(long organizationId, long instanceId) {
        Optional<Target> cached = targets.current(instanceId);
        if (cached.isPresent() && cached.get().organizationId() == organizationId) {
            return Outcome.success(cached.get());
        }
        return reload(organizationId, instanceId);
    }

    /** Reads the instance from the database and keeps the result, e.g. after its credentials were refreshed. */
    public Outcome<Target> reload(long organizationId, long instanceId) {
        return targets.load(instanceId, () -> reads.load(organizationId, instanceId),
                read -> read instanceof Outcome.Success<Target> success ? success.value() : null);
    }

    @Override
    protected void forgetInstance(long instanceId) {
        targets.forget(instanceId);
    }

    @Override
    protected void forgetAll() {
        targets.forgetAll();
    }

    @Override
    protected void changesMayBeMissed() {
        targets.forgetAll();
        instanceByToken.invalidateAll();
    }

    private boolean caching() {
        return cacheSeconds > 0 && trust.current();
    }
}
