package io.plugboard.organizations.control;

import io.plugboard.organizations.control.OrganizationService.Change;
import io.plugboard.organizations.control.OrganizationService.NewSecret;
import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;
import io.plugboard.platform.security.CallersChanged;
import io.plugboard.tokens.control.BearerSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may remove users and rotate secrets, the last administrator, and the events every change fires. */
class OrganizationServiceChangesTest {

    InMemoryOrganizations repository;
    FiredCallersChanged fired;
    OrganizationService service;
    Organization acme;
    Organization globex;
    User admin;
    User member;
    User foreigner;

    @BeforeEach
    void setUp() {
        repository = new InMemoryOrganizations();
        fired = new FiredCallersChanged();
        service = repository.service(fired);
        acme = repository.organization("acme-org");
        globex = repository.organization("globex-org");
        admin = repository.user(acme, "admin@acme", "admin-secret", true);
        member = repository.user(acme, "member@acme", "member-secret", false);
        foreigner = repository.user(globex, "gus@globex", "gus-secret", true);
    }

    @Test
    void anAdministratorRemovesAUser() {
        var result = service.removeUser(acme.getId(), admin.getId(), member.getId());
        assertEquals(member.getId(), ((Change.Done<OrganizationService.UserView>) result).value().id());
        assertFalse(repository.users.containsKey(member.getId()));
        assertEquals(List.of(new CallersChanged(acme.getId())), fired.events);
        assertEquals(List.of(acme.getId()), repository.locked, "the organization is locked first");
    }

    @Test
    void aMemberCannotRemoveAnyoneNotEvenThemselves() {
        assertInstanceOf(Change.Forbidden.class, service.removeUser(acme.getId(), member.getId(), admin.getId()));
        assertInstanceOf(Change.Forbidden.class, service.removeUser(acme.getId(), member.getId(), member.getId()));
        assertEquals(3, repository.users.size());
        assertTrue(fired.events.isEmpty(), "nothing changed, nothing announced");
    }

    @Test
    void anotherOrganizationsUserIsNotFoundLikeAMissingOne() {
        assertInstanceOf(Change.NotFound.class, service.removeUser(acme.getId(), admin.getId(), foreigner.getId()));
        assertInstanceOf(Change.NotFound.class, service.rotateUserSecret(acme.getId(), admin.getId(), foreigner.getId()));
        assertInstanceOf(Change.NotFound.class, service.removeUser(acme.getId(), admin.getId(), 999_999));
        assertInstanceOf(Change.NotFound.class, service.rotateUserSecret(acme.getId(), member.getId(), foreigner.getId()),
                "a member asking about another organization's user learns nothing either");
        assertTrue(repository.users.containsKey(foreigner.getId()));
        assertEquals(BearerSecrets.digest("gus-secret"), foreigner.getSecretDigest());
    }

    @Test
    void theLastAdministratorCannotBeRemoved() {
        var result = service.removeUser(acme.getId(), admin.getId(), admin.getId());
        assertInstanceOf(Change.Conflict.class, result);
        assertTrue(repository.users.containsKey(admin.getId()));

        User second = repository.user(acme, "second@acme", "second-secret", true);
        assertInstanceOf(Change.Done.class, service.removeUser(acme.getId(), admin.getId(), admin.getId()),
                "with a second administrator, an administrator may remove themselves");
        assertInstanceOf(Change.Conflict.class, service.removeUser(acme.getId(), second.getId(), second.getId()));
    }

    @Test
    void aUserRotatesTheirOwnSecretAndOnlyAnAdministratorAnotherUsers() {
        var own = service.rotateUserSecret(acme.getId(), member.getId(), member.getId());
        NewSecret secret = ((Change.Done<NewSecret>) own).value();
        assertTrue(BearerSecrets.matches(secret.secret(), member.getSecretDigest()), "only the digest is stored");
        assertNotEquals(secret.secret(), member.getSecretDigest());
        assertFalse(BearerSecrets.matches("member-secret", member.getSecretDigest()));
        assertFalse(secret.toString().contains(secret.secret()), "never printed");

        String adminDigest = admin.getSecretDigest();
        assertInstanceOf(Change.Forbidden.class, service.rotateUserSecret(acme.getId(), member.getId(), admin.getId()));
        assertEquals(adminDigest, admin.getSecretDigest());

        var byAdmin = service.rotateUserSecret(acme.getId(), admin.getId(), member.getId());
        assertInstanceOf(Change.Done.class, byAdmin);
        assertTrue(BearerSecrets.matches("admin-secret", admin.getSecretDigest()), "the administrator's own secret is unchanged");
        assertEquals(List.of(new CallersChanged(acme.getId()), new CallersChanged(acme.getId())), fired.events);
    }

    @Test
    void onlyAnAdministratorRotatesTheOrganizationSecret() {
        assertInstanceOf(Change.Forbidden.class, service.rotateOrganizationSecret(acme.getId(), member.getId()));
        assertTrue(BearerSecrets.matches("acme-org", acme.getSecretDigest()));

        var result = service.rotateOrganizationSecret(acme.getId(), admin.getId());
        NewSecret secret = ((Change.Done<NewSecret>) result).value();
        assertTrue(BearerSecrets.matches(secret.secret(), acme.getSecretDigest()));
        assertTrue(BearerSecrets.matches("globex-org", globex.getSecretDigest()), "other organizations keep theirs");
        assertEquals(List.of(new CallersChanged(acme.getId())), fired.events);
    }
}
