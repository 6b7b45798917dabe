package io.plugboard.organizations.control;

import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.ReturnUrl;
import io.plugboard.organizations.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** JPA implementation of {@link OrganizationRepository}; callers supply the transaction. */
@ApplicationScoped
public class JpaOrganizationRepository implements OrganizationRepository {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    @Override
    public boolean anyOrganizationExists() {
        return !em.createQuery("SELECT o.id FROM Organization o", Long.class).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public Optional<Organization> findOrganization(long organizationId) {
        return Optional.ofNullable(em.find(Organization.class, organizationId));
    }

    @Override
    public Optional<Organization> lockOrganization(long organizationId) {
        return Optional.ofNullable(em.find(Organization.class, organizationId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public long countAdministrators(long organizationId) {
        return em.createQuery("SELECT COUNT(u) FROM User u WHERE u.organization.id = :org AND u.administrator = TRUE", Long.class)
                .setParameter("org", organizationId)
                .getSingleResult();
    }

    @Override
    public void remove(User user) {
        em.remove(user);
        // At once, so a failure surfaces inside the transaction that can still report it.
        em.flush();
    }

    @Override
    public Organization save(Organization organization) {
        em.persist(organization);
        return organization;
    }

    @Override
    public User save(User user) {
        em.persist(user);
        return user;
    }

    @Override
    public Optional<User> findUserBySecretDigest(String secretDigest) {
        return em.createQuery("SELECT u FROM User u WHERE u.secretDigest = :digest", User.class)
                .setParameter("digest", secretDigest)
                .getResultStream().findFirst();
    }

    @Override
    public List<User> findUsers(long organizationId) {
        return em.createQuery("SELECT u FROM User u WHERE u.organization.id = :org ORDER BY u.id", User.class)
                .setParameter("org", organizationId)
                .getResultList();
    }

    @Override
    public Optional<User> findUser(long organizationId, long userId) {
        // By primary key; the organization check keeps tenants apart.
        return Optional.ofNullable(em.find(User.class, userId))
                .filter(user -> user.getOrganization().getId() == organizationId);
    }

    @Override
    public boolean emailTaken(long organizationId, String emailAddress) {
        return !em.createQuery("SELECT u.id FROM User u WHERE u.organization.id = :org AND u.emailAddress = :email", Long.class)
                .setParameter("org", organizationId)
                .setParameter("email", emailAddress)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    @Override
    public List<String> returnUrls(long organizationId) {
        return em.createQuery("SELECT r.url FROM ReturnUrl r WHERE r.organizationId = :org ORDER BY r.listIndex", String.class)
                .setParameter("org", organizationId)
                .getResultList();
    }

    @Override
    public void replaceReturnUrls(long organizationId, List<String> urls) {
        // A bulk delete runs at once, so the new rows cannot collide with the old ones' keys.
        em.createQuery("DELETE FROM ReturnUrl r WHERE r.organizationId = :org").setParameter("org", organizationId)
                .executeUpdate();
        for (int i = 0; i < urls.size(); i++) {
            em.persist(new ReturnUrl(organizationId, i, urls.get(i)));
        }
    }

    @Override
    public boolean returnUrlRegistered(long organizationId, String url) {
        return !em.createQuery("SELECT r.listIndex FROM ReturnUrl r WHERE r.organizationId = :org AND r.url = :url",
                        Integer.class)
                .setParameter("org", organizationId)
                .setParameter("url", url)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }
}
