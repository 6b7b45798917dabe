package io.plugboard.instances.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import io.plugboard.oauth.control.ProviderTokens;
import io.plugboard.oauth.control.RefreshOutcome;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Scheduled passes run on every node and may pick the same due instance; the row lock serializes
 * them, and the second must not call the provider again after the first one's call failed (the
 * failure set a back-off while the second waited for the lock).
 */
class CredentialRefresherTest {

    private static final ElementDefinition ELEMENT = new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null,
            true, false, false, false, null, null, false, false, false, false, new Authentication("oauth2"), "crm",
            List.of(), List.of(), List.of(), null);

    @Test
    void aSecondNodesPassDoesNotRepeatAFailedRefresh() {
        OffsetDateTime now = InstanceService.now();
        Instance instance = new Instance(1, 1, 7, "sample", "i", "digest", "key", "ciphertext", now.minusHours(1));
        instance.credentialsRenewed(now.minusHours(1), now.plusMinutes(1), now.minusSeconds(1), null);   // due

        AtomicInteger providerCalls = new AtomicInteger();
        LockedRefresh refresher = new LockedRefresh();
        refresher.repository = new LockedRow(instance);
        refresher.instances = new InstanceService() {
            @Override
            public Optional<ElementDefinition> elementOf(Instance ignored) {
                return Optional.of(ELEMENT);
            }
        };
        refresher.vault = new InstanceVault() {
            @Override
            public Map<String, String> effective(Instance ignored, ElementDefinition element) {
                return Map.of(Credentials.REFRESH_TOKEN, "refresh-token");
            }
        };
        refresher.providerTokens = new ProviderTokens() {
            @Override
            public RefreshOutcome refresh(Map<String, String> configuration, String refreshToken) {
                providerCalls.incrementAndGet();
                return new RefreshOutcome.Failed("HTTP 503", null);
            }
        };
        CredentialSchedule schedule = new CredentialSchedule();
        schedule.maxBackoffSeconds = 3600;
        schedule.failuresBeforeInvalid = 5;
        refresher.schedule = schedule;

        // Node A's pass and node B's pass both listed the instance; B gets the lock after A committed.
        assertInstanceOf(CredentialRefresher.RefreshResult.Failed.class, refresher.refresh(1, false, InstanceService.now()));
        assertInstanceOf(CredentialRefresher.RefreshResult.NotDue.class, refresher.refresh(1, false, InstanceService.now()));
        assertEquals(1, providerCalls.get());

        // A caller whose credentials the provider rejected still gets its refresh (forced).
        refresher.refresh(1, true, InstanceService.now());
        assertEquals(2, providerCalls.get());
    }

    /** The one row, as each node finds it under the lock. */
    private record LockedRow(Instance instance) implements InstanceRepository {
        @Override
        public Optional<Instance> lock(long id) {
            return Optional.of(instance);
        }

        @Override
        public void record(InstanceEvent event) {
        }

        @Override
        public Instance save(Instance saved) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Instance deleted) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Instance> find(long organizationId, long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Instance> findByTokenDigest(String tokenDigest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Instance> page(Filter filter, Long afterId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(Filter filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Long> dueForRefresh(OffsetDateTime now, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Long> dueForVerification(OffsetDateTime now, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InstanceEvent> events(long organizationId, long instanceId, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
