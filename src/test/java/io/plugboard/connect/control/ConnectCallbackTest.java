package io.plugboard.connect.control;

import io.plugboard.connect.control.ConnectCallback.CallbackQuery;
import io.plugboard.connect.control.ConnectFailed.Failure;
import io.plugboard.connect.control.ConnectFakes.MemoryConnects;
import io.plugboard.connect.control.ConnectFakes.RecordingInstances;
import io.plugboard.connect.entity.PendingConnect;
import io.plugboard.instances.control.InstanceRequest;
import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.plugboard.connect.control.ConnectFakes.RETURN_URL;
import static io.plugboard.connect.control.ConnectFakes.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The callback without a server: which redirects provision, which are refused, and with what. */
class ConnectCallbackTest {

    private static final String CONNECT_ID = "AAAAAAAAAAAAAAAAAAAAAA";

    private final MemoryConnects pending = new MemoryConnects();
    private final RecordingInstances instances = new RecordingInstances();
    private final ConnectCallback callback = new ConnectCallback();

    @BeforeEach
    void wire() {
        callback.elements = ConnectFakes.elements(ConnectFakes.element("sample", "oauth2"), ConnectFakes.element("other", "oauth2"));
        callback.pending = pending;
        callback.organizations = ConnectFakes.users(true);
        callback.instances = instances;
        callback.states = ConnectFakes.states();
    }

    private static String state() {
        return ConnectFakes.states().signedState().issue(CONNECT_ID, SESSION, Duration.ofMinutes(10));
    }

    private static CallbackQuery code(String state, String code) {
        return new CallbackQuery(state, null, code, null, null, null, null, null);
    }

    private ConnectFailed failed(ConnectCallback.Result result, Failure failure) {
        ConnectFailed failed = assertInstanceOf(ConnectFailed.class, result);
        assertEquals(failure, failed.failure(), failed.message());
        assertEquals(List.of(), instances.provisioned, "nothing provisioned");
        assertEquals(List.of(), instances.updated, "nothing updated");
        return failed;
    }

    @Test
    void aStateThisHubDidNotSignIsRefusedBeforeTheDatabaseIsAsked() {
        byte[] otherKey = SignedState.deriveKey("fedcba9876543210fedcba9876543210".getBytes());
        String foreign = new SignedState(otherKey, List.of(otherKey), Clock.systemUTC()).issue(CONNECT_ID, SESSION, Duration.ofMinutes(10));

        failed(callback.complete("sample", code(foreign, "c"), SESSION), Failure.INVALID_STATE);
        failed(callback.complete("sample", code(null, "c"), SESSION), Failure.INVALID_STATE);
        assertEquals(List.of(), pending.claimed);
    }

    @Test
    void aStateForAnotherBrowserSessionIsRefused() {
        ConnectFailed failed = failed(callback.complete("sample", code(state(), "c"), "b3RoZXItc2Vzc2lvbi12YWx1ZS0zMi1ieXRlcy1sb25nLg"),
                Failure.WRONG_SESSION);
        assertEquals("This connection attempt was started in another browser session.", failed.message());
        assertTrue(failed(callback.complete("sample", code(state(), "c"), null), Failure.WRONG_SESSION).message()
                .contains("did not send the cookie"));
        assertEquals(List.of(), pending.claimed);
    }

    @Test
    void anExpiredStateIsRefused() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String old = ConnectFakes.states(anHourAgo).signedState().issue(CONNECT_ID, SESSION, Duration.ofMinutes(10));

        failed(callback.complete("sample", code(old, "c"), SESSION), Failure.EXPIRED);
        assertEquals(List.of(), pending.claimed);
    }

    @Test
    void aProviderErrorSpendsTheConnectAndQuotesTheProvider() {
        CallbackQuery denied = new CallbackQuery(state(), null, null, "access_denied", "The user\ndeclined", null, null, null);

        ConnectFailed failed = failed(callback.complete("sample", denied, SESSION), Failure.PROVIDER_DENIED);

        assertEquals("The provider reports: access_denied (The user declined)", failed.message(), "no control characters");
        assertEquals(List.of(CONNECT_ID), pending.claimed, "a refusal ends the connect");
    }

    @Test
    void aSecondCallbackWithTheSameStateIsAReplay() {
        pending.claim = new PendingConnects.Claim.Spent();
        failed(callback.complete("sample", code(state(), "c"), SESSION), Failure.REPLAYED);
    }

    @Test
    void theCallbackOfAnotherElementProvisionsNothing() {
        pending.claim = new PendingConnects.Claim.Claimed(ConnectFakes.claimed(CONNECT_ID, PendingConnect.Flow.OAUTH2, null, null));
        failed(callback.complete("other", code(state(), "c"), SESSION), Failure.INVALID_STATE);
    }

    @Test
    void theCodeAndThePkceVerifierGoToTheExchange() {
        pending.claim = new PendingConnects.Claim.Claimed(
                ConnectFakes.claimed(CONNECT_ID, PendingConnect.Flow.OAUTH2, "the-verifier", null, "crm"));

        ConnectCallback.Connected connected = assertInstanceOf(ConnectCallback.Connected.class,
                callback.complete("sample", code(state(), "the-code"), SESSION));

        assertEquals(RETURN_URL + "&instanceId=42", connected.location());
        InstanceRequest request = instances.provisioned.get(0);
        assertEquals(Map.of("code", "the-code", "code_verifier", "the-verifier"), request.providerData());
        assertEquals("sample", request.elementKeyOrId());
        assertEquals(List.of("crm"), request.tags());
        assertEquals("Ada's", request.name());
    }

    @Test
    void theProvidersOtherCallbackValuesGoAlongForTheElementToKeepButNeverReplaceTheExchangesOwn() {
        pending.claim = new PendingConnects.Claim.Claimed(ConnectFakes.claimed(CONNECT_ID, PendingConnect.Flow.OAUTH2, null, null));
        CallbackQuery query = new CallbackQuery(state(), null, "the-code", null, null, null, null, null,
                Map.of("realmId", "R-9", "code_verifier", "forged", "code", "forged", "secret", "forged"));

        assertInstanceOf(ConnectCallback.Connected.class, callback.complete("sample", query, SESSION));

        assertEquals(Map.of("code", "the-code", "realmId", "R-9"), instances.provisioned.get(0).providerData(),
                "PKCE off here: still no verifier from the query");
    }

    @Test
    void reAuthenticationRenewsTheInstanceInPlaceAndKeepsItsTags() {
        pending.claim = new PendingConnects.Claim.Claimed(ConnectFakes.claimed(CONNECT_ID, PendingConnect.Flow.OAUTH2, null, 9L));

        ConnectCallback.Connected connected = assertInstanceOf(ConnectCallback.Connected.class,
                callback.complete("sample", code(state(), "c"), SESSION));

        assertEquals(9, connected.instanceId());
        assertEquals(List.of(), instances.provisioned, "no new instance");
        assertEquals(List.of(9L), instances.updatedIds, "instance 9, re-authenticated");
        assertNull(instances.updated.get(0).tags(), "no tags given: the instance keeps its own");
        assertEquals(Map.of("code", "c"), instances.updated.get(0).providerData(), "no verifier without PKCE");
    }

    @Test
    void anOAuth1CallbackMustReturnTheRequestTokenThisConnectObtained() {
        var connect = new PendingConnects.ClaimedConnect(CONNECT_ID, ConnectFakes.ORGANIZATION, ConnectFakes.USER, "sample",
                PendingConnect.Flow.OAUTH1, new PendingConnects.InstanceSettings(Map.of(), null, List.of()), null,
                io.plugboard.tokens.control.BearerSecrets.digest("request-token"), "request-secret", RETURN_URL, null);
        pending.claim = new PendingConnects.Claim.Claimed(connect);
        CallbackQuery other = new CallbackQuery(null, state(), null, null, null, "another-token", "verifier", null);

        failed(callback.complete("sample", other, SESSION), Failure.INVALID_CALLBACK);

        CallbackQuery right = new CallbackQuery(null, state(), null, null, null, "request-token", "verifier", null);
        assertInstanceOf(ConnectCallback.Connected.class, callback.complete("sample", right, SESSION));
        assertEquals(Map.of("oauth_token", "request-token", "oauth_verifier", "verifier", "secret", "request-secret"),
                instances.provisioned.get(0).providerData());
    }

    @Test
    void aFailedExchangeIsTheProvidersFailure() {
        pending.claim = new PendingConnects.Claim.Claimed(ConnectFakes.claimed(CONNECT_ID, PendingConnect.Flow.OAUTH2, null, null));
        instances.answer = new Outcome.ProviderFailed<>("The provider refused the code.", "invalid_grant");

        ConnectFailed failed = assertInstanceOf(ConnectFailed.class, callback.complete("sample", code(state(), "c"), SESSION));

        assertEquals(Failure.PROVIDER_FAILED, failed.failure());
        assertEquals("The provider refused the code.", failed.message());
    }

    @Test
    void aUserWhoIsGoneGetsNoInstance() {
        callback.organizations = ConnectFakes.users(false);
        pending.claim = new PendingConnects.Claim.Claimed(ConnectFakes.claimed(CONNECT_ID, PendingConnect.Flow.OAUTH2, null, null));
        failed(callback.complete("sample", code(state(), "c"), SESSION), Failure.NOT_PROVISIONED);
    }
}
