package io.plugboard.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The AES-256 keys that protect credentials at rest. The current key
 * ({@code PLUGBOARD_ENCRYPTION_KEY}) encrypts; it and the previous keys
 * ({@code PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS}) decrypt, so a key can be rotated without downtime.
 *
 * <p>On the embedded database with no key configured, a key is generated into the data directory
 * beside the database (a convenience for a single machine, announced with a warning). With an
 * external database the key must be configured: a generated key on one node would make every
 * other node's credentials unreadable.
 */
@ApplicationScoped
public class EncryptionKeys {

    static final String KEY_FILE = "encryption.key";
    private static final Logger LOG = Logger.getLogger(EncryptionKeys.class.getName());

    @Inject
    @ConfigProperty(name = "plugboard.encryption.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "plugboard.encryption.keys-previous")
    Optional<String> previousKeys;

    @Inject
    @ConfigProperty(name = "plugboard.db.url")
    Optional<String> databaseUrl;

    @Inject
    @ConfigProperty(name = "plugboard.data.dir", defaultValue = "data")
    String dataDirectory;

    private volatile Loaded loaded;

    /** The key id and key that new ciphertexts use. */
    public record Key(String id, SecretKey secret) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private record Loaded(Key current, Map<String, Key> byId) {
    }

    public Key current() {
        return load().current();
    }

    public Optional<Key> byId(String keyId) {
        return Optional.ofNullable(load().byId().get(keyId));
    }

    public Map<String, Key> all() {
        return Collections.unmodifiableMap(load().byId());
    }

    private Loaded load() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = read();
                }
                l = loaded;
            }
        }
        return l;
    }

    private Loaded read() {
        Key current = configuredKey.filter(k -> !k.isBlank())
                .map(k -> parse(k, "PLUGBOARD_ENCRYPTION_KEY"))
                .orElseGet(this::embeddedDefault);
        Map<String, Key> byId = new LinkedHashMap<>();
        byId.put(current.id(), current);
        previousKeys.filter(k -> !k.isBlank()).ifPresent(list -> {
            for (String encoded : list.split(",")) {
                if (!encoded.isBlank()) {
                    Key previous = parse(encoded.strip(), "PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS");
                    byId.putIfAbsent(previous.id(), previous);
                }
            }
        });
        LOG.info(() -> "Credential encryption: current key " + current.id() + ", " + (byId.size() - 1) + " previous key(s)");
        return new Loaded(current, byId);
    }

    private Key embeddedDefault() {
        // A server database may be shared by several nodes, which must all use one key. An H2 file
        // (the default, or an explicit jdbc:h2: URL) lives in the data directory beside the key file.
        if (databaseUrl.filter(u -> !u.isBlank() && !u.startsWith("jdbc:h2:")).isPresent()) {
            throw new IllegalStateException("PLUGBOARD_ENCRYPTION_KEY is required with a PostgreSQL PLUGBOARD_DB_URL: set it to the base64"
                    + " of 32 random bytes (e.g. `openssl rand -base64 32`), the same on every node");
        }
        Path file = Path.of(dataDirectory).toAbsolutePath().normalize().resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file).strip(), file.toString());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection applies.
            }
            LOG.warning(() -> "Generated a credential encryption key into " + file + ". Back it up with the database, or"
                    + " set PLUGBOARD_ENCRYPTION_KEY; without it the stored credentials cannot be read.");
            return parse(Base64.getEncoder().encodeToString(key), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the encryption key file " + file, e);
        }
    }

    /** Parses a base64 AES-256 key; the message names the setting, never the value. */
    static Key parse(String encoded, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be the base64 of exactly 32 bytes (AES-256), not " + bytes.length);
        }
        return new Key(keyId(bytes), new SecretKeySpec(bytes, "AES"));
    }

    /** A short public fingerprint of a key, stored with each ciphertext: it reveals nothing of the key. */
    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
