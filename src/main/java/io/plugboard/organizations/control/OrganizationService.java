package io.plugboard.organizations.control;

import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;
import io.plugboard.platform.security.CallersChanged;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Creates organizations and users, removes users, and rotates secrets. A new principal's secret is
 * generated here and handed back exactly once, in the result; only its digest is kept.
 *
 * <p>Removal and rotation run in one transaction each, with the organization's row locked first so
 * that two of them in one organization run one after the other (two administrators removing each
 * other cannot leave none). Who may do what is decided here, from the stored rows, not from what
 * the caller's cached authentication said: only an administrator acts on other users or on the
 * organization's secret; a user may rotate their own secret; another organization's user is not
 * found. Each change fires {@link CallersChanged}, so every cache of callers drops the
 * organization's entries and the old secret stops working at once.
 */
@ApplicationScoped
public class OrganizationService {

    @Inject
    OrganizationRepository repository;
    @Inject
    Event<CallersChanged> callersChanged;

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
    public record UserView(long id, String emailAddress, String firstName, String lastName, boolean administrator,
                           OffsetDateTime createdDate) {
        static UserView of(User user) {
            return new UserView(user.getId(), user.getEmailAddress(), user.getFirstName(), user.getLastName(),
                    user.isAdministrator(), user.getCreatedDate());
        }
    }

    /**
     * The outcome of removing a user or rotating a secret: done, or why not. {@code NotFound}: no
     * such user in the caller's organization (another organization's user included);
     * {@code Forbidden}: the caller may not do this; {@code Conflict}: it would leave the
     * organization without an administrator.
     */
    public sealed interface Change<T> {
        record Done<T>(T value) implements Change<T> {
        }

        record NotFound<T>(String message) implements Change<T> {
        }

        record Forbidden<T>(String message) implements Change<T> {
        }

        record Conflict<T>(String message) implements Change<T> {
        }
    }

    /** A new secret, shown once; {@code user} is null for the organization's secret. */
    public record NewSecret(UserView user, String secret) {
        @Override
        public String toString() {
            return "NewSecret[user=" + (user == null ? "organization" : user.id()) + "]";
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

    /** Removes the user; what they made (instances) stays. An administrator may remove any user but the last administrator. */
    @Transactional
    public Change<UserView> removeUser(long organizationId, long actingUserId, long userId) {
        Organization organization = lock(organizationId);
        Optional<User> target = repository.findUser(organizationId, userId);
        if (target.isEmpty()) {
            return new Change.NotFound<>(noSuchUser(userId));
        }
        if (!isAdministrator(organizationId, actingUserId)) {
            return new Change.Forbidden<>("Only an administrator of the organization can remove users.");
        }
        User user = target.get();
        if (user.isAdministrator() && repository.countAdministrators(organizationId) <= 1) {
            return new Change.Conflict<>("User " + userId + " is the organization's last administrator and cannot be removed.");
        }
        UserView removed = UserView.of(user);
        repository.remove(user);
        callersChanged.fire(new CallersChanged(organization.getId()));
        return new Change.Done<>(removed);
    }

    /** A new secret for the user; the old one stops working. Users rotate their own, administrators anyone's. */
    @Transactional
    public Change<NewSecret> rotateUserSecret(long organizationId, long actingUserId, long userId) {
        Organization organization = lock(organizationId);
        Optional<User> target = repository.findUser(organizationId, userId);
        if (target.isEmpty()) {
            return new Change.NotFound<>(noSuchUser(userId));
        }
        if (actingUserId != userId && !isAdministrator(organizationId, actingUserId)) {
            return new Change.Forbidden<>("Only an administrator of the organization can rotate another user's secret.");
        }
        String secret = BearerSecrets.generate();
        User user = target.get();
        user.replaceSecretDigest(BearerSecrets.digest(secret));
        callersChanged.fire(new CallersChanged(organization.getId()));
        return new Change.Done<>(new NewSecret(UserView.of(user), secret));
    }

    /** A new organization secret; the old one stops working for every user of the organization. */
    @Transactional
    public Change<NewSecret> rotateOrganizationSecret(long organizationId, long actingUserId) {
        Organization organization = lock(organizationId);
        if (!isAdministrator(organizationId, actingUserId)) {
            return new Change.Forbidden<>("Only an administrator of the organization can rotate its secret.");
        }
        String secret = BearerSecrets.generate();
        organization.replaceSecretDigest(BearerSecrets.digest(secret));
        callersChanged.fire(new CallersChanged(organization.getId()));
        return new Change.Done<>(new NewSecret(null, secret));
    }

    private Organization lock(long organizationId) {
        return repository.lockOrganization(organizationId)
                .orElseThrow(() -> new IllegalStateException("Authenticated caller's organization is gone"));
    }

    /** Read after the organization's lock, so a concurrent removal or demotion is seen. */
    private boolean isAdministrator(long organizationId, long userId) {
        return repository.findUser(organizationId, userId).map(User::isAdministrator).orElse(false);
    }

    private static String noSuchUser(long userId) {
        return "No user with id " + userId + " in this organization.";
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
