package io.plugboard.transformations.control;

import io.plugboard.platform.persistence.CacheTrust;
import io.plugboard.platform.persistence.DatabaseChange;
import io.plugboard.platform.persistence.DatabaseChangesMissed;
import io.plugboard.platform.persistence.NodeCache;
import io.plugboard.transformations.entity.CommonObjectsChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Each organization's {@link CommonObjectSet}, kept per node: every {@code /hubs} call asks
 * whether its first path segment is a common object of the caller's instance, and that question
 * must cost no database round trip.
 *
 * <p>Correct on several nodes because it is invalidated, as the proxy's targets are: a write fires
 * {@link CommonObjectsChanged} at flush and after the commit; another node's write (or an
 * operator's SQL) arrives as the database's {@code common_objects} notice ({@code db/postgresql});
 * missed notices drop everything; and {@link NodeCache} neither keeps a read that raced a write
 * nor uses its copies while the node may be missing notices. The time limit
 * ({@code plugboard.transformations.cache-seconds}, 0 turns the copy off) only bounds memory.
 */
@ApplicationScoped
public class CommonObjectDirectory {

    static final String TOPIC = "common_objects";
    private static final int MAX_ORGANIZATIONS = 10_000;

    @Inject
    CommonObjects objects;
    @Inject
    CacheTrust trust;

    @Inject
    @ConfigProperty(name = "plugboard.transformations.cache-seconds", defaultValue = "300")
    int cacheSeconds;

    private NodeCache<Long, CommonObjectSet> sets;

    @PostConstruct
    void createCache() {
        sets = new NodeCache<>(trust, Duration.ofSeconds(Math.max(0, cacheSeconds)), MAX_ORGANIZATIONS);
    }

    public CommonObjectSet of(long organizationId) {
        return sets.get(organizationId, objects::read);
    }

    void written(@Observes CommonObjectsChanged change) {
        sets.forget(change.organizationId());
    }

    void committed(@Observes(during = TransactionPhase.AFTER_COMPLETION) CommonObjectsChanged change) {
        sets.forget(change.organizationId());
    }

    /** Another node's write (or an operator's SQL), announced by the database. */
    void relayed(@Observes DatabaseChange change) {
        if (TOPIC.equals(change.topic())) {
            sets.forget(change.id());
        }
    }

    void changesMissed(@Observes DatabaseChangesMissed missed) {
        sets.forgetAll();
    }
}
