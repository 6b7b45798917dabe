package io.plugboard.instances.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An instance's values in plain maps: the vault without keys or ciphers. */
class MemoryVault extends InstanceVault {

    final Map<Instance, Map<String, String>> values = new IdentityHashMap<>();

    Map<String, String> of(Instance instance) {
        return values.computeIfAbsent(instance, i -> new LinkedHashMap<>());
    }

    @Override
    public void put(Instance instance, ElementDefinition element, String key, String value) {
        of(instance).put(key, value);
    }

    @Override
    public Optional<String> get(Instance instance, String key) {
        return Optional.ofNullable(of(instance).get(key));
    }

    @Override
    public Map<String, String> plaintext(Instance instance) {
        return new LinkedHashMap<>(of(instance));
    }

    @Override
    public Map<String, String> effective(Instance instance, ElementDefinition element) {
        Map<String, String> effective = new LinkedHashMap<>();
        element.configuration().forEach(d -> effective.put(d.key(), d.defaultValue()));
        effective.putAll(of(instance));
        return effective;
    }
}
