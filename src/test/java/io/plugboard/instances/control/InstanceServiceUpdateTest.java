package io.plugboard.instances.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.PendingRequestTokens;
import io.plugboard.oauth.control.TokenGrant;
import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PUT and PATCH without a server: fields present are set, the provider is asked only to
 * re-authenticate (and then before anything is written), and what it refuses changes nothing.
 */
class InstanceServiceUpdateTest {

    private static final ElementDefinition OAUTH2 = new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null,
            true, false, false, false, null, null, false, false, false, false, new Authentication("oauth2"), "crm",
            List.of(), List.of(), List.of(), null);

    MemoryInstances repository;
    MemoryVault vault;
    Instance instance;
    List<Map<String, String>> obtainedWith;
    List<InstanceConfigurationRule.StoredInstance> storedBy = new ArrayList<>();
    Outcome<Credentials.Obtained> providerAnswer;
    List<String> forgotten;
    InstanceService service;

    @BeforeEach
    void setUp() {
        repository = new MemoryInstances();
        vault = new MemoryVault();
        instance = repository.put(5, new Instance(1, 1, 7, "sample", "old name", "digest", "key", "ciphertext",
                InstanceService.now().minusDays(1)));
        vault.of(instance).put("base.url", "https://api.example.com");
        obtainedWith = new ArrayList<>();
        forgotten = new ArrayList<>();
        providerAnswer = Outcome.success(new Credentials.Obtained(
                Optional.of(new TokenGrant("access-new", "refresh-new", null, 3600L)), "spent-request-token"));

        CredentialSchedule schedule = new CredentialSchedule();
        schedule.marginSeconds = 60;
        schedule.verificationIntervalSeconds = 3600;
        InstanceViews views = new InstanceViews() {
            @Override
            public InstanceView of(Instance shown, Optional<ElementDefinition> element, boolean hydrate) {
                return new InstanceView(5L, shown.getName(), "token", null, shown.getElementId(),
                        List.copyOf(shown.getTags()), List.of(), shown.isValid(), shown.isDisabled(), shown.getMaxCacheSize(),
                        shown.getCacheTimeToLive(), null, shown.isEventsEnabled(), null, shown.isTraceLoggingEnabled(),
                        shown.isCachingEnabled(), shown.getExternalAuthentication(), shown.getCreatedDate(), null);
            }
        };
        InstanceWrites writes = new InstanceWrites();
        writes.repository = repository;
        writes.vault = vault;
        writes.views = views;
        writes.schedule = schedule;
        writes.rules = new ConfigurationRules() {
            @Override
            public Outcome<Map<String, String>> check(ElementDefinition element, Map<String, String> before,
                                                      Map<String, String> effective) {
                return "refused".equals(effective.get("page.size")) ? Outcome.invalid("page.size is refused.")
                        : Outcome.success(effective);
            }

            @Override
            void stored(InstanceConfigurationRule.StoredInstance stored) {
                storedBy.add(stored);
            }
        };

        service = new InstanceService() {
            @Override
            public Optional<ElementDefinition> elementOf(Instance ignored) {
                return Optional.of(OAUTH2);
            }
        };
        service.repository = repository;
        service.vault = vault;
        service.views = views;
        service.writes = writes;
        service.rules = writes.rules;
        service.credentials = new Credentials() {
            @Override
            public Outcome<Obtained> obtain(ElementDefinition element, Map<String, String> configuration,
                                            Map<String, String> providerData, boolean importTokens) {
                obtainedWith.add(new LinkedHashMap<>(configuration));
                return providerAnswer;
            }
        };
        service.pendingRequestTokens = new PendingRequestTokens() {
            @Override
            public void forget(String requestToken) {
                forgotten.add(requestToken);
            }
        };
    }

    private static Map<String, String> map(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aPatchSetsTheFieldsPresentWithoutAskingTheProvider() {
        Outcome<InstanceView> updated = service.update(1, 5, InstanceRequest.builder().name("  new name ")
                .tags(List.of("a", "b")).configuration(map("page.size", "50")).build(), false);

        assertInstanceOf(Outcome.Success.class, updated);
        InstanceView view = ((Outcome.Success<InstanceView>) updated).value();
        assertEquals("new name", view.name());
        assertEquals(List.of("a", "b"), view.tags());
        assertEquals("50", vault.of(instance).get("page.size"));
        assertEquals("https://api.example.com", vault.of(instance).get("base.url"));
        assertTrue(obtainedWith.isEmpty());
        assertTrue(repository.events.isEmpty());
    }

    @Test
    void providerDataReAuthenticatesInPlaceWithTheMergedConfiguration() {
        Outcome<InstanceView> updated = service.update(1, 5, InstanceRequest.builder()
                .providerData(map("code", "c0de")).configuration(map("scope", "read")).build(), false);

        assertInstanceOf(Outcome.Success.class, updated);
        assertEquals(List.of(map("base.url", "https://api.example.com", "scope", "read")), obtainedWith);
        assertEquals("access-new", vault.of(instance).get(Credentials.ACCESS_TOKEN));
        assertEquals("refresh-new", vault.of(instance).get(Credentials.REFRESH_TOKEN));
        assertEquals(List.of(InstanceEvent.Type.REAUTHENTICATED.name()), repository.events.stream().map(InstanceEvent::getType).toList());
        assertEquals(List.of("spent-request-token"), forgotten);
        assertTrue(instance.getRefreshDueAt().isAfter(InstanceService.now()));
    }

    @Test
    void aProviderRefusalChangesNothing() {
        providerAnswer = new Outcome.ProviderFailed<>("The provider refused the code.", "invalid_grant");
        Outcome<InstanceView> updated = service.update(1, 5, InstanceRequest.builder().name("renamed")
                .providerData(map("code", "bad")).build(), false);

        assertEquals(new Outcome.ProviderFailed<>("The provider refused the code.", "invalid_grant"), updated);
        assertEquals("old name", instance.getName());
        assertEquals(null, vault.of(instance).get(Credentials.ACCESS_TOKEN));
        assertTrue(repository.events.isEmpty());
        assertTrue(forgotten.isEmpty());
    }

    @Test
    void aConfigurationARuleRefusesStoresNothingAndAsksNoProvider() {
        Outcome<InstanceView> updated = service.update(1, 5, InstanceRequest.builder().name("renamed")
                .providerData(map("code", "c0de")).configuration(map("page.size", "refused")).build(), false);

        assertEquals(Outcome.invalid("page.size is refused."), updated);
        assertTrue(obtainedWith.isEmpty(), "the provider was not asked");
        assertEquals("old name", instance.getName());
        assertTrue(storedBy.isEmpty());
    }

    @Test
    void rulesHearOfEveryStoredUpdateWithTheEventsFlagInStep() {
        Outcome<InstanceView> updated = service.update(1, 5, InstanceRequest.builder().eventsEnabled(true).build(), false);

        assertInstanceOf(Outcome.Success.class, updated);
        assertEquals("true", vault.of(instance).get("event.notification.enabled"), "eventsEnabled is written as the key");
        assertTrue(instance.isEventsEnabled());
        assertEquals(1, storedBy.size());
        assertTrue(storedBy.get(0).eventsEnabled());
        assertEquals(5, storedBy.get(0).instanceId());
    }

    @Test
    void reAuthenticatingAnOAuthInstanceNeedsProviderData() {
        assertEquals(Outcome.invalid("providerData is required to re-authenticate an OAuth instance."),
                service.update(1, 5, InstanceRequest.builder().build(), true));
        assertTrue(obtainedWith.isEmpty());
    }

    @Test
    void aClientCredentialsInstanceMintsAnewWithoutProviderDataAndIsVerifiedBeforeAnythingIsStored() {
        vault.of(instance).put("oauth.grant.type", "client_credentials");
        providerAnswer = Outcome.success(new Credentials.Obtained(Optional.of(new TokenGrant("cc-new", null, null, 3600L)), null));
        List<Map<String, String>> verifiedWith = new ArrayList<>();
        service.verifier = new CredentialVerifier() {
            @Override
            public Outcome<Map<String, String>> check(ElementDefinition element, Map<String, String> configuration) {
                verifiedWith.add(configuration);
                return Outcome.success(configuration);
            }
        };

        assertInstanceOf(Outcome.Success.class, service.update(1, 5, InstanceRequest.builder().build(), true));
        assertEquals(1, obtainedWith.size());
        assertEquals("cc-new", verifiedWith.get(0).get(Credentials.ACCESS_TOKEN), "verified with the token just minted");
        assertEquals("cc-new", vault.of(instance).get(Credentials.ACCESS_TOKEN));
        assertTrue(instance.getRefreshDueAt().isAfter(InstanceService.now()), "the next mint is planned");
    }

    @Test
    void credentialsTheProviderRejectsAtVerificationChangeNothing() {
        vault.of(instance).put("oauth.grant.type", "client_credentials");
        vault.of(instance).put(Credentials.ACCESS_TOKEN, "cc-old");
        service.verifier = new CredentialVerifier() {
            @Override
            public Outcome<Map<String, String>> check(ElementDefinition element, Map<String, String> configuration) {
                return new Outcome.Invalid<>("The provider rejected the credentials (HTTP 401).", "{\"error\": \"nope\"}");
            }
        };

        Outcome<InstanceView> updated = service.update(1, 5, InstanceRequest.builder().name("renamed").build(), true);

        assertEquals(new Outcome.Invalid<>("The provider rejected the credentials (HTTP 401).", "{\"error\": \"nope\"}"), updated);
        assertEquals("cc-old", vault.of(instance).get(Credentials.ACCESS_TOKEN));
        assertEquals("old name", instance.getName());
        assertTrue(repository.events.isEmpty());
    }

    @Test
    void anotherOrganizationsInstanceIsNotFoundAndAnOversizedNameRefused() {
        assertEquals(Outcome.notFound("No instance with id 5."),
                service.update(2, 5, InstanceRequest.builder().name("x").build(), false));
        assertEquals(Outcome.invalid("name is longer than 255 characters."),
                service.update(1, 5, InstanceRequest.builder().name("n".repeat(256)).build(), false));
        assertEquals("old name", instance.getName());
    }
}
