package io.plugboard.elements.entity;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbTransient;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An element (connector) as data: exactly the JSON of {@code GET /elements/{key}}, which is also
 * the format of the shipped definition files, of the operator's override files and of
 * {@code POST /elements}. Keeping one shape everywhere is what lets an operator copy an element
 * from the API, edit it and drop it in {@code PLUGBOARD_ELEMENTS_DIR}.
 *
 * <p>A value, not a JPA entity; private elements are persisted as this JSON by
 * {@link PrivateElementRecord}.
 */
public record ElementDefinition(
        Long id,
        String name,
        String key,
        List<String> aliases,
        String description,
        String image,
        Boolean active,
        Boolean deleted,
        Boolean typeOauth,
        Boolean trialAccount,
        String configDescription,
        String signupURL,
        Boolean transformationsEnabled,
        Boolean bulkDownloadEnabled,
        Boolean bulkUploadEnabled,
        Boolean cloneable,
        Authentication authentication,
        String hub,
        List<ParameterDefinition> parameters,
        List<ConfigurationDefinition> configuration,
        List<ResourceDefinition> resources,
        Events events) {

    /** The configuration key that holds an instance's poller configuration (JSON). */
    public static final String POLLER_CONFIGURATION_KEY = "event.poller.configuration";

    /** {@code {"type": "oauth2"}}: what the hub branches on, never the provider's name. */
    public record Authentication(String type) {
        public Optional<AuthenticationType> kind() {
            return AuthenticationType.fromWire(type);
        }
    }

    /** One entry an instance may or must set. {@code defaultValue} may be a template such as {@code {store.url}/api/rest}. */
    public record ConfigurationDefinition(String key, String name, String description, String type,
                                          Boolean required, Boolean hidden, String defaultValue) {
        public static final String PASSWORD_TYPE = "PASSWORD";

        @JsonbTransient
        public boolean isRequired() {
            return Boolean.TRUE.equals(required);
        }

        @JsonbTransient
        public boolean isSecret() {
            return PASSWORD_TYPE.equals(type);
        }

        public ConfigurationDefinition withDefaultValue(String value) {
            return new ConfigurationDefinition(key, name, description, type, required, hidden, value);
        }
    }

    /**
     * An operation of the element: the hub's {@code method path} mapped to the vendor's.
     * {@code where} says which conditions of the query language the resource can pass on and how
     * (absent: the resource takes no {@code where}).
     *
     * @param paging   how the vendor pages this list (absent: it does not, or the hub does not page it)
     * @param root     JSON pointer to the list in the vendor's answer ({@code ""} or absent: the answer
     *                 is the list); an array, or an object keyed by id whose values are the records
     * @param itemRoot JSON pointer to the record inside each entry of the list, for vendors that wrap
     *                 every record ({@code {"data": {...}, "meta": {...}}}); absent: the entry is the record
     */
    public record ResourceDefinition(String path, String method, String vendorPath, String vendorMethod,
                                     String description, List<ParameterDefinition> parameters, WhereMapping where,
                                     Paging paging, String root, String itemRoot) {

        /** JSON-B's constructor: with a second constructor declared, Yasson needs to be told. */
        @JsonbCreator
        public ResourceDefinition {
        }

        /** A resource without a {@code where} mapping or list data. */
        public ResourceDefinition(String path, String method, String vendorPath, String vendorMethod,
                                  String description, List<ParameterDefinition> parameters) {
            this(path, method, vendorPath, vendorMethod, description, parameters, null, null, null, null);
        }

        /**
         * A list the hub answers as a plain JSON array: a GET with paging or root data. Any other
         * resource keeps the streaming passthrough.
         */
        @JsonbTransient
        public boolean isList() {
            return "GET".equalsIgnoreCase(method) && (paging != null || root != null);
        }
    }

    /**
     * How a vendor pages a list, as data, so the hub can offer the same {@code pageSize} and
     * {@code nextPage} for every element:
     * <ul>
     *   <li>{@code offset}: {@code pageParameter} counts records from {@code first} (default 0);</li>
     *   <li>{@code page}: {@code pageParameter} numbers pages from {@code first} (default 1);</li>
     *   <li>{@code cursor}: the answer holds the next page's cursor at the JSON pointer
     *       {@code next}, sent back as {@code pageParameter};</li>
     *   <li>{@code nextUrl}: the answer holds the next page's URL at the JSON pointer {@code next};</li>
     *   <li>{@code link}: the answer's RFC 8288 {@code Link} header has the {@code rel="next"} URL.</li>
     * </ul>
     *
     * @param sizeParameter   the vendor's page-size query parameter (absent: its page size is fixed)
     * @param maxPageSize     the largest page the vendor serves; a larger {@code pageSize} is capped to it
     * @param defaultPageSize the page size asked for when the caller gives none (absent: {@code maxPageSize})
     */
    public record Paging(String type, String pageParameter, Long first, String next, String sizeParameter,
                         Integer maxPageSize, Integer defaultPageSize) {
        public static final String OFFSET = "offset";
        public static final String PAGE = "page";
        public static final String CURSOR = "cursor";
        public static final String NEXT_URL = "nextUrl";
        public static final String LINK = "link";
        public static final List<String> TYPES = List.of(OFFSET, PAGE, CURSOR, NEXT_URL, LINK);

        /** Where numbering starts: {@code first}, else 1 for pages and 0 for offsets. */
        @JsonbTransient
        public long firstPosition() {
            return first != null ? first : PAGE.equals(type) ? 1 : 0;
        }

        /** The page size asked for when the caller gives none; empty when the vendor takes none. */
        @JsonbTransient
        public Optional<Integer> pageSizeByDefault() {
            if (sizeParameter == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(defaultPageSize != null ? defaultPageSize : maxPageSize);
        }
    }

    public record ParameterDefinition(String name, String vendorName, String type, String vendorType,
                                      String dataType, Boolean required, String description, String defaultValue) {
    }

    /**
     * What the element can tell an application about changes at the provider, as data: whether
     * the hub polls ({@code polling}, with a default poller configuration per resource) or the
     * provider pushes ({@code webhook}, with how a webhook finds its instances, how its signature
     * is checked and where its changes sit in the payload). See docs/events.md.
     */
    public record Events(Boolean supported, List<String> methods, JsonObject polling, Webhook webhook) {
        public static final String POLLING = "polling";
        public static final String WEBHOOK = "webhook";

        @JsonbTransient
        public boolean supports(String method) {
            return !Boolean.FALSE.equals(supported) && methods != null && methods.contains(method);
        }
    }

    /**
     * A provider's webhooks into {@code /events/{elementKey}}.
     *
     * @param methods   the HTTP methods the provider uses ({@code POST} when absent)
     * @param routing   how the instance is found: {@code path} (base64 instance id in the path),
     *                  {@code header} ({@code Element-Instances: id[,id...]}), {@code payload}
     *                  (a payload value equal to an instance configuration value, see {@code finder})
     * @param finder    for {@code payload} routing
     * @param signature the provider's own signature over the raw body, when it signs
     * @param changes   where the changes sit in the payload
     */
    public record Webhook(List<String> methods, List<String> routing, Finder finder, Signature signature,
                          Changes changes) {
    }

    /** A JSON pointer into the payload (a JSON body, or form or query parameters as an object of strings) and the instance configuration key its value must equal. */
    public record Finder(String pointer, String configurationKey) {
    }

    /**
     * A provider's webhook signature: {@code header} holds {@code prefix + encoding(HMAC(secret, raw body))}
     * where the secret is the instance configuration value of {@code configurationKey}.
     * {@code algorithm} is a JCA MAC name ({@code HmacSHA256}, {@code HmacSHA1}); {@code encoding} is
     * {@code hex} or {@code base64}.
     */
    public record Signature(String header, String algorithm, String encoding, String prefix, String configurationKey) {
    }

    /**
     * Where a webhook's changes are: {@code list} points at an array of changes (absent: the payload
     * is one change); the other pointers are relative to one change. {@code objectType} is a
     * pointer, or {@code objectTypeValue} a fixed name; {@code eventTypes} maps the provider's
     * words to CREATED, UPDATED, DELETED (anything else is UNKNOWN).
     */
    public record Changes(String list, String objectType, String objectTypeValue, String objectId, String eventType,
                          java.util.Map<String, String> eventTypes, String date) {
    }

    /** The same element with every optional part filled in, as the API answers it. */
    public ElementDefinition normalized() {
        return new ElementDefinition(id, name, key, listOrEmpty(aliases), description, image,
                orDefault(active, true), orDefault(deleted, false), orDefault(typeOauth, false),
                orDefault(trialAccount, false), configDescription, signupURL,
                orDefault(transformationsEnabled, false), orDefault(bulkDownloadEnabled, false),
                orDefault(bulkUploadEnabled, false), orDefault(cloneable, false), authentication, hub,
                listOrEmpty(parameters), withPollerDefault(listOrEmpty(configuration), events), listOrEmpty(resources), events);
    }

    public ElementDefinition withId(Long newId) {
        return new ElementDefinition(newId, name, key, aliases, description, image, active, deleted, typeOauth,
                trialAccount, configDescription, signupURL, transformationsEnabled, bulkDownloadEnabled,
                bulkUploadEnabled, cloneable, authentication, hub, parameters, configuration, resources, events);
    }

    public ElementDefinition withActive(boolean isActive) {
        return new ElementDefinition(id, name, key, aliases, description, image, isActive, deleted, typeOauth,
                trialAccount, configDescription, signupURL, transformationsEnabled, bulkDownloadEnabled,
                bulkUploadEnabled, cloneable, authentication, hub, parameters, configuration, resources, events);
    }

    public ElementDefinition withConfiguration(List<ConfigurationDefinition> entries) {
        return new ElementDefinition(id, name, key, aliases, description, image, active, deleted, typeOauth,
                trialAccount, configDescription, signupURL, transformationsEnabled, bulkDownloadEnabled,
                bulkUploadEnabled, cloneable, authentication, hub, parameters, entries, resources, events);
    }

    /** True when {@code keyOrId} is this element's key, one of its aliases, or its numeric id. */
    public boolean answersTo(String keyOrId) {
        return Objects.equals(key, keyOrId)
                || (aliases != null && aliases.contains(keyOrId))
                || (id != null && id.toString().equals(keyOrId));
    }

    public Optional<ConfigurationDefinition> configurationEntry(String configKey) {
        return listOrEmpty(configuration).stream().filter(c -> configKey.equals(c.key())).findFirst();
    }

    /** The element's default for a configuration key (possibly a template), if it has one. */
    public Optional<String> defaultValue(String configKey) {
        return configurationEntry(configKey).map(ConfigurationDefinition::defaultValue);
    }

    public Optional<AuthenticationType> authenticationType() {
        return authentication == null ? Optional.empty() : authentication.kind();
    }

    /**
     * The element's default poller configuration is also its {@code event.poller.configuration}
     * configuration entry's default, which is where Cloud Elements applications read it and where
     * an instance's own value overrides it.
     */
    private static List<ConfigurationDefinition> withPollerDefault(List<ConfigurationDefinition> entries, Events events) {
        if (events == null || events.polling() == null
                || entries.stream().anyMatch(c -> POLLER_CONFIGURATION_KEY.equals(c.key()))) {
            return entries;
        }
        List<ConfigurationDefinition> withDefault = new java.util.ArrayList<>(entries);
        withDefault.add(new ConfigurationDefinition(POLLER_CONFIGURATION_KEY, "Poller Configuration",
                "What the hub polls for events: per resource, the hub URL with date placeholders, the id field and the date fields.",
                "TEXTAREA", false, false, events.polling().toString()));
        return List.copyOf(withDefault);
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
