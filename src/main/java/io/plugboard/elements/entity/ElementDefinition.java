package io.plugboard.elements.entity;

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
        List<ResourceDefinition> resources) {

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

    /** An operation of the element: the hub's {@code method path} mapped to the vendor's. */
    public record ResourceDefinition(String path, String method, String vendorPath, String vendorMethod,
                                     String description, List<ParameterDefinition> parameters) {
    }

    public record ParameterDefinition(String name, String vendorName, String type, String vendorType,
                                      String dataType, Boolean required, String description, String defaultValue) {
    }

    /** The same element with every optional part filled in, as the API answers it. */
    public ElementDefinition normalized() {
        return new ElementDefinition(id, name, key, listOrEmpty(aliases), description, image,
                orDefault(active, true), orDefault(deleted, false), orDefault(typeOauth, false),
                orDefault(trialAccount, false), configDescription, signupURL,
                orDefault(transformationsEnabled, false), orDefault(bulkDownloadEnabled, false),
                orDefault(bulkUploadEnabled, false), orDefault(cloneable, false), authentication, hub,
                listOrEmpty(parameters), listOrEmpty(configuration), listOrEmpty(resources));
    }

    public ElementDefinition withId(Long newId) {
        return new ElementDefinition(newId, name, key, aliases, description, image, active, deleted, typeOauth,
                trialAccount, configDescription, signupURL, transformationsEnabled, bulkDownloadEnabled,
                bulkUploadEnabled, cloneable, authentication, hub, parameters, configuration, resources);
    }

    public ElementDefinition withActive(boolean isActive) {
        return new ElementDefinition(id, name, key, aliases, description, image, isActive, deleted, typeOauth,
                trialAccount, configDescription, signupURL, transformationsEnabled, bulkDownloadEnabled,
                bulkUploadEnabled, cloneable, authentication, hub, parameters, configuration, resources);
    }

    public ElementDefinition withConfiguration(List<ConfigurationDefinition> entries) {
        return new ElementDefinition(id, name, key, aliases, description, image, active, deleted, typeOauth,
                trialAccount, configDescription, signupURL, transformationsEnabled, bulkDownloadEnabled,
                bulkUploadEnabled, cloneable, authentication, hub, parameters, entries, resources);
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

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
