package io.plugboard.platform.control;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Every static method of {@code jakarta.json.Json} calls
 * {@link JsonProvider#provider()}, which in jakarta.json-api 2.1 runs a {@code ServiceLoader}
 * lookup each time: a scan of every jar of the web application for a service file, under the class
 * loader's and the jars' locks. On a path taken hundreds of times a second (an inbound webhook
 * builds a dozen JSON values) request threads queue on those locks while holding their database
 * connection; the events benchmark (bench/events.sh) showed most request threads blocked there.
 * Use {@link #JSON} where {@code Json.createX(...)} would be called on a hot path; it is the same
 * provider, and providers are thread-safe.
 */
public final class JsonProviders {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {
    }
}
