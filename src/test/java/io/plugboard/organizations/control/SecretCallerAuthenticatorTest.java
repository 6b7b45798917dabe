package io.plugboard.organizations.control;

import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;
import io.plugboard.platform.persistence.DatabaseChangesMissed;
import io.plugboard.platform.persistence.TestCacheTrust;
import io.plugboard.platform.security.AuthorizationHeader;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CallersChanged;
import io.plugboard.tokens.control.BearerSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-node memory of verified secret pairs: kept between calls, dropped organization-wide on
 * {@link CallersChanged} (at once and after completion), never kept across a change, dropped
 * entirely after missed changes and bypassed while changes may be missed.
 */
class SecretCallerAuthenticatorTest {

    InMemoryOrganizations repository;
    TestCacheTrust clock;
    SecretCallerAuthenticator authenticator;
    Organization acme;
    Organization globex;
    User ada;
    User bob;
    User gus;

    @BeforeEach
    void setUp() {
        repository = new InMemoryOrganizations();
        acme = repository.organization("acme-org");
        globex = repository.organization("globex-org");
        ada = repository.user(acme, "ada@acme", "ada-secret", true);
        bob = repository.user(acme, "bob@acme", "bob-secret", false);
        gus = repository.user(globex, "gus@globex", "gus-secret", true);
        clock = new TestCacheTrust();
        clock.listening();
        authenticator = authenticator(30);
    }

    private SecretCallerAuthenticator authenticator(int seconds) {
        SecretCallerAuthenticator created = new SecretCallerAuthenticator();
        created.repository = repository;
        created.trust = clock.trust;
        created.cacheSeconds = seconds;
        created.createCache();
        return created;
    }

    private Optional<Caller> call(String user, String organization) {
        return authenticator.authenticate(new AuthorizationHeader(user, organization, null));
    }

    @Test
    void aVerifiedPairIsRememberedAndCarriesTheAdministratorFlag() {
        Caller first = call("ada-secret", "acme-org").orElseThrow();
        Caller second = call("ada-secret", "acme-org").orElseThrow();
        assertEquals(1, repository.secretLookups.get(), "the second call is answered from memory");
        assertEquals(first, second);
        assertTrue(first.administrator());
        assertFalse(first.bootstrapAdministrator());
        assertFalse(call("bob-secret", "acme-org").orElseThrow().administrator());
        assertTrue(call("bob-secret", "globex-org").isEmpty(), "a user with another organization's secret");
    }

    @Test
    void aChangeDropsEveryRememberedCallerOfThatOrganizationOnly() {
        call("ada-secret", "acme-org");
        call("bob-secret", "acme-org");
        call("gus-secret", "globex-org");
        assertEquals(3, repository.secretLookups.get());

        bob.replaceSecretDigest(BearerSecrets.digest("bob-new"));
        authenticator.callersChanged(new CallersChanged(acme.getId()));

        assertTrue(call("bob-secret", "acme-org").isEmpty(), "the old secret is refused at once");
        assertTrue(call("bob-new", "acme-org").isPresent());
        assertTrue(call("ada-secret", "acme-org").isPresent());
        assertEquals(6, repository.secretLookups.get(), "every caller of the organization is looked up again");
        assertTrue(call("gus-secret", "globex-org").isPresent());
        assertEquals(6, repository.secretLookups.get(), "the other organization's callers stay remembered");
    }

    @Test
    void theAfterCompletionObserverDropsToo() {
        call("ada-secret", "acme-org");
        acme.replaceSecretDigest(BearerSecrets.digest("acme-new"));
        authenticator.callersCommitted(new CallersChanged(acme.getId()));
        assertTrue(call("ada-secret", "acme-org").isEmpty(), "the old organization secret is refused");
        assertTrue(call("ada-secret", "acme-new").isPresent());
    }

    @Test
    void aRemovedUserIsRefusedOnceTheChangeArrives() {
        call("bob-secret", "acme-org");
        call("gus-secret", "globex-org");
        repository.remove(bob);   // here or on another node
        assertTrue(call("bob-secret", "acme-org").isPresent(), "remembered until the event (this is what the event is for)");
        authenticator.callersChanged(new CallersChanged(acme.getId()));
        assertTrue(call("bob-secret", "acme-org").isEmpty(), "a removed user's secret stops at once");
        assertTrue(call("gus-secret", "globex-org").isPresent());
        assertEquals(3, repository.secretLookups.get(), "the other organization's pair is still remembered");
    }

    @Test
    void aLookupThatOverlapsAChangeIsNotRemembered() {
        // The lookup reads the old row; the change commits and is announced before the lookup stores its result.
        repository.duringLookup = () -> {
            repository.duringLookup = () -> { };
            authenticator.callersChanged(new CallersChanged(acme.getId()));
        };
        assertTrue(call("bob-secret", "acme-org").isPresent(), "the lookup itself answers what it read");
        assertTrue(call("bob-secret", "acme-org").isPresent());
        assertEquals(2, repository.secretLookups.get(), "what the overlapping lookup read was not kept");
        bob.replaceSecretDigest(BearerSecrets.digest("bob-new"));
        authenticator.callersChanged(new CallersChanged(acme.getId()));
        assertTrue(call("bob-secret", "acme-org").isEmpty());
    }

    @Test
    void aLookupThatOverlapsMissedChangesIsNotRemembered() {
        repository.duringLookup = () -> {
            repository.duringLookup = () -> { };
            authenticator.changesMissed(new DatabaseChangesMissed());
        };
        call("ada-secret", "acme-org");
        call("ada-secret", "acme-org");
        assertEquals(2, repository.secretLookups.get());
    }

    @Test
    void missedChangesDropEverything() {
        call("ada-secret", "acme-org");
        call("gus-secret", "globex-org");
        authenticator.changesMissed(new DatabaseChangesMissed());
        call("ada-secret", "acme-org");
        call("gus-secret", "globex-org");
        assertEquals(4, repository.secretLookups.get());
    }

    @Test
    void nothingIsRememberedOrUsedWhileChangesMayBeMissed() {
        call("ada-secret", "acme-org");
        clock.advanceMillis(600);   // no confirmed round trip for longer than the 500 ms allowed
        call("ada-secret", "acme-org");
        call("ada-secret", "acme-org");
        assertEquals(3, repository.secretLookups.get());
        clock.alive();
        call("ada-secret", "acme-org");
        assertEquals(3, repository.secretLookups.get(), "heard from again: remembered pairs serve");
        clock.lost();
        call("ada-secret", "acme-org");
        assertEquals(4, repository.secretLookups.get(), "a failed connection: bypassed at once");
    }

    @Test
    void withoutCachingEveryCallLooksUp() {
        authenticator = authenticator(0);
        call("ada-secret", "acme-org");
        call("ada-secret", "acme-org");
        assertEquals(2, repository.secretLookups.get());
    }
}
