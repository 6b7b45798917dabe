package io.plugboard.instances.control;

import java.util.List;
import java.util.Map;

/**
 * What a caller may set on an instance, from {@code POST /instances} or a PUT/PATCH. Everything
 * else in a body ({@code id}, {@code token}, {@code user}, {@code valid}, ...) has no place here and
 * is ignored: the caller cannot assign them.
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

    @Override
    public String toString() {
        return "InstanceRequest[element=" + elementKeyOrId + ", name=" + name + "]";
    }
}
