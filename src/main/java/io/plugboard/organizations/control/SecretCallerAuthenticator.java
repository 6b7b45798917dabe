package io.plugboard.organizations.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.plugboard.platform.persistence.CacheTrust;
import io.plugboard.platform.persistence.DatabaseChangesMissed;
import io.plugboard.platform.security.AuthorizationHeader;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CallerAuthenticator;
import io.plugboard.platform.security.CallersChanged;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the user by the digest of the user secret (an indexed lookup), then checks the
 * organization secret against that user's organization in constant time. Both must match.
 *
 * <p>A verified pair is remembered on this node for {@code plugboard.auth.cache-seconds} under the
 * digest of both secrets, so an application's steady stream of calls costs no database read to
 * authenticate. Only successes are remembered (wrong guesses cannot fill the cache), and only
 * digests are kept as keys.
 *
 * <p>Correctness rests on invalidation: removing a user or rotating a secret fires
 * {@link CallersChanged} (locally, and on the other nodes through the database's change notices),
 * and every remembered caller of that organization is dropped (the entry's value carries its
 * organization, so no index is needed; such writes are rare, a scan of at most
 * {@value #MAX_REMEMBERED} entries is cheap). Locally the event is observed twice: at once, in the
 * writing transaction, and again after it completes, for lookups that read the old rows before the
 * commit. A lookup that was reading the database while a change happened must not put back what it
 * read: each lookup notes the change generation first and stores its result only if no change
 * (nor a {@link DatabaseChangesMissed}) has happened since. While this node may be missing other
 * nodes' changes ({@link CacheTrust}) nothing is remembered or used, and after such a gap
 * everything is dropped. The time limit bounds staleness only where no event arrives.
 */
@ApplicationScoped
public class SecretCallerAuthenticator implements CallerAuthenticator {

    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    OrganizationRepository repository;

    @Inject
    @ConfigProperty(name = "plugboard.auth.cache-seconds", defaultValue = "30")
    int cacheSeconds;

    @Inject
    CacheTrust trust;

    private Cache<String, Caller> verified;
    /** Bumped by every change of callers and every missed-changes signal, before entries are dropped. */
    private final AtomicLong changes = new AtomicLong();

    @PostConstruct
    void createCache() {
        verified = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(Math.max(0, cacheSeconds)))
                .maximumSize(cacheSeconds > 0 ? MAX_REMEMBERED : 0)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<Caller> authenticate(AuthorizationHeader header) {
        String pair = BearerSecrets.digest(header.userSecret() + '\n' + header.organizationSecret());
        boolean current = trust.current();
        Caller known = current ? verified.getIfPresent(pair) : null;
        if (known != null) {
            return Optional.of(known.withElementToken(header.elementToken()));
        }
        long generation = changes.get();
        Optional<Caller> found = lookup(header);
        found.filter(caller -> current && trust.current())
                .ifPresent(caller -> remember(pair, caller.withElementToken(null), generation));
        return found;
    }

    /** Stores the caller unless a change happened since {@code generation}: atomic with {@link #forget}. */
    private void remember(String pair, Caller caller, long generation) {
        verified.asMap().compute(pair, (key, previous) -> changes.get() == generation ? caller : previous);
    }

    private Optional<Caller> lookup(AuthorizationHeader header) {
        return repository.findUserBySecretDigest(BearerSecrets.digest(header.userSecret()))
                .filter(user -> BearerSecrets.matches(header.organizationSecret(), user.getOrganization().getSecretDigest()))
                .map(user -> new Caller(
                        user.getOrganization().getId(),
                        user.getId(),
                        user.getOrganization().isBootstrap() && user.isAdministrator(),
                        user.isAdministrator(),
                        header.elementToken()));
    }

    /** At once, in the writing transaction (or on arrival from another node). */
    void callersChanged(@Observes CallersChanged change) {
        forget(change.organizationId());
    }

    /** Again once the write has completed, for lookups that read the old rows before the commit. */
    void callersCommitted(@Observes(during = TransactionPhase.AFTER_COMPLETION) CallersChanged change) {
        forget(change.organizationId());
    }

    /** Drops every remembered caller of the organization. */
    void forget(long organizationId) {
        changes.incrementAndGet();
        verified.asMap().values().removeIf(caller -> caller.organizationId() == organizationId);
    }

    /** This node may have missed other nodes' changes: nothing remembered can be trusted. */
    void changesMissed(@Observes DatabaseChangesMissed missed) {
        changes.incrementAndGet();
        verified.invalidateAll();
    }
}
