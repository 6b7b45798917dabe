package io.plugboard.organizations.control;

import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;
import io.plugboard.platform.persistence.DatabaseChangesMissed;
import io.plugboard.platform.persistence.TestCacheTrust;
import io.plugboard.platform.security.AuthorizationHeader;
import io.plugboard.platform.security.CallersChanged;
import io.plugboard.tokens.control.BearerSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remembered secret pairs: kept between calls, dropped per organization when its callers change, never kept across a change. */
class SecretCallerAuthenticatorTest {

    /** Users by secret digest, counting lookups, with a hook that runs in the middle of one. */
    static final class Users implements OrganizationRepository {
        final Map<String, User> bySecret = new HashMap<>();
        final AtomicInteger lookups = new AtomicInteger();
        Runnable duringLookup = () -> { };

        void add(long organizationId, String organizationSecret, long userId, String userSecret) {
            Organization organization = new Organization("Org " + organizationId, BearerSecrets.digest(organizationSecret), false,
                    OffsetDateTime.now()) {
                @Override
                public Long getId() {
                    return organizationId;
                }
            };
            bySecret.put(BearerSecrets.digest(userSecret), new User(organization, "u@example.com", null, null,
                    BearerSecrets.digest(userSecret), false, OffsetDateTime.now()) {
                @Override
                public Long getId() {
                    return userId;
                }
            });
        }

        @Override
        public Optional<User> findUserBySecretDigest(String secretDigest) {
            lookups.incrementAndGet();
            Optional<User> found = Optional.ofNullable(bySecret.get(secretDigest));
            duringLookup.run();
            return found;
        }

        @Override
        public boolean anyOrganizationExists() {
            return true;
        }

        @Override
        public Optional<Organization> findOrganization(long organizationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Organization save(Organization organization) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User save(User user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<User> findUsers(long organizationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<User> findUser(long organizationId, long userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean emailTaken(long organizationId, String emailAddress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> returnUrls(long organizationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceReturnUrls(long organizationId, List<String> urls) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean returnUrlRegistered(long organizationId, String url) {
            throw new UnsupportedOperationException();
        }
    }

    private static final AuthorizationHeader ADA = new AuthorizationHeader("ada-secret", "org-1-secret", null);
    private static final AuthorizationHeader BOB = new AuthorizationHeader("bob-secret", "org-2-secret", null);

    Users users;
    TestCacheTrust clock;
    SecretCallerAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        users = new Users();
        users.add(1, "org-1-secret", 11, "ada-secret");
        users.add(2, "org-2-secret", 22, "bob-secret");
        clock = new TestCacheTrust();
        clock.listening();
        authenticator = new SecretCallerAuthenticator();
        authenticator.repository = users;
        authenticator.trust = clock.trust;
        authenticator.cacheSeconds = 30;
        authenticator.createCache();
    }

    @Test
    void aVerifiedPairIsRemembered() {
        assertTrue(authenticator.authenticate(ADA).isPresent());
        assertTrue(authenticator.authenticate(ADA).isPresent());
        assertEquals(1, users.lookups.get());
    }

    @Test
    void aChangeOfAnOrganizationsCallersDropsOnlyThatOrganization() {
        authenticator.authenticate(ADA);
        authenticator.authenticate(BOB);
        users.bySecret.remove(BearerSecrets.digest("ada-secret"));   // the user removed, here or on another node
        authenticator.callersChanged(new CallersChanged(1));
        assertTrue(authenticator.authenticate(ADA).isEmpty(), "a removed user's secret stops at once");
        assertTrue(authenticator.authenticate(BOB).isPresent());
        assertEquals(3, users.lookups.get(), "the other organization's pair is still remembered");
    }

    @Test
    void aLookupThatOverlapsAChangeIsNotKept() {
        users.duringLookup = () -> {
            users.duringLookup = () -> { };
            authenticator.callersChanged(new CallersChanged(1));   // committed while the lookup ran
        };
        assertTrue(authenticator.authenticate(ADA).isPresent());
        authenticator.authenticate(ADA);
        assertEquals(2, users.lookups.get());
    }

    @Test
    void missedChangesDropEverything() {
        authenticator.authenticate(ADA);
        authenticator.authenticate(BOB);
        authenticator.changesMissed(new DatabaseChangesMissed());
        authenticator.authenticate(ADA);
        authenticator.authenticate(BOB);
        assertEquals(4, users.lookups.get());
    }

    @Test
    void nothingIsRememberedOrUsedWhileChangesMayBeMissed() {
        authenticator.authenticate(ADA);
        clock.advanceMillis(600);   // no confirmed round trip for longer than the 500 ms allowed
        authenticator.authenticate(ADA);
        authenticator.authenticate(ADA);
        assertEquals(3, users.lookups.get());
        clock.alive();
        authenticator.authenticate(ADA);
        assertEquals(3, users.lookups.get(), "heard from again: remembered pairs serve");
        clock.lost();
        authenticator.authenticate(ADA);
        assertEquals(4, users.lookups.get(), "a failed connection: bypassed at once");
    }
}
