package io.plugboard.instances.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@link InstanceConfigurationRule} the deployment has, asked as one. Also where the
 * instance JSON's {@code eventsEnabled} and the configuration key {@code event.notification.enabled}
 * are made to say the same thing.
 */
@ApplicationScoped
public class ConfigurationRules {

    @Inject
    @Any
    Instance<InstanceConfigurationRule> rules;

    /** The new configuration itself when every rule accepts the change; else the first refusal. */
    public Outcome<Map<String, String>> check(ElementDefinition element, Map<String, String> before,
                                              Map<String, String> effective) {
        for (InstanceConfigurationRule rule : all()) {
            Optional<String> refusal = rule.refusal(element, before, effective);
            if (refusal.isPresent()) {
                return Outcome.invalid(refusal.get());
            }
        }
        return Outcome.success(effective);
    }

    void stored(InstanceConfigurationRule.StoredInstance instance) {
        all().forEach(rule -> rule.stored(instance));
    }

    /**
     * The effective configuration a request leads to, with the request's {@code eventsEnabled}
     * written as {@code event.notification.enabled} unless the request sets that key itself.
     */
    static Map<String, String> withEventsFlag(Map<String, String> effective, InstanceRequest request) {
        if (request.eventsEnabled() == null || request.configurationOrEmpty().containsKey(InstanceConfigurationRule.EVENTS_ENABLED_KEY)) {
            return effective;
        }
        Map<String, String> flagged = new LinkedHashMap<>(effective);
        flagged.put(InstanceConfigurationRule.EVENTS_ENABLED_KEY, String.valueOf(request.eventsEnabled()));
        return flagged;
    }

    static boolean eventsEnabled(Map<String, String> effective) {
        String flag = effective.get(InstanceConfigurationRule.EVENTS_ENABLED_KEY);
        return flag != null && Boolean.parseBoolean(flag.strip());
    }

    private List<InstanceConfigurationRule> all() {
        return rules == null ? List.of() : rules.stream().toList();
    }
}
