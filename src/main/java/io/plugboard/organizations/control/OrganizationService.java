package io.plugboard.organizations.control;

import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Creates organizations and users. A new principal's secret is generated here and handed back
 * exactly once, in the result; only its digest is kept.
 */
@ApplicationScoped
public class OrganizationService {

    @Inject
    OrganizationRepository repository;

    private final Clock clock = Clock.systemUTC();

    /** The outcome of adding a user: expected results, not exceptions. */
    public sealed interface AddUserResult {
        record Added(UserView user, String secret) implements AddUserResult {
        }

        record EmailTaken(String emailAddress) implements AddUserResult {
        }
    }

    /** An organization with its first user, secrets included (shown once). */
    public record CreatedOrganization(long organizationId, String name, String organizationSecret,
                                      UserView user, String userSecret) {
    }

    /** The user as the outside sees it. */
    public record UserView(long id, String emailAddress, String firstName, String lastName) {
        static UserView of(User user) {
            return new UserView(user.getId(), user.getEmailAddress(), user.getFirstName(), user.getLastName());
        }
    }

    public record NewUser(String emailAddress, String firstName, String lastName) {
    }

    @Transactional
    public CreatedOrganization createOrganization(String name, NewUser firstUser) {
        return create(name, firstUser, BearerSecrets.generate(), BearerSecrets.generate(), false);
    }

    /** The first organization and its administrator, on an empty database. */
    @Transactional
    public CreatedOrganization createBootstrapOrganization(String organizationSecret, String userSecret) {
        return create("Plugboard", new NewUser("admin@plugboard.local", "Plugboard", "Administrator"),
                organizationSecret, userSecret, true);
    }

    private CreatedOrganization create(String name, NewUser firstUser, String organizationSecret,
                                       String userSecret, boolean bootstrap) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Organization organization = repository.save(
                new Organization(name.strip(), BearerSecrets.digest(organizationSecret), bootstrap, now));
        User user = repository.save(new User(organization, normalizeEmail(firstUser.emailAddress()),
                strip(firstUser.firstName()), strip(firstUser.lastName()), BearerSecrets.digest(userSecret), true, now));
        return new CreatedOrganization(organization.getId(), organization.getName(), organizationSecret,
                UserView.of(user), userSecret);
    }

    @Transactional
    public AddUserResult addUser(long organizationId, NewUser newUser) {
        String email = normalizeEmail(newUser.emailAddress());
        if (repository.emailTaken(organizationId, email)) {
            return new AddUserResult.EmailTaken(email);
        }
        Organization organization = repository.findOrganization(organizationId)
                .orElseThrow(() -> new IllegalStateException("Authenticated caller's organization is gone"));
        String secret = BearerSecrets.generate();
        User user = repository.save(new User(organization, email, strip(newUser.firstName()), strip(newUser.lastName()),
                BearerSecrets.digest(secret), false, OffsetDateTime.now(clock)));
        return new AddUserResult.Added(UserView.of(user), secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserView> users(long organizationId) {
        return repository.findUsers(organizationId).stream().map(UserView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserView> user(long organizationId, long userId) {
        return repository.findUser(organizationId, userId).map(UserView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyOrganizationExists() {
        return repository.anyOrganizationExists();
    }

    private static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
