package io.plugboard.proxy.control.where;

import io.plugboard.elements.entity.ElementDefinition.ParameterDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;
import io.plugboard.platform.control.Outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code where} parameter of a hub call, as the resource mapper takes it: translated into the
 * provider's query parameters before the call, never passed on as it is. A resource without a
 * where mapping refuses it (a provider that got {@code where=...} would ignore it and answer
 * everything). A provider parameter that the query sets as well, directly or through a renamed
 * resource parameter, is refused too: which of the two the provider read would be a guess. A
 * resource parameter's default gives way to where.
 */
public final class WhereQuery {

    /** The query parameter, as Cloud Elements names it. */
    public static final String PARAMETER = "where";

    private WhereQuery() {
    }

    /**
     * The provider's query parameters for the call's {@code where} values (none when it has none).
     *
     * @param resource the matched resource
     * @param where    the values of the call's {@code where} parameter, null or empty when absent
     * @param query    the call's other query parameters, by the hub's names
     */
    public static Outcome<Map<String, List<String>>> vendorParameters(ResourceDefinition resource, List<String> where,
                                                                      Map<String, List<String>> query) {
        if (where == null || where.isEmpty()) {
            return Outcome.success(Map.of());
        }
        if (where.size() > 1) {
            return Outcome.invalid("where: the query has " + where.size()
                    + " where parameters; give one, its conditions joined with 'and'");
        }
        return WhereTranslator.translate(resource.path(), resource.where(), where.get(0))
                .flatMap(parameters -> unambiguous(resource, parameters, query));
    }

    private static Outcome<Map<String, List<String>>> unambiguous(ResourceDefinition resource, Map<String, List<String>> parameters,
                                                                  Map<String, List<String>> query) {
        Map<String, String> setByQuery = new LinkedHashMap<>();
        List<ParameterDefinition> definitions = resource.parameters() == null ? List.of() : resource.parameters();
        for (String name : query.keySet()) {
            ParameterDefinition defined = definitions.stream()
                    .filter(p -> p != null && name.equals(p.name()) && "query".equals(p.type()))
                    .findFirst().orElse(null);
            if (defined == null) {
                setByQuery.put(name, name);
            } else if ("query".equals(defined.vendorType())) {
                setByQuery.put(defined.vendorName(), name);
            }
        }
        for (String vendorName : parameters.keySet()) {
            String queryName = setByQuery.get(vendorName);
            if (queryName != null) {
                return Outcome.invalid("where: the provider's parameter " + vendorName + " is set both by where and by the query"
                        + " parameter " + queryName + "; give it once");
            }
        }
        return Outcome.success(parameters);
    }
}
