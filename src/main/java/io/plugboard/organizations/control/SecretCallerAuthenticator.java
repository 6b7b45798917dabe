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
 * digests are kept as keys. A {@link CallersChanged} (local, or relayed from the database for
 * another node's write) drops every pair of that organization, and a lookup that overlapped it is
 * not remembered; while this node may be missing other nodes' changes ({@link CacheTrust}) nothing
 * is remembered or used, and after such a gap everything is dropped.
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
    private final AtomicLong drops = new AtomicLong();

    @PostConstruct
    void createCache() {
        verified = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(Math.max(0, cacheSeconds)))
                .maximumSize(cacheSeconds > 0 ? MAX_REMEMBERED : 0)
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
        long dropsBefore = drops.get();
        Optional<Caller> found = lookup(header);
        // Atomic with a drop: kept only if no change of callers happened while the lookup ran.
        found.filter(caller -> current && trust.current()).ifPresent(caller -> verified.asMap().compute(pair,
                (key, previous) -> drops.get() == dropsBefore ? caller.withElementToken(null) : previous));
        return found;
    }

    void callersChanged(@Observes CallersChanged change) {
        drops.incrementAndGet();
        verified.asMap().values().removeIf(caller -> caller.organizationId() == change.organizationId());
    }

    void changesMissed(@Observes DatabaseChangesMissed missed) {
        drops.incrementAndGet();
        verified.invalidateAll();
    }

    private Optional<Caller> lookup(AuthorizationHeader header) {
        return repository.findUserBySecretDigest(BearerSecrets.digest(header.userSecret()))
                .filter(user -> BearerSecrets.matches(header.organizationSecret(), user.getOrganization().getSecretDigest()))
                .map(user -> new Caller(
                        user.getOrganization().getId(),
                        user.getId(),
                        user.getOrganization().isBootstrap() && user.isAdministrator(),
                        header.elementToken()));
    }
}
