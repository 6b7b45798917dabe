package io.plugboard.organizations.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.plugboard.platform.security.AuthorizationHeader;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CallerAuthenticator;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Finds the user by the digest of the user secret (an indexed lookup), then checks the
 * organization secret against that user's organization in constant time. Both must match.
 *
 * <p>A verified pair is remembered on this node for {@code plugboard.auth.cache-seconds} under the
 * digest of both secrets, so an application's steady stream of calls costs no database read to
 * authenticate. Only successes are remembered (wrong guesses cannot fill the cache), and only
 * digests are kept as keys. Secrets are never changed or revoked in place today, so the time limit
 * is the only staleness bound a future revocation would need to respect.
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
        Caller known = verified.getIfPresent(pair);
        if (known != null) {
            return Optional.of(known.withElementToken(header.elementToken()));
        }
        Optional<Caller> found = lookup(header);
        found.ifPresent(caller -> verified.put(pair, caller.withElementToken(null)));
        return found;
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
