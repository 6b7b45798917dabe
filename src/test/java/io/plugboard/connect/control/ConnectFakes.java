package io.plugboard.connect.control;

import io.plugboard.connect.control.PendingConnects.ClaimedConnect;
import io.plugboard.connect.control.PendingConnects.InstanceSettings;
import io.plugboard.connect.entity.PendingConnect;
import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.instances.control.InstanceRequest;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.instances.control.InstanceView;
import io.plugboard.organizations.control.OrganizationService;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.security.Caller;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain collaborators for the connect flow's unit tests: each overrides the one or two methods
 * the flow calls and records what it was given, so no server and no database is needed.
 */
final class ConnectFakes {

    static final long ORGANIZATION = 3;
    static final long USER = 5;
    static final String SESSION = "c2Vzc2lvbi12YWx1ZS1vZi0zMi1ieXRlcy1leGFjdGx"; // 43 characters, as generated
    static final String RETURN_URL = "https://app.example.com/connected?step=2";
    static final byte[] KEY = SignedState.deriveKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private ConnectFakes() {
    }

    static ElementDefinition element(String key, String authentication, ConfigurationDefinition... configuration) {
        return new ElementDefinition(7L, key, key, List.of(), "d", null, true, false, true, false, null, null,
                false, false, false, false, new Authentication(authentication), "crm", List.of(), List.of(configuration),
                List.of(), null);
    }

    static ConfigurationDefinition entry(String key, boolean required, String defaultValue) {
        return new ConfigurationDefinition(key, key, key, "TEXTFIELD_32", required, false, defaultValue);
    }

    static ConnectStates states(Clock clock) {
        return new ConnectStates(new SignedState(KEY, List.of(KEY), clock), 10);
    }

    static ConnectStates states() {
        return states(Clock.systemUTC());
    }

    /** The catalog: these elements, for any organization. */
    static ElementService elements(ElementDefinition... definitions) {
        return new ElementService() {
            @Override
            public Optional<Element> find(String keyOrId, Optional<Long> organizationId) {
                for (ElementDefinition definition : definitions) {
                    if (definition.key().equals(keyOrId)) {
                        return Optional.of(new Element(definition, false));
                    }
                }
                return Optional.empty();
            }
        };
    }

    static OrganizationService users(boolean exists) {
        return new OrganizationService() {
            @Override
            public Optional<UserView> user(long organizationId, long userId) {
                return exists ? Optional.of(new UserView(userId, "ada@example.com", null, null, false, null)) : Optional.empty();
            }
        };
    }

    /** Stores, claims and launches from memory; what was stored and claimed is kept. */
    static class MemoryConnects extends PendingConnects {
        final List<NewConnect> stored = new ArrayList<>();
        final List<String> claimed = new ArrayList<>();
        Claim claim = new Claim.Unknown();
        Launch launch = new Launch.Unknown();

        @Override
        public void store(NewConnect connect) {
            stored.add(connect);
        }

        @Override
        public Claim claim(String id) {
            claimed.add(id);
            return claim;
        }

        @Override
        public Launch launch(String id, String presentedToken) {
            return launch;
        }
    }

    static ClaimedConnect claimed(String id, PendingConnect.Flow flow, String pkceVerifier, Long instanceId, String... tags) {
        return new ClaimedConnect(id, ORGANIZATION, USER, "sample", flow,
                new InstanceSettings(java.util.Map.of("oauth.api.key", "client"), "Ada's", List.of(tags)), pkceVerifier,
                null, null, RETURN_URL, instanceId);
    }

    /** Records provisioning and updates; answers with {@code answer}, or a view of the instance. */
    static class RecordingInstances extends InstanceService {
        final List<InstanceRequest> provisioned = new ArrayList<>();
        final List<InstanceRequest> updated = new ArrayList<>();
        final List<Long> updatedIds = new ArrayList<>();
        Outcome<InstanceView> answer;
        Outcome<Configured> configured;

        @Override
        public Outcome<InstanceView> provision(Caller caller, InstanceRequest request) {
            provisioned.add(request);
            return answer != null ? answer : Outcome.success(view(42));
        }

        @Override
        public Outcome<InstanceView> update(long organizationId, long id, InstanceRequest request, boolean reAuthenticate) {
            updated.add(request);
            updatedIds.add(reAuthenticate ? id : -id);
            return answer != null ? answer : Outcome.success(view(id));
        }

        @Override
        public Outcome<Configured> configured(long organizationId, long id) {
            return configured;
        }
    }

    static InstanceView view(long id) {
        return new InstanceView(id, "i", null, null, 7, List.of(), List.of(), true, false, 0, 0, java.util.Map.of(),
                false, null, false, false, null, null, null);
    }
}
