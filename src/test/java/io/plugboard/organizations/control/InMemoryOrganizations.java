package io.plugboard.organizations.control;

import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;

import java.lang.reflect.Field;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Organizations and users in memory, for the services' unit tests (the console's too, hence
 * public); counts secret lookups and can run a hook inside one.
 */
public final class InMemoryOrganizations implements OrganizationRepository {

    final Map<Long, Organization> organizations = new ConcurrentHashMap<>();
    final Map<Long, User> users = new ConcurrentHashMap<>();
    final AtomicInteger secretLookups = new AtomicInteger();
    final List<Long> locked = new ArrayList<>();
    Runnable duringLookup = () -> { };
    private final AtomicLong ids = new AtomicLong(100);

    /** The organization service on this repository, firing into {@code events}. */
    public OrganizationService service(FiredCallersChanged events) {
        OrganizationService service = new OrganizationService();
        service.repository = this;
        service.callersChanged = events;
        return service;
    }

    public Organization organization(String secret) {
        return save(new Organization("Org", io.plugboard.tokens.control.BearerSecrets.digest(secret), false, OffsetDateTime.now()));
    }

    public User user(Organization organization, String email, String secret, boolean administrator) {
        return save(new User(organization, email, null, null, io.plugboard.tokens.control.BearerSecrets.digest(secret),
                administrator, OffsetDateTime.now()));
    }

    @Override
    public boolean anyOrganizationExists() {
        return !organizations.isEmpty();
    }

    @Override
    public Optional<Organization> findOrganization(long organizationId) {
        return Optional.ofNullable(organizations.get(organizationId));
    }

    @Override
    public Optional<Organization> lockOrganization(long organizationId) {
        locked.add(organizationId);
        return findOrganization(organizationId);
    }

    @Override
    public long countAdministrators(long organizationId) {
        return users.values().stream().filter(u -> u.getOrganization().getId() == organizationId && u.isAdministrator()).count();
    }

    @Override
    public void remove(User user) {
        users.remove(user.getId());
    }

    @Override
    public Organization save(Organization organization) {
        setId(organization, ids.incrementAndGet());
        organizations.put(organization.getId(), organization);
        return organization;
    }

    @Override
    public User save(User user) {
        setId(user, ids.incrementAndGet());
        users.put(user.getId(), user);
        return user;
    }

    @Override
    public Optional<User> findUserBySecretDigest(String secretDigest) {
        secretLookups.incrementAndGet();
        Optional<User> found = users.values().stream().filter(u -> u.getSecretDigest().equals(secretDigest)).findFirst();
        duringLookup.run();
        return found;
    }

    @Override
    public List<User> findUsers(long organizationId) {
        return users.values().stream().filter(u -> u.getOrganization().getId() == organizationId)
                .sorted(Comparator.comparing(User::getId)).toList();
    }

    @Override
    public Optional<User> findUser(long organizationId, long userId) {
        return Optional.ofNullable(users.get(userId)).filter(u -> u.getOrganization().getId() == organizationId);
    }

    @Override
    public boolean emailTaken(long organizationId, String emailAddress) {
        return findUsers(organizationId).stream().anyMatch(u -> u.getEmailAddress().equals(emailAddress));
    }

    @Override
    public List<String> returnUrls(long organizationId) {
        return List.of();
    }

    @Override
    public void replaceReturnUrls(long organizationId, List<String> urls) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean returnUrlRegistered(long organizationId, String url) {
        return false;
    }

    private static void setId(Object entity, long id) {
        try {
            Field field = entity.getClass().getDeclaredField("id");
            field.setAccessible(true);
            field.set(entity, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
