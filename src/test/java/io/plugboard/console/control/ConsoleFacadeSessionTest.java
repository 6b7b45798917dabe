package io.plugboard.console.control;

import io.plugboard.organizations.control.FiredCallersChanged;
import io.plugboard.organizations.control.InMemoryOrganizations;
import io.plugboard.organizations.entity.Organization;
import io.plugboard.organizations.entity.User;
import io.plugboard.platform.security.Caller;
import io.plugboard.tokens.control.BearerSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A console session outlives neither its user's removal nor the rotation of either secret it was
 * issued with, carries the current administrator flag, and the user who rotates their own secret
 * (or the organization's) in the console keeps exactly that one session.
 */
class ConsoleFacadeSessionTest {

    InMemoryOrganizations repository;
    ConsoleFacade facade;
    Organization acme;
    Organization globex;
    User admin;
    User member;

    @BeforeEach
    void setUp() {
        repository = new InMemoryOrganizations();
        ConsoleSessions sessions = new ConsoleSessions();
        sessions.configuredKey = Optional.of(Base64.getEncoder().encodeToString(new byte[32]));
        sessions.idleMinutes = 30;
        sessions.maximumHours = 12;
        facade = new ConsoleFacade();
        facade.organizations = repository.service(new FiredCallersChanged());
        facade.organizationRecords = repository;
        facade.sessions = sessions;
        facade.endedSessions = new EndedSessions() {
            final java.util.Set<String> ended = new java.util.HashSet<>();

            @Override
            public void end(ConsoleSession session) {
                ended.add(session.id());
            }

            @Override
            public boolean isEnded(ConsoleSession session) {
                return ended.contains(session.id());
            }
        };
        acme = repository.organization("acme-org");
        globex = repository.organization("globex-org");
        admin = repository.user(acme, "admin@acme", "admin-secret", true);
        member = repository.user(acme, "member@acme", "member-secret", false);
    }

    private Caller caller(User user) {
        return new Caller(user.getOrganization().getId(), user.getId(), false, user.isAdministrator(), null);
    }

    private ConsoleSession signIn(User user) {
        return facade.startSession(caller(user)).orElseThrow();
    }

    @Test
    void aSignedOutSessionOpensNothingWhileAnotherOfTheSameUserGoesOn() {
        ConsoleSession signedOut = signIn(member);
        ConsoleSession other = signIn(member);
        assertTrue(facade.sessionCaller(signedOut).isPresent());

        facade.endSession(signedOut);

        assertTrue(facade.sessionCaller(signedOut).isEmpty(), "a copy of the signed-out cookie opens nothing");
        ConsoleSession renewed = facade.sessions.codec().renewal(signedOut).orElse(signedOut);
        assertTrue(facade.sessionCaller(renewed).isEmpty(), "nor does a renewed copy of it");
        assertTrue(facade.sessionCaller(other).isPresent(), "the user's other session goes on");
    }

    @Test
    void aSessionOutlivesNeitherRemovalNorRotation() {
        ConsoleSession adminSession = signIn(admin);
        ConsoleSession memberSession = signIn(member);
        assertTrue(facade.sessionCaller(adminSession).orElseThrow().administrator());
        assertFalse(facade.sessionCaller(memberSession).orElseThrow().administrator());
        ConsoleSessionCodec codec = facade.sessions.codec();
        assertTrue(facade.sessionCaller(new ConsoleSession(adminSession.id(), globex.getId(), admin.getId(),
                adminSession.credentials(), adminSession.issuedAt(), adminSession.idleExpiresAt(),
                adminSession.expiresAt())).isEmpty(), "wrong organization");
        assertTrue(facade.sessionCaller(codec.start(acme.getId(), admin.getId(), memberSession.credentials())).isEmpty(),
                "another user's credentials");

        facade.organizations.rotateUserSecret(acme.getId(), member.getId(), member.getId());
        assertTrue(facade.sessionCaller(memberSession).isEmpty(), "user secret rotated");
        assertTrue(facade.sessionCaller(adminSession).isPresent());

        facade.organizations.rotateOrganizationSecret(acme.getId(), admin.getId());
        assertTrue(facade.sessionCaller(adminSession).isEmpty(), "organization secret rotated");

        User other = repository.user(acme, "other@acme", "other-secret", false);
        ConsoleSession otherSession = signIn(other);
        assertTrue(facade.sessionCaller(otherSession).isPresent());
        ConsoleSession fresh = signIn(admin);
        facade.organizations.removeUser(acme.getId(), admin.getId(), other.getId());
        assertTrue(facade.sessionCaller(otherSession).isEmpty(), "removed");
        assertTrue(facade.sessionCaller(fresh).isPresent());
    }

    @Test
    void rotatingOnesOwnSecretKeepsThisSessionAndEndsTheOthers() {
        ConsoleSession here = signIn(member);
        ConsoleSession elsewhere = signIn(member);
        ConsoleViews.Rotation rotation = facade.rotateUserSecret(caller(member), here, member.getId());
        assertTrue(BearerSecrets.matches(rotation.secret(), member.getSecretDigest()));
        ConsoleSession continued = rotation.session();
        assertEquals(here.id(), continued.id(), "the same session: the page's CSRF token stays valid");
        assertEquals(here.expiresAt(), continued.expiresAt(), "a rotation never lengthens a session");
        assertNotEquals(here.credentials(), continued.credentials());
        assertTrue(facade.sessionCaller(continued).isPresent(), "this session carries on");
        assertTrue(facade.sessionCaller(here).isEmpty(), "its old cookie does not");
        assertTrue(facade.sessionCaller(elsewhere).isEmpty(), "the user's other sessions end");
        assertFalse(rotation.toString().contains(rotation.secret()), "never printed");
    }

    @Test
    void rotatingTheOrganizationSecretKeepsOnlyTheRotatingSession() {
        ConsoleSession here = signIn(admin);
        ConsoleSession memberSession = signIn(member);
        ConsoleViews.Rotation rotation = facade.rotateOrganizationSecret(caller(admin), here);
        assertTrue(BearerSecrets.matches(rotation.secret(), acme.getSecretDigest()));
        assertTrue(facade.sessionCaller(rotation.session()).isPresent());
        assertTrue(facade.sessionCaller(here).isEmpty());
        assertTrue(facade.sessionCaller(memberSession).isEmpty(), "every other session of the organization ends");
    }

    @Test
    void rotatingAnotherUsersSecretLeavesOnesOwnSessionAsItIs() {
        ConsoleSession here = signIn(admin);
        ConsoleViews.Rotation rotation = facade.rotateUserSecret(caller(admin), here, member.getId());
        assertTrue(BearerSecrets.matches(rotation.secret(), member.getSecretDigest()));
        assertNull(rotation.session(), "nothing to renew");
        assertTrue(facade.sessionCaller(here).isPresent());
        ConsoleViews.Rotation refused = facade.rotateUserSecret(caller(member), signIn(member), admin.getId());
        assertNull(refused.secret());
        assertFalse(refused.notice().ok());
    }
}
