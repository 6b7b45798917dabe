package io.plugboard.elements.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.elements.entity.ElementDefinition.Paging;
import io.plugboard.elements.entity.ElementDefinition.ParameterDefinition;
import io.plugboard.elements.entity.ElementDefinition.ResourceDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes an element definition usable, checked the same way for shipped files, operator
 * files and {@code POST /elements} bodies. Mirrors {@code elements/element.schema.json} (which
 * the build checks the shipped files against) plus the rules a schema cannot state. Answers every
 * problem at once so an author fixes a file in one pass.
 */
public final class ElementRules {

    private static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,99}$");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> PARAMETER_PLACES = Set.of("query", "path", "body", "header");
    private static final Pattern PATH_PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");
    /** RFC 6901: "" or "/"-separated tokens in which "~" only escapes "0" or "1". */
    private static final Pattern JSON_POINTER = Pattern.compile("^(/([^~]|~[01])*)*$");
    /** The hub's own paging parameters on a paged list. */
    private static final Set<String> HUB_PAGING_PARAMETERS = Set.of("pageSize", "nextPage");
    /** The OAuth 2.0 grant an element uses, and the one that needs no authorization URL. */
    private static final String GRANT_TYPE = "oauth.grant.type";
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private ElementRules() {
    }

    public static List<String> problems(ElementDefinition element) {
        List<String> problems = new ArrayList<>();
        if (isBlank(element.name())) {
            problems.add("name is required");
        }
        if (element.key() == null || !KEY.matcher(element.key()).matches()) {
            problems.add("key is required: lower-case letters, digits, '-' and '_' (at most 100)");
        }
        if (element.aliases() != null) {
            element.aliases().stream()
                    .filter(alias -> alias == null || !KEY.matcher(alias).matches())
                    .forEach(alias -> problems.add("alias '" + alias + "' is not a valid key"));
        }
        if (element.authentication() == null || element.authentication().kind().isEmpty()) {
            problems.add("authentication.type is required: one of oauth1, oauth2, basic, apiKey, custom");
        }
        if (isBlank(element.hub())) {
            problems.add("hub is required");
        }
        Set<String> configKeys = new HashSet<>();
        List<ConfigurationDefinition> configuration = element.configuration() == null ? List.of() : element.configuration();
        for (ConfigurationDefinition entry : configuration) {
            if (entry == null || isBlank(entry.key())) {
                problems.add("every configuration entry needs a key");
            } else if (!configKeys.add(entry.key())) {
                problems.add("configuration key '" + entry.key() + "' appears twice");
            }
        }
        for (ConfigurationDefinition entry : configuration) {
            if (entry == null || entry.defaultValue() == null) {
                continue;
            }
            for (String placeholder : ConfigTemplates.placeholders(entry.defaultValue())) {
                if (!configKeys.contains(placeholder)) {
                    problems.add("configuration '" + entry.key() + "' refers to {" + placeholder
                            + "}, which is not a configuration key of this element");
                }
            }
        }
        problems.addAll(OAuthEntries.problems(configuration, configKeys));
        element.authenticationType().ifPresent(type -> requiredOAuthEntries(type).stream()
                .filter(key -> !configKeys.contains(key))
                .filter(key -> !(key.equals("oauth.authorization.url") && grantsClientCredentials(configuration)))
                .forEach(key -> problems.add(type.wireName() + " elements need the configuration entry " + key)));
        if (element.resources() != null) {
            element.resources().forEach(resource -> checkResource(resource, problems));
        }
        problems.addAll(authenticationEntryProblems(configuration));
        return problems;
    }

    /** A client-credentials element has no user to send anywhere, so it needs no authorization URL. */
    private static boolean grantsClientCredentials(List<ConfigurationDefinition> configuration) {
        return configuration.stream().anyMatch(entry -> entry != null && GRANT_TYPE.equals(entry.key())
                && CLIENT_CREDENTIALS.equals(entry.defaultValue()));
    }

    /** How an element's credentials are checked: {@code GET} (the default) or {@code POST} with {@code verification.body}. */
    public static final String VERIFICATION_METHOD = "verification.method";
    /** The JSON body of a {@code POST} verification (an API whose every call is a POST: GraphQL, RPC styles). */
    public static final String VERIFICATION_BODY = "verification.body";

    /**
     * The defaults of {@code oauth.grant.type}, {@code verification.method} and
     * {@code provider.headers}, which the hub reads on every connection or call.
     */
    private static List<String> authenticationEntryProblems(List<ConfigurationDefinition> configuration) {
        List<String> problems = new ArrayList<>();
        for (ConfigurationDefinition entry : configuration) {
            if (entry == null || entry.defaultValue() == null) {
                continue;
            }
            if (GRANT_TYPE.equals(entry.key()) && !Set.of("authorization_code", CLIENT_CREDENTIALS).contains(entry.defaultValue())) {
                problems.add("configuration '" + GRANT_TYPE + "' must be authorization_code or " + CLIENT_CREDENTIALS);
            }
            if (VERIFICATION_METHOD.equals(entry.key()) && !Set.of("GET", "POST").contains(entry.defaultValue().strip())) {
                problems.add("configuration '" + VERIFICATION_METHOD + "' must be GET or POST");
            }
            if (ProviderHeaders.KEY.equals(entry.key())) {
                ProviderHeaders.problems(entry.defaultValue())
                        .forEach(problem -> problems.add("configuration '" + ProviderHeaders.KEY + "': " + problem));
            }
        }
        return problems;
    }

    private static List<String> requiredOAuthEntries(AuthenticationType type) {
        return switch (type) {
            case OAUTH1 -> List.of("oauth.request.url", "oauth.authorization.url", "oauth.token.url");
            case OAUTH2 -> List.of("oauth.authorization.url", "oauth.token.url");
            default -> List.of();
        };
    }

    private static void checkResource(ResourceDefinition resource, List<String> problems) {
        if (resource == null) {
            problems.add("resources must not contain null");
            return;
        }
        String where = "resource " + resource.method() + " " + resource.path();
        if (resource.path() == null || !resource.path().startsWith("/")) {
            problems.add(where + ": path must start with /");
        }
        if (resource.vendorPath() == null || !resource.vendorPath().startsWith("/")) {
            problems.add(where + ": vendorPath must start with /");
        }
        if (!oneOf(METHODS, resource.method()) || !oneOf(METHODS, resource.vendorMethod())) {
            problems.add(where + ": method and vendorMethod must be one of " + METHODS);
        }
        List<ParameterDefinition> parameters = resource.parameters() == null ? List.of() : resource.parameters();
        for (ParameterDefinition parameter : parameters) {
            if (parameter == null || isBlank(parameter.name()) || isBlank(parameter.vendorName())
                    || !oneOf(PARAMETER_PLACES, parameter.type()) || !oneOf(PARAMETER_PLACES, parameter.vendorType())) {
                problems.add(where + ": every parameter needs name, vendorName, and type/vendorType of query, path, body or header");
            }
        }
        checkList(resource, where, parameters, problems);
        WhereRules.check(resource, where, problems);
        if (resource.path() != null) {
            var matcher = PATH_PLACEHOLDER.matcher(resource.path());
            while (matcher.find()) {
                String name = matcher.group(1);
                boolean mapped = parameters.stream().anyMatch(p -> p != null && name.equals(p.name()) && "path".equals(p.type()));
                if (!mapped) {
                    problems.add(where + ": path parameter {" + name + "} has no parameter of type path");
                }
            }
        }
    }

    /**
     * A list's data: GET only (a write answers one object), a known paging type with the fields
     * it needs, valid JSON pointers, and no parameter that would take the hub's paging out of
     * its hands ({@code pageSize}/{@code nextPage} defined as ordinary parameters, or a default
     * on the vendor's own paging parameters, which would pin every call to one page).
     */
    private static void checkList(ResourceDefinition resource, String where, List<ParameterDefinition> parameters,
                                  List<String> problems) {
        Paging paging = resource.paging();
        if ((paging != null || resource.root() != null || resource.itemRoot() != null) && !"GET".equals(resource.method())) {
            problems.add(where + ": paging, root and itemRoot describe lists, which only GET resources answer");
        }
        if (resource.root() != null && !JSON_POINTER.matcher(resource.root()).matches()) {
            problems.add(where + ": root must be a JSON pointer such as /items (\"\" for the answer itself)");
        }
        if (resource.itemRoot() != null && !JSON_POINTER.matcher(resource.itemRoot()).matches()) {
            problems.add(where + ": itemRoot must be a JSON pointer such as /data");
        }
        if (paging == null) {
            return;
        }
        if (!oneOf(Set.copyOf(Paging.TYPES), paging.type())) {
            problems.add(where + ": paging.type must be one of " + Paging.TYPES);
            return;
        }
        boolean positioned = List.of(Paging.OFFSET, Paging.PAGE, Paging.CURSOR).contains(paging.type());
        boolean pointed = List.of(Paging.CURSOR, Paging.NEXT_URL).contains(paging.type());
        if (positioned && isBlank(paging.pageParameter())) {
            problems.add(where + ": paging.type " + paging.type() + " needs pageParameter, the vendor's "
                    + (Paging.CURSOR.equals(paging.type()) ? "cursor" : paging.type()) + " parameter");
        }
        if (!positioned && paging.pageParameter() != null) {
            problems.add(where + ": paging.type " + paging.type() + " takes no pageParameter: the vendor's URL says where the next page is");
        }
        if (paging.first() != null && !List.of(Paging.OFFSET, Paging.PAGE).contains(paging.type())) {
            problems.add(where + ": paging.first only applies to offset and page paging");
        }
        if (paging.first() != null && paging.first() < 0) {
            problems.add(where + ": paging.first must not be negative");
        }
        if (pointed && (paging.next() == null || paging.next().isEmpty() || !JSON_POINTER.matcher(paging.next()).matches())) {
            problems.add(where + ": paging.type " + paging.type() + " needs next, a JSON pointer to the next page's "
                    + (Paging.CURSOR.equals(paging.type()) ? "cursor" : "URL") + " in the answer");
        }
        if (!pointed && paging.next() != null) {
            problems.add(where + ": paging.next only applies to cursor and nextUrl paging");
        }
        if ((paging.sizeParameter() == null) != (paging.maxPageSize() == null)) {
            problems.add(where + ": paging.sizeParameter and paging.maxPageSize come together");
        }
        if (paging.sizeParameter() != null && paging.sizeParameter().isBlank()) {
            problems.add(where + ": paging.sizeParameter must not be blank");
        }
        if (paging.maxPageSize() != null && paging.maxPageSize() < 1) {
            problems.add(where + ": paging.maxPageSize must be at least 1");
        }
        if (paging.defaultPageSize() != null && (paging.sizeParameter() == null || paging.defaultPageSize() < 1
                || (paging.maxPageSize() != null && paging.defaultPageSize() > paging.maxPageSize()))) {
            problems.add(where + ": paging.defaultPageSize needs sizeParameter and lies between 1 and maxPageSize");
        }
        Set<String> vendorPaging = new HashSet<>();
        if (paging.pageParameter() != null) {
            vendorPaging.add(paging.pageParameter());
        }
        if (paging.sizeParameter() != null) {
            vendorPaging.add(paging.sizeParameter());
        }
        for (ParameterDefinition parameter : parameters) {
            if (parameter == null) {
                continue;
            }
            if ("query".equals(parameter.type()) && HUB_PAGING_PARAMETERS.contains(parameter.name())) {
                problems.add(where + ": parameter " + parameter.name() + " is the hub's own on a paged list; leave it out");
            }
            if (parameter.defaultValue() != null && "query".equals(parameter.vendorType())
                    && vendorPaging.contains(parameter.vendorName())) {
                problems.add(where + ": parameter " + parameter.name() + " has a default for the vendor's paging parameter "
                        + parameter.vendorName() + ", which would pin every call to one page");
            }
        }
    }

    /** Set.of(...) rejects contains(null); an absent value is simply not one of the allowed. */
    private static boolean oneOf(Set<String> allowed, String value) {
        return value != null && allowed.contains(value);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
