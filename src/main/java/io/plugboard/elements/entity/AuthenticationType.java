package io.plugboard.elements.entity;

import java.util.Arrays;
import java.util.Optional;

/** How an element authenticates; the one thing code may branch on (providers are data). */
public enum AuthenticationType {
    OAUTH1("oauth1"),
    OAUTH2("oauth2"),
    BASIC("basic"),
    API_KEY("apiKey"),
    CUSTOM("custom");

    private final String wireName;

    AuthenticationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AuthenticationType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(value)).findFirst();
    }
}
