package io.plugboard.console.control;

import io.plugboard.tokens.control.EncryptionKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The console session codec with this deployment's key and lifetimes. Every node must sign and
 * check with the same key, so it comes from the settings: {@code plugboard.console.session-key}
 * if set, otherwise derived from the credential encryption keys, which every node of a
 * deployment already shares (and must, to read each other's credentials). Derived keys follow
 * an encryption key rotation: cookies signed under a previous key stay valid while that key is
 * listed in {@code plugboard.encryption.keys-previous}.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** Enough key for HMAC-SHA256: 256 bits. */
    static final int MIN_KEY_BYTES = 32;

    @Inject
    EncryptionKeys encryptionKeys;

    @Inject
    @ConfigProperty(name = "plugboard.console.session-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "plugboard.console.session-idle-minutes", defaultValue = "30")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = "plugboard.console.session-max-hours", defaultValue = "12")
    int maximumHours;

    private volatile ConsoleSessionCodec codec;

    public ConsoleSessionCodec codec() {
        ConsoleSessionCodec c = codec;
        if (c == null) {
            synchronized (this) {
                if (codec == null) {
                    codec = create();
                }
                c = codec;
            }
        }
        return c;
    }

    private ConsoleSessionCodec create() {
        if (idleMinutes < 1 || maximumHours < 1) {
            throw new IllegalStateException("plugboard.console.session-idle-minutes and plugboard.console.session-max-hours"
                    + " must be at least 1");
        }
        Duration idle = Duration.ofMinutes(idleMinutes);
        Duration maximum = Duration.ofHours(maximumHours);
        Optional<String> explicit = configuredKey.map(String::strip).filter(k -> !k.isEmpty());
        if (explicit.isPresent()) {
            byte[] key = parse(explicit.get());
            return new ConsoleSessionCodec(key, List.of(key), idle, maximum, Clock.systemUTC());
        }
        byte[] current = ConsoleSessionCodec.deriveKey(encryptionKeys.current().secret().getEncoded());
        List<byte[]> all = new ArrayList<>();
        encryptionKeys.all().values().forEach(k -> all.add(ConsoleSessionCodec.deriveKey(k.secret().getEncoded())));
        return new ConsoleSessionCodec(current, all, idle, maximum, Clock.systemUTC());
    }

    /** The configured key: base64 of at least 32 bytes. The message names the setting, never the value. */
    static byte[] parse(String encoded) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PLUGBOARD_CONSOLE_SESSION_KEY is not valid base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("PLUGBOARD_CONSOLE_SESSION_KEY must be the base64 of at least "
                    + MIN_KEY_BYTES + " bytes, not " + key.length);
        }
        return key;
    }
}
