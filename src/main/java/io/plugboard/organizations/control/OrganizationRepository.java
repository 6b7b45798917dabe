package io.plugboard.organizations.control;

import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;

import java.util.List;
import java.util.Optional;

/** Persistence of organizations and their users, behind an interface so services stay storage-agnostic. */
public interface OrganizationRepository {

    boolean anyOrganizationExists();

    Optional<Organization> findOrganization(long organizationId);

    Organization save(Organization organization);

    /**
     * The organization, its row locked until the transaction ends: changes to an organization's
     * principals (removal, rotation) take it first, so two of them run one after the other.
     */
    Optional<Organization> lockOrganization(long organizationId);

    long countAdministrators(long organizationId);

    void remove(User user);

    User save(User user);

    Optional<User> findUserBySecretDigest(String secretDigest);

    List<User> findUsers(long organizationId);

    Optional<User> findUser(long organizationId, long userId);

    boolean emailTaken(long organizationId, String emailAddress);

    /** The organization's registered return URLs, in their order. */
    List<String> returnUrls(long organizationId);

    /** Replaces the organization's return URLs with {@code urls}, in that order. */
    void replaceReturnUrls(long organizationId, List<String> urls);

    /** Whether {@code url} is, character for character, one of the organization's return URLs. */
    boolean returnUrlRegistered(long organizationId, String url);
}
