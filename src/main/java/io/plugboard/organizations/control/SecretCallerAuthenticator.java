package io.plugboard.organizations.control;

import io.plugboard.platform.security.AuthorizationHeader;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CallerAuthenticator;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Finds the user by the digest of the user secret (an indexed lookup), then checks the
 * organization secret against that user's organization in constant time. Both must match.
 */
@ApplicationScoped
public class SecretCallerAuthenticator implements CallerAuthenticator {

    @Inject
    OrganizationRepository repository;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Caller> authenticate(AuthorizationHeader header) {
        return repository.findUserBySecretDigest(BearerSecrets.digest(header.userSecret()))
                .filter(user -> BearerSecrets.matches(header.organizationSecret(), user.getOrganization().getSecretDigest()))
                .map(user -> new Caller(
                        user.getOrganization().getId(),
                        user.getId(),
                        user.getOrganization().isBootstrap() && user.isAdministrator(),
                        header.elementToken()));
    }
}
