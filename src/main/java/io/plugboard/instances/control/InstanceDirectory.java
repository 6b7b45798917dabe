package io.plugboard.instances.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only lookups for callers that reach an instance before any organization is known: a
 * provider's webhook names an instance by id, or carries a value one of its instances holds in its
 * configuration. Unlike every caller-facing query, these are not scoped to an organization; the
 * answer says which organization the instance belongs to, and the caller must hold to it.
 * Results are values, never entities.
 */
@ApplicationScoped
public class InstanceDirectory {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    InstanceVault vault;
    @Inject
    ElementService elements;

    /**
     * What a webhook needs of one instance. {@code configuration} is the effective configuration
     * in plaintext (element defaults overlaid with the instance's values, secrets decrypted): it
     * holds the provider's webhook secret, so it must never be logged or answered.
     */
    public record Settings(long id, long organizationId, String elementKey, boolean disabled, boolean eventsEnabled,
                           Map<String, String> configuration) {

        public Settings {
            // Keys without a value are the same as absent ones here (Map.copyOf refuses nulls).
            Map<String, String> present = new java.util.HashMap<>(configuration);
            present.values().removeIf(java.util.Objects::isNull);
            configuration = Map.copyOf(present);
        }

        public Optional<String> value(String key) {
            return Optional.ofNullable(configuration.get(key));
        }

        @Override
        public String toString() {
            return "Settings[id=" + id + ", organizationId=" + organizationId + ", elementKey=" + elementKey
                    + ", disabled=" + disabled + ", eventsEnabled=" + eventsEnabled + ", configuration=<"
                    + configuration.size() + " values>]";
        }
    }

    /**
     * The instance's settings by id alone; empty when there is no such instance. In a transaction
     * of its own when the caller has none (a dispatcher thread): outside one, the container's
     * entity manager would be cleaned up twice.
     */
    @Transactional
    public Optional<Settings> settings(long id) {
        return Optional.ofNullable(em.find(Instance.class, id)).map(this::settingsOf);
    }

    /**
     * The ids of the instances of {@code elementKey} whose configuration value of {@code key} is
     * exactly {@code value}, in id order. Only plain values can match: a secret is stored
     * encrypted, so a key that routes webhooks must not be a secret one.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> idsWithValue(String elementKey, String key, String value) {
        // instance_configuration_key_idx (V8) finds the rows of the key; the value is compared on
        // those rows (an index on the value itself would break on values longer than a B-tree entry).
        return em.createQuery("SELECT c.instance.id FROM InstanceConfigurationEntry c"
                        + " WHERE c.key = :key AND c.plainValue = :value AND c.instance.elementKey = :element"
                        + " ORDER BY c.instance.id", Long.class)
                .setParameter("key", key)
                .setParameter("value", value)
                .setParameter("element", elementKey)
                .getResultList();
    }

    private Settings settingsOf(Instance instance) {
        Optional<ElementDefinition> element = elements.find(String.valueOf(instance.getElementId()),
                Optional.of(instance.getOrganizationId())).map(ElementService.Element::definition);
        Map<String, String> configuration = element.map(e -> vault.effective(instance, e))
                .orElseGet(() -> vault.plaintext(instance));
        return new Settings(instance.getId(), instance.getOrganizationId(), instance.getElementKey(),
                instance.isDisabled(), instance.isEventsEnabled(), configuration);
    }
}
