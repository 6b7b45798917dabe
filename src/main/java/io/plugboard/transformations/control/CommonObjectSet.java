package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.transformations.entity.Level;
import io.plugboard.transformations.entity.ObjectField;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * One organization's common objects as the hub runs them: each mapping compiled against its
 * object's current definition, filed by element and by instance. Immutable, so one copy serves
 * every request of the organization until a write replaces it.
 */
public final class CommonObjectSet {

    private static final Logger LOG = Logger.getLogger(CommonObjectSet.class.getName());

    /** What runs for a common object on one instance, and where that mapping is defined. */
    public record Effective(String name, Level level, Mapping mapping, List<ObjectField> fields) {
    }

    private final Map<String, Map<String, Effective>> byElement;
    private final Map<Long, Map<String, Effective>> byInstance;

    private CommonObjectSet(Map<String, Map<String, Effective>> byElement, Map<Long, Map<String, Effective>> byInstance) {
        this.byElement = byElement;
        this.byInstance = byInstance;
    }

    public static CommonObjectSet of(Map<String, List<ObjectField>> definitions, List<TransformationView> mappings) {
        Map<String, Map<String, Effective>> byElement = new HashMap<>();
        Map<Long, Map<String, Effective>> byInstance = new HashMap<>();
        for (TransformationView view : mappings) {
            List<ObjectField> fields = definitions.get(view.objectName());
            if (fields == null) {
                continue;   // cannot happen with the foreign key; a mapping without its object maps nothing
            }
            Outcome<Mapping> compiled = TransformationRules.compile(view.mapping(), fields, false);
            if (!(compiled instanceof Outcome.Success<Mapping> mapping)) {
                LOG.warning(() -> "The stored mapping of " + view.objectName() + " for " + view.elementKey()
                        + " does not compile and is skipped: " + compiled);
                continue;
            }
            Effective effective = new Effective(view.objectName(), view.level(), mapping.value(), fields);
            if (view.instanceId() == null) {
                byElement.computeIfAbsent(view.elementKey(), k -> new HashMap<>()).put(view.objectName(), effective);
            } else {
                byInstance.computeIfAbsent(view.instanceId(), k -> new HashMap<>()).put(view.objectName(), effective);
            }
        }
        return new CommonObjectSet(byElement, byInstance);
    }

    /** The mapping of {@code name} that runs on the instance: its own, else the organization's for its element. */
    public Optional<Effective> effective(long instanceId, String elementKey, String name) {
        Effective own = byInstance.getOrDefault(instanceId, Map.of()).get(name);
        return own != null ? Optional.of(own) : Optional.ofNullable(byElement.getOrDefault(elementKey, Map.of()).get(name));
    }

    /** Every common object the instance can use, by name. */
    public SortedMap<String, Effective> available(long instanceId, String elementKey) {
        SortedMap<String, Effective> available = new TreeMap<>(byElement.getOrDefault(elementKey, Map.of()));
        available.putAll(byInstance.getOrDefault(instanceId, Map.of()));
        return available;
    }
}
