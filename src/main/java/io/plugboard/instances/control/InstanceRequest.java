package io.plugboard.instances.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a caller may set on an instance, from {@code POST /instances} or a PUT/PATCH. Everything
 * else in a body ({@code id}, {@code token}, {@code user}, {@code valid}, ...) has no place here and
 * is ignored: the caller cannot assign them. Build one with {@link #builder()}: most requests set
 * a few fields and leave the rest null.
 *
 * @param elementKeyOrId         the element; for an update, ignored
 * @param providerData           the OAuth callback's values (code, or oauth_token/oauth_verifier/secret)
 * @param externalAuthentication "none" (default) or "initial" (import tokens given in the configuration)
 */
public record InstanceRequest(String elementKeyOrId, Map<String, String> providerData, Map<String, String> configuration,
                              List<String> tags, String name, String externalAuthentication, Boolean eventsEnabled,
                              Boolean traceLoggingEnabled, Boolean cachingEnabled, Integer maxCacheSize,
                              Integer cacheTimeToLive) {

    public Map<String, String> providerDataOrEmpty() {
        return providerData == null ? Map.of() : providerData;
    }

    public Map<String, String> configurationOrEmpty() {
        return configuration == null ? Map.of() : configuration;
    }

    public boolean importsTokens() {
        return "initial".equalsIgnoreCase(externalAuthentication);
    }

    /** Longest name, tag or configuration key the database stores (VARCHAR(255)). */
    static final int MAX_TEXT = 255;
    /** Longest configuration value, in UTF-8 bytes: fits the plain column and, encrypted, the secret one. */
    static final int MAX_VALUE_BYTES = 10_000;

    /**
     * What in this request is longer than the hub stores, so it is refused with a 400 that names
     * it instead of failing in the database; empty when everything fits.
     */
    public Optional<String> oversized() {
        if (name != null && name.length() > MAX_TEXT) {
            return Optional.of("name is longer than " + MAX_TEXT + " characters.");
        }
        for (String tag : tags == null ? List.<String>of() : tags) {
            if (tag != null && tag.length() > MAX_TEXT) {
                return Optional.of("A tag is longer than " + MAX_TEXT + " characters.");
            }
        }
        for (Map.Entry<String, String> entry : configurationOrEmpty().entrySet()) {
            if (entry.getKey().length() > MAX_TEXT) {
                return Optional.of("A configuration key is longer than " + MAX_TEXT + " characters.");
            }
            Optional<String> value = oversizedValue(entry.getKey(), entry.getValue());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The same limit for one configuration value, e.g. from {@code PATCH /instances/{id}/configuration/{configId}}. */
    public static Optional<String> oversizedValue(String key, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return Optional.of("The value of " + key + " is longer than " + MAX_VALUE_BYTES + " bytes.");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "InstanceRequest[element=" + elementKeyOrId + ", name=" + name + "]";
    }

    /** A request that sets only what the caller names; every field left out stays unset (null). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Names each field it sets, so a request that changes two fields does not pass nine nulls in
     * the right order.
     */
    public static final class Builder {
        private String elementKeyOrId;
        private Map<String, String> providerData;
        private Map<String, String> configuration;
        private List<String> tags;
        private String name;
        private String externalAuthentication;
        private Boolean eventsEnabled;
        private Boolean traceLoggingEnabled;
        private Boolean cachingEnabled;
        private Integer maxCacheSize;
        private Integer cacheTimeToLive;

        private Builder() {
        }

        public Builder element(String keyOrId) {
            this.elementKeyOrId = keyOrId;
            return this;
        }

        public Builder providerData(Map<String, String> providerData) {
            this.providerData = providerData;
            return this;
        }

        public Builder configuration(Map<String, String> configuration) {
            this.configuration = configuration;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder externalAuthentication(String externalAuthentication) {
            this.externalAuthentication = externalAuthentication;
            return this;
        }

        public Builder eventsEnabled(Boolean eventsEnabled) {
            this.eventsEnabled = eventsEnabled;
            return this;
        }

        public Builder traceLoggingEnabled(Boolean traceLoggingEnabled) {
            this.traceLoggingEnabled = traceLoggingEnabled;
            return this;
        }

        public Builder cachingEnabled(Boolean cachingEnabled) {
            this.cachingEnabled = cachingEnabled;
            return this;
        }

        public Builder maxCacheSize(Integer maxCacheSize) {
            this.maxCacheSize = maxCacheSize;
            return this;
        }

        public Builder cacheTimeToLive(Integer cacheTimeToLive) {
            this.cacheTimeToLive = cacheTimeToLive;
            return this;
        }

        public InstanceRequest build() {
            return new InstanceRequest(elementKeyOrId, providerData, configuration, tags, name, externalAuthentication,
                    eventsEnabled, traceLoggingEnabled, cachingEnabled, maxCacheSize, cacheTimeToLive);
        }
    }
}
