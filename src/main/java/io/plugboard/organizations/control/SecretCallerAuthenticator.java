package io.plugboard.organizations.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * {@link CallersChanged}, during the write and again after it completes, and every remembered
 * caller of that organization is dropped (the entry's value carries its organization, so no index
 * is needed; such writes are rare, a scan of at most {@value #MAX_REMEMBERED} entries is cheap). A
 * lookup that was reading the database while such a write committed must not put back what it
 * read: each lookup notes the change generation first and stores its result only if no change has
 * happened since. The time limit bounds staleness only where no event arrives.
 */
@ApplicationScoped
public class SecretCallerAuthenticator implements CallerAuthenticator {

    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    OrganizationRepository repository;

    @Inject
    @ConfigProperty(name = "plugboard.auth.cache-seconds", defaultValue = "30")
    int cacheSeconds;

    private Cache<String, Caller> verified;
    /** Bumped by every {@link CallersChanged}, before the entries are dropped. */
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
        Caller known = verified.getIfPresent(pair);
        if (known != null) {
            return Optional.of(known.withElementToken(header.elementToken()));
        }
        long generation = changes.get();
        Optional<Caller> found = lookup(header);
        found.ifPresent(caller -> remember(pair, caller.withElementToken(null), generation));
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
}
