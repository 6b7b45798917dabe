package io.plugboard.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceConfigurationEntry;
import io.plugboard.tokens.control.CredentialCipher;
import io.plugboard.tokens.control.CredentialCipher.Sealed;
import io.plugboard.tokens.control.EncryptionKeys;
import java.lang.reflect.Field;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstanceVaultTest {

    static final String K1 = key(1);
    static final String K2 = key(2);
    static final OffsetDateTime NOW = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    static final List<String> RESERVED = List.of("oauth.api.secret", "oauth.user.token", "oauth.user.refresh_token",
            "oauth.user.token.secret", "password", "api.key");

    static final ElementDefinition ELEMENT = new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null, true,
            false, false, false, null, null, false, false, false, false, new Authentication("custom"), "crm", List.of(),
            List.of(new ConfigurationDefinition("custom.secret", "Custom secret", "a secret", "PASSWORD", true, false, null),
                    new ConfigurationDefinition("base.url", "Base URL", "plain", "TEXTFIELD_1000", true, false, null)),
            List.of(), null);

    EncryptionKeys keys;
    InstanceVault vault;
    Instance instance;

    static String key(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 13 + i * 5 + 1);
        }
        return Base64.getEncoder().encodeToString(b);
    }

    /** The injected fields are package-private in another package: set them as CDI would, by reflection. */
    static void inject(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot set " + field, e);
        }
    }

    static EncryptionKeys keys(String current, String previous) {
        EncryptionKeys keys = new EncryptionKeys();
        inject(keys, "configuredKey", Optional.of(current));
        inject(keys, "previousKeys", Optional.ofNullable(previous));
        inject(keys, "databaseUrl", Optional.empty());
        inject(keys, "dataDirectory", "/nonexistent/plugboard-test-must-not-be-used");
        return keys;
    }

    static InstanceVault vault(EncryptionKeys keys) {
        CredentialCipher cipher = new CredentialCipher();
        inject(cipher, "keys", keys);
        InstanceVault vault = new InstanceVault();
        vault.cipher = cipher;
        return vault;
    }

    static Instance instance(long id) throws Exception {
        Instance instance = new Instance(1L, 2L, 7L, "sample", "My instance", "digest-" + id, "kid", "ct", NOW);
        Field field = Instance.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(instance, id);
        return instance;
    }

    /** Points the vault's cipher at other keys (a restart with a rotated configuration). */
    void switchKeys(EncryptionKeys newKeys) {
        vault.cipher = vault(newKeys).cipher;
        keys = newKeys;
    }

    @BeforeEach
    void setUp() throws Exception {
        keys = keys(K1, null);
        vault = vault(keys);
        instance = instance(42L);
    }

    @Test
    void reservedKeysAreSecretWhateverTheElementSays() {
        for (String key : RESERVED) {
            assertTrue(InstanceVault.isSecret(key, ELEMENT), key);
        }
        assertTrue(InstanceVault.isSecret("event.notification.signature.key", ELEMENT));
        assertTrue(InstanceVault.isSecret("custom.secret", ELEMENT));
        assertFalse(InstanceVault.isSecret("base.url", ELEMENT));
        assertFalse(InstanceVault.isSecret("unknown.key", ELEMENT));
        assertFalse(InstanceVault.isSecret("oauth.api.key", ELEMENT), "the client id is not a secret");
    }

    @Test
    void reservedAndPasswordKeysAreStoredAsCiphertext() {
        List<String> secrets = new java.util.ArrayList<>(RESERVED);
        secrets.add("custom.secret");
        for (String key : secrets) {
            String plaintext = "plain-" + key + "-value";
            vault.put(instance, ELEMENT, key, plaintext);
            InstanceConfigurationEntry entry = instance.entry(key).orElseThrow();
            assertTrue(entry.isSecret(), key);
            assertNull(entry.getPlainValue(), key);
            assertFalse(entry.getSecretCiphertext().contains(plaintext), key);
            assertFalse(new String(Base64.getDecoder().decode(entry.getSecretCiphertext()),
                    java.nio.charset.StandardCharsets.ISO_8859_1).contains(plaintext), key);
            assertEquals(keys.current().id(), entry.getKeyId(), key);
            assertEquals(Optional.of(plaintext), vault.get(instance, key), key);
        }
    }

    @Test
    void plainKeysAreStoredAsText() {
        vault.put(instance, ELEMENT, "base.url", "https://api.example.com");
        vault.put(instance, ELEMENT, "extra.key", "extra");
        InstanceConfigurationEntry entry = instance.entry("base.url").orElseThrow();
        assertFalse(entry.isSecret());
        assertEquals("https://api.example.com", entry.getPlainValue());
        assertNull(entry.getSecretCiphertext());
        assertNull(entry.getKeyId());
        assertEquals(Optional.of("https://api.example.com"), vault.get(instance, "base.url"));
        assertEquals(Optional.of("extra"), vault.get(instance, "extra.key"));
    }

    @Test
    void getOfAbsentKeyIsEmpty() {
        assertTrue(vault.get(instance, "nothing").isEmpty());
    }

    @Test
    void plaintextAndMaskedViews() {
        vault.put(instance, ELEMENT, "base.url", "https://api.example.com");
        vault.put(instance, ELEMENT, "oauth.user.token", "tok-123");
        vault.put(instance, ELEMENT, "custom.secret", "s3cr3t");
        vault.put(instance, ELEMENT, "label", null);

        Map<String, String> plain = vault.plaintext(instance);
        assertEquals(List.of("base.url", "oauth.user.token", "custom.secret", "label"), List.copyOf(plain.keySet()));
        assertEquals("https://api.example.com", plain.get("base.url"));
        assertEquals("tok-123", plain.get("oauth.user.token"));
        assertEquals("s3cr3t", plain.get("custom.secret"));
        assertNull(plain.get("label"));

        Map<String, String> masked = vault.masked(instance);
        assertEquals(plain.keySet(), masked.keySet());
        assertEquals("https://api.example.com", masked.get("base.url"));
        assertEquals("********", masked.get("oauth.user.token"));
        assertEquals("********", masked.get("custom.secret"));
        assertEquals(InstanceVault.MASK, masked.get("custom.secret"));
        assertNull(masked.get("label"));
        assertFalse(masked.containsValue("tok-123"));
        assertFalse(masked.containsValue("s3cr3t"));
    }

    @Test
    void nullSecretIsStoredAsPlainNull() {
        vault.put(instance, ELEMENT, "oauth.user.token", null);
        InstanceConfigurationEntry entry = instance.entry("oauth.user.token").orElseThrow();
        assertFalse(entry.isSecret());
        assertNull(entry.getPlainValue());
        assertNull(entry.getSecretCiphertext());
        assertNull(entry.getKeyId());
        assertEquals(Optional.empty(), vault.get(instance, "oauth.user.token"), "Optional.map of a null value is empty");
    }

    @Test
    void nullSecretClearsAnEarlierCiphertext() {
        vault.put(instance, ELEMENT, "custom.secret", "s3cr3t");
        vault.put(instance, ELEMENT, "custom.secret", null);
        InstanceConfigurationEntry entry = instance.entry("custom.secret").orElseThrow();
        assertFalse(entry.isSecret());
        assertNull(entry.getSecretCiphertext());
        assertNull(entry.getKeyId());
        assertEquals(1, instance.getConfiguration().size());
    }

    @Test
    void putReplacesInPlace() {
        vault.put(instance, ELEMENT, "custom.secret", "first");
        InstanceConfigurationEntry entry = instance.entry("custom.secret").orElseThrow();
        vault.put(instance, ELEMENT, "custom.secret", "second");
        assertEquals(1, instance.getConfiguration().size());
        assertTrue(entry == instance.entry("custom.secret").orElseThrow());
        assertEquals(Optional.of("second"), vault.get(instance, "custom.secret"));
    }

    @Test
    void ciphertextIsBoundToInstanceAndKey() throws Exception {
        vault.put(instance, ELEMENT, "oauth.user.token", "tok-123");
        InstanceConfigurationEntry source = instance.entry("oauth.user.token").orElseThrow();

        Instance other = instance(43L);
        other.entryFor("oauth.user.token").setSecret(source.getKeyId(), source.getSecretCiphertext());
        assertThrows(IllegalStateException.class, () -> vault.get(other, "oauth.user.token"));

        instance.entryFor("oauth.user.refresh_token").setSecret(source.getKeyId(), source.getSecretCiphertext());
        assertThrows(IllegalStateException.class, () -> vault.get(instance, "oauth.user.refresh_token"));
        assertEquals(Optional.of("tok-123"), vault.get(instance, "oauth.user.token"));
    }

    @Test
    void nullIdInstanceStillRoundTrips() {
        Instance fresh = new Instance(1L, 2L, 7L, "sample", "n", "d", "k", "c", NOW);
        vault.put(fresh, ELEMENT, "password", "pw");
        assertEquals(Optional.of("pw"), vault.get(fresh, "password"));
    }

    @Test
    void rotateReencryptsUnderCurrentKey() {
        vault.put(instance, ELEMENT, "oauth.user.token", "tok-123");
        InstanceConfigurationEntry entry = instance.entry("oauth.user.token").orElseThrow();
        String oldKeyId = entry.getKeyId();
        String oldCiphertext = entry.getSecretCiphertext();

        switchKeys(keys(K2, K1));
        assertEquals(Optional.of("tok-123"), vault.get(instance, "oauth.user.token"), "still readable before rotation");
        assertTrue(vault.rotate(instance, entry));
        assertEquals(keys.current().id(), entry.getKeyId());
        assertNotEquals(oldKeyId, entry.getKeyId());
        assertNotEquals(oldCiphertext, entry.getSecretCiphertext());
        assertTrue(entry.isSecret());
        assertNull(entry.getPlainValue());
        assertEquals(Optional.of("tok-123"), vault.get(instance, "oauth.user.token"));

        assertFalse(vault.rotate(instance, entry), "already under the current key");

        switchKeys(keys(K2, null));
        assertEquals(Optional.of("tok-123"), vault.get(instance, "oauth.user.token"), "readable without the old key");
    }

    @Test
    void rotateIsFalseWhenAlreadyCurrent() {
        vault.put(instance, ELEMENT, "custom.secret", "s");
        InstanceConfigurationEntry entry = instance.entry("custom.secret").orElseThrow();
        String ciphertext = entry.getSecretCiphertext();
        assertFalse(vault.rotate(instance, entry));
        assertEquals(ciphertext, entry.getSecretCiphertext(), "nothing rewritten");
    }

    @Test
    void rotateIgnoresPlainEntries() {
        vault.put(instance, ELEMENT, "base.url", "https://x");
        InstanceConfigurationEntry entry = instance.entry("base.url").orElseThrow();
        switchKeys(keys(K2, K1));
        assertFalse(vault.rotate(instance, entry));
        assertEquals("https://x", entry.getPlainValue());
        assertFalse(entry.isSecret());
    }

    @Test
    void tokenRoundTrip() {
        Sealed sealed = vault.sealToken("instance-token-abc", "digest-of-token");
        assertEquals(keys.current().id(), sealed.keyId());
        assertFalse(sealed.ciphertext().contains("instance-token-abc"));
        Instance withToken = new Instance(1L, 2L, 7L, "sample", "n", "digest-of-token", sealed.keyId(),
                sealed.ciphertext(), NOW);
        assertEquals("instance-token-abc", vault.token(withToken));
    }

    @Test
    void tokenIsBoundToItsDigest() {
        Sealed sealed = vault.sealToken("instance-token-abc", "digest-A");
        Instance moved = new Instance(1L, 2L, 7L, "sample", "n", "digest-B", sealed.keyId(), sealed.ciphertext(), NOW);
        assertThrows(IllegalStateException.class, () -> vault.token(moved));
    }

    @Test
    void tokenContextDiffersFromConfigurationContext() throws Exception {
        // A token sealed for digest "x" must not open as a configuration value, and vice versa.
        vault.put(instance, ELEMENT, "password", "pw");
        InstanceConfigurationEntry entry = instance.entry("password").orElseThrow();
        Instance asToken = new Instance(1L, 2L, 7L, "sample", "n", "42/password", entry.getKeyId(),
                entry.getSecretCiphertext(), NOW);
        assertThrows(IllegalStateException.class, () -> vault.token(asToken));
    }

    @Test
    void rotateTokenReencryptsUnderCurrentKey() {
        Sealed sealed = vault.sealToken("instance-token-abc", "digest-of-token");
        Instance withToken = new Instance(1L, 2L, 7L, "sample", "n", "digest-of-token", sealed.keyId(),
                sealed.ciphertext(), NOW);
        assertFalse(vault.rotateToken(withToken), "already current");
        assertEquals(sealed.ciphertext(), withToken.getTokenCiphertext());

        switchKeys(keys(K2, K1));
        assertTrue(vault.rotateToken(withToken));
        assertEquals(keys.current().id(), withToken.getTokenKeyId());
        assertNotEquals(sealed.keyId(), withToken.getTokenKeyId());
        assertNotEquals(sealed.ciphertext(), withToken.getTokenCiphertext());
        assertEquals("digest-of-token", withToken.getTokenDigest());
        assertEquals("instance-token-abc", vault.token(withToken));
        assertFalse(vault.rotateToken(withToken));

        switchKeys(keys(K2, null));
        assertEquals("instance-token-abc", vault.token(withToken));
    }
}
