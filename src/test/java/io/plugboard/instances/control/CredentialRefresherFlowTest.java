package io.plugboard.instances.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.instances.control.CredentialRefresher.RefreshResult;
import io.plugboard.instances.entity.Instance;
import io.plugboard.oauth.control.ClientCredentialsGrant;
import io.plugboard.oauth.control.ProviderTokens;
import io.plugboard.oauth.control.RefreshOutcome;
import io.plugboard.oauth.control.TokenGrant;
import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refresher with plain collaborators: one provider call however many ask at once, a rotated
 * refresh token stored and an omitted one kept, a failure that backs off, and a disabled or
 * foreign instance left alone.
 */
class CredentialRefresherFlowTest {

    private static final ElementDefinition ELEMENT = new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null,
            true, false, false, false, null, null, false, false, false, false, new Authentication("oauth2"), "crm",
            List.of(), List.of(), List.of(), null);

    MemoryInstances repository;
    MemoryVault vault;
    Instance instance;
    AtomicInteger providerCalls;
    List<String> refreshTokensSent;
    Supplier<RefreshOutcome> provider;
    CredentialRefresher refresher;

    @BeforeEach
    void setUp() {
        OffsetDateTime now = InstanceService.now();
        repository = new MemoryInstances();
        vault = new MemoryVault();
        instance = repository.put(1, new Instance(1, 1, 7, "sample", "i", "digest", "key", "ciphertext", now.minusHours(1)));
        instance.credentialsRenewed(now.minusHours(1), now.plusMinutes(1), now.minusSeconds(1), null);
        vault.of(instance).put(Credentials.REFRESH_TOKEN, "refresh-1");
        vault.of(instance).put(Credentials.ACCESS_TOKEN, "access-1");
        providerCalls = new AtomicInteger();
        refreshTokensSent = new ArrayList<>();
        provider = () -> new RefreshOutcome.Granted(new TokenGrant("access-2", null, null, 3600L));

        CredentialSchedule schedule = new CredentialSchedule();
        schedule.maxBackoffSeconds = 3600;
        schedule.failuresBeforeInvalid = 5;
        schedule.marginSeconds = 60;
        schedule.verificationIntervalSeconds = 3600;
        InstanceService instances = new InstanceService() {
            @Override
            public Optional<ElementDefinition> elementOf(Instance ignored) {
                return Optional.of(ELEMENT);
            }

            @Override
            public Outcome<Boolean> disabled(long organizationId, long id) {
                return CredentialRefresherFlowTest.this.repository.find(organizationId, id).<Outcome<Boolean>>map(i -> Outcome.success(i.isDisabled()))
                        .orElseGet(() -> Outcome.notFound("No instance with id " + id + "."));
            }
        };
        InstanceWrites writes = new InstanceWrites();
        writes.repository = repository;
        writes.vault = vault;
        writes.schedule = schedule;

        LockedRefresh locked = new LockedRefresh();
        locked.repository = repository;
        locked.vault = vault;
        locked.instances = instances;
        locked.writes = writes;
        locked.schedule = schedule;
        locked.providerTokens = new ProviderTokens() {
            @Override
            public RefreshOutcome refresh(Map<String, String> configuration, String refreshToken) {
                providerCalls.incrementAndGet();
                synchronized (refreshTokensSent) {
                    refreshTokensSent.add(refreshToken);
                }
                return provider.get();
            }
        };
        locked.clientCredentials = new ClientCredentialsGrant() {
            @Override
            public RefreshOutcome remint(Map<String, String> configuration) {
                providerCalls.incrementAndGet();
                synchronized (refreshTokensSent) {
                    refreshTokensSent.add("remint");
                }
                return provider.get();
            }
        };
        refresher = new CredentialRefresher();
        refresher.locked = locked;
        refresher.instances = instances;
    }

    @Test
    void callersArrivingDuringARefreshShareItsOneProviderCall() throws Exception {
        CountDownLatch providerAsked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        provider = () -> {
            providerAsked.countDown();
            try {
                assertTrue(answer.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new RefreshOutcome.Granted(new TokenGrant("access-2", "refresh-2", null, 3600L));
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<RefreshResult> first = pool.submit(() -> refresher.refresh(1, true));
            assertTrue(providerAsked.await(10, TimeUnit.SECONDS));
            List<Future<RefreshResult>> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                others.add(pool.submit(() -> refresher.refresh(1, true)));
            }
            Thread.sleep(100);   // the others are waiting on the in-flight refresh
            answer.countDown();
            RefreshResult result = first.get(10, TimeUnit.SECONDS);
            assertInstanceOf(RefreshResult.Refreshed.class, result);
            for (Future<RefreshResult> other : others) {
                assertSame(result, other.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, providerCalls.get());
    }

    @Test
    void aRotatedRefreshTokenReplacesTheOldOneAndTheNextRefreshSendsIt() {
        provider = () -> new RefreshOutcome.Granted(new TokenGrant("access-2", "refresh-2", null, 3600L));
        assertInstanceOf(RefreshResult.Refreshed.class, refresher.refresh(1, true));
        assertEquals("refresh-2", vault.of(instance).get(Credentials.REFRESH_TOKEN));
        assertEquals("access-2", vault.of(instance).get(Credentials.ACCESS_TOKEN));

        provider = () -> new RefreshOutcome.Granted(new TokenGrant("access-3", "refresh-3", null, 3600L));
        refresher.refresh(1, true);
        assertEquals(List.of("refresh-1", "refresh-2"), refreshTokensSent);
        assertEquals("refresh-3", vault.of(instance).get(Credentials.REFRESH_TOKEN));
    }

    @Test
    void anAnswerWithoutARefreshTokenKeepsTheOneHeld() {
        RefreshResult result = refresher.refresh(1, true);
        RefreshResult.Refreshed refreshed = assertInstanceOf(RefreshResult.Refreshed.class, result);
        assertNotNull(refreshed.expiresAt());
        assertEquals("refresh-1", vault.of(instance).get(Credentials.REFRESH_TOKEN));
        assertEquals("access-2", vault.of(instance).get(Credentials.ACCESS_TOKEN));
        assertTrue(instance.getRefreshDueAt().isAfter(InstanceService.now()));
    }

    @Test
    void keptValuesThatComeBackWithARefreshAreUpdatedAndTheRefreshTokenStillKept() {
        vault.of(instance).put("crm.api.domain", "https://api1.crm.example");
        vault.of(instance).put("crm.owner", "o-1");
        provider = () -> new RefreshOutcome.Granted(new TokenGrant("access-2", null, null, 3600L,
                Map.of("crm.api.domain", "https://api2.crm.example")));
        assertInstanceOf(RefreshResult.Refreshed.class, refresher.refresh(1, true));
        assertEquals("https://api2.crm.example", vault.of(instance).get("crm.api.domain"));
        assertEquals("o-1", vault.of(instance).get("crm.owner"), "a value the refresh did not bring stays");
        assertEquals("refresh-1", vault.of(instance).get(Credentials.REFRESH_TOKEN));
    }

    @Test
    void aTokenThatNeverExpiresGetsNoRefreshScheduled() {
        vault.of(instance).remove(Credentials.REFRESH_TOKEN);
        OffsetDateTime now = InstanceService.now();
        instance.credentialsRenewed(now, null, null, null);
        InstanceWrites writes = new InstanceWrites();
        writes.repository = repository;
        writes.vault = vault;
        CredentialSchedule schedule = new CredentialSchedule();
        schedule.marginSeconds = 60;
        schedule.verificationIntervalSeconds = 3600;
        writes.schedule = schedule;
        writes.storeCredentials(instance, ELEMENT, Map.of("verification.path", "/me"),
                Optional.of(new TokenGrant("forever", null, null, null)), now);
        assertEquals(null, instance.getTokenExpiresAt());
        assertEquals(null, instance.getRefreshDueAt(), "no expires_in and no refresh token: nothing to refresh");
        assertEquals(now.plusSeconds(3600), instance.getVerificationDueAt(), "verified instead");
        assertInstanceOf(RefreshResult.NotRefreshable.class, refresher.refresh(1, true));
        assertEquals(0, providerCalls.get());
    }

    @Test
    void aFailureBacksOffSoTheNextScheduledPassWaits() {
        provider = () -> new RefreshOutcome.Failed("HTTP 503", "unavailable");
        RefreshResult.Failed failed = assertInstanceOf(RefreshResult.Failed.class, refresher.refresh(1, false));
        assertEquals("unavailable", failed.providerMessage());
        assertEquals(1, instance.getConsecutiveFailures());
        assertTrue(instance.getRetryNotBefore().isAfter(InstanceService.now().plusSeconds(59)));
        assertTrue(instance.isValid());

        assertInstanceOf(RefreshResult.NotDue.class, refresher.refresh(1, false));
        assertEquals(1, providerCalls.get());
    }

    @Test
    void aRevokedGrantInvalidatesAndStopsTheSchedule() {
        provider = () -> new RefreshOutcome.Revoked("invalid_grant");
        assertInstanceOf(RefreshResult.Revoked.class, refresher.refresh(1, true));
        assertTrue(!instance.isValid());
        assertEquals(null, instance.getRefreshDueAt());
    }

    @Test
    void refreshNowLeavesADisabledOrForeignInstanceAlone() {
        instance.setDisabled(true);
        assertInstanceOf(RefreshResult.Disabled.class, refresher.refreshNow(1, 1));
        instance.setDisabled(false);
        assertInstanceOf(RefreshResult.NotFound.class, refresher.refreshNow(2, 1));
        assertEquals(0, providerCalls.get());
        assertInstanceOf(RefreshResult.Refreshed.class, refresher.refreshNow(1, 1));
        assertEquals(1, providerCalls.get());
    }

    /** A client-credentials instance (no refresh token), stored as provisioning stores it: its plan has a re-mint due. */
    private void clientCredentialsInstance(long lifetimeSeconds) {
        vault.of(instance).remove(Credentials.REFRESH_TOKEN);
        vault.of(instance).put("oauth.grant.type", "client_credentials");
        OffsetDateTime now = InstanceService.now();
        refresher.locked.writes.storeCredentials(instance, ELEMENT, vault.effective(instance, ELEMENT),
                Optional.of(new TokenGrant("cc-1", null, null, lifetimeSeconds)), now);
        assertEquals(now.plusSeconds(lifetimeSeconds), instance.getTokenExpiresAt());
        assertEquals(now.plusSeconds(lifetimeSeconds - Math.min(60, lifetimeSeconds / 2)), instance.getRefreshDueAt(),
                "re-minted before expiry, as a refresh would be");
    }

    @Test
    void aClientCredentialsTokenIsMintedAgainWhenDueUnderTheSameSingleFlight() throws Exception {
        clientCredentialsInstance(3600);
        assertInstanceOf(RefreshResult.NotDue.class, refresher.refresh(1, false));
        assertEquals(0, providerCalls.get());

        CountDownLatch providerAsked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        provider = () -> {
            providerAsked.countDown();
            try {
                assertTrue(answer.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new RefreshOutcome.Granted(new TokenGrant("cc-2", null, null, 3600L));
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<RefreshResult> first = pool.submit(() -> refresher.refresh(1, true));
            assertTrue(providerAsked.await(10, TimeUnit.SECONDS));
            Future<RefreshResult> second = pool.submit(() -> refresher.refreshStale(1, InstanceService.now(), "cc-1"));
            Thread.sleep(100);
            answer.countDown();
            assertInstanceOf(RefreshResult.Refreshed.class, first.get(10, TimeUnit.SECONDS));
            assertInstanceOf(RefreshResult.Refreshed.class, second.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("remint"), refreshTokensSent, "one grant for both, and never a refresh-token call");
        assertEquals("cc-2", vault.of(instance).get(Credentials.ACCESS_TOKEN));
        assertEquals(null, vault.of(instance).get(Credentials.REFRESH_TOKEN));
        assertTrue(instance.getRefreshDueAt().isAfter(InstanceService.now().plusMinutes(55)), "the next re-mint is planned");
    }

    @Test
    void refusedClientCredentialsOnARemintInvalidateTheInstance() {
        clientCredentialsInstance(3600);
        provider = () -> new RefreshOutcome.Revoked("{\"error\": \"invalid_client\"}");
        assertInstanceOf(RefreshResult.Revoked.class, refresher.refresh(1, true));
        assertTrue(!instance.isValid());
        assertEquals(null, instance.getRefreshDueAt());
        assertEquals(List.of("remint"), refreshTokensSent);
    }

    /**
     * Node A refreshed (and committed) after node B read the old token but with a refresh time
     * before B's read: B's 401 must take A's token, not spend the refresh token again.
     */
    @Test
    void aRejectedTokenAlreadyReplacedByAnotherNodeIsNotRefreshedAgain() {
        OffsetDateTime readByThisNode = InstanceService.now();
        instance.credentialsRenewed(readByThisNode.minusSeconds(1), readByThisNode.plusMinutes(60), readByThisNode.plusMinutes(59), null);
        vault.of(instance).put(Credentials.ACCESS_TOKEN, "access-from-the-other-node");

        RefreshResult result = refresher.refreshStale(1, readByThisNode, "access-1");

        assertInstanceOf(RefreshResult.Refreshed.class, result);
        assertEquals(0, providerCalls.get(), "the refresh token is not spent twice");
        assertInstanceOf(RefreshResult.Refreshed.class, refresher.refreshStale(1, readByThisNode, "access-from-the-other-node"));
        assertEquals(1, providerCalls.get(), "a rejection of the current token does refresh");
    }
}
