package io.plugboard.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plugboard.tokens.control.CredentialCipher.Sealed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    static final String K1 = EncryptionKeysTest.key(1);
    static final String K2 = EncryptionKeysTest.key(2);
    static final String CONTEXT = "instance/42/oauth.user.token";

    static EncryptionKeys keys(String current, String previous) {
        return EncryptionKeysTest.keys(current, previous, null, null);
    }

    static CredentialCipher cipher(EncryptionKeys keys) {
        CredentialCipher cipher = new CredentialCipher();
        cipher.keys = keys;
        return cipher;
    }

    @Test
    void roundTrip() {
        CredentialCipher cipher = cipher(keys(K1, null));
        Sealed sealed = cipher.encrypt("access-token-value", CONTEXT);
        assertEquals("access-token-value", cipher.decrypt(sealed, CONTEXT));
    }

    @Test
    void emptyPlaintextRoundTrips() {
        CredentialCipher cipher = cipher(keys(K1, null));
        assertEquals("", cipher.decrypt(cipher.encrypt("", CONTEXT), CONTEXT));
    }

    @Test
    void nonAsciiPlaintextSurvives() {
        CredentialCipher cipher = cipher(keys(K1, null));
        String text = "Grüße – 日本語 🔑 ñ";
        assertEquals(text, cipher.decrypt(cipher.encrypt(text, CONTEXT), CONTEXT));
    }

    @Test
    void nonAsciiContextIsAuthenticated() {
        CredentialCipher cipher = cipher(keys(K1, null));
        Sealed sealed = cipher.encrypt("v", "instance/ü");
        assertEquals("v", cipher.decrypt(sealed, "instance/ü"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "instance/u"));
    }

    @Test
    void ciphertextLayoutIsIvPlusTextPlusTag() {
        CredentialCipher cipher = cipher(keys(K1, null));
        String plaintext = "0123456789";
        Sealed sealed = cipher.encrypt(plaintext, CONTEXT);
        byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
        assertEquals(12 + plaintext.getBytes(StandardCharsets.UTF_8).length + 16, raw.length);
    }

    @Test
    void encryptionsDifferAndCarryKeyId() {
        EncryptionKeys keys = keys(K1, null);
        CredentialCipher cipher = cipher(keys);
        Sealed a = cipher.encrypt("same text", CONTEXT);
        Sealed b = cipher.encrypt("same text", CONTEXT);
        assertNotEquals(a.ciphertext(), b.ciphertext());
        byte[] ivA = java.util.Arrays.copyOf(Base64.getDecoder().decode(a.ciphertext()), 12);
        byte[] ivB = java.util.Arrays.copyOf(Base64.getDecoder().decode(b.ciphertext()), 12);
        assertFalse(java.util.Arrays.equals(ivA, ivB), "each encryption needs a fresh IV");
        assertEquals(keys.current().id(), a.keyId());
        assertEquals(keys.current().id(), b.keyId());
        assertFalse(a.ciphertext().contains("same text"));
    }

    @Test
    void manyEncryptionsNeverRepeatAnIv() {
        CredentialCipher cipher = cipher(keys(K1, null));
        Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            byte[] raw = Base64.getDecoder().decode(cipher.encrypt("x", CONTEXT).ciphertext());
            assertTrue(ivs.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 12))));
        }
    }

    @Test
    void otherContextFailsIntegrity() {
        CredentialCipher cipher = cipher(keys(K1, null));
        Sealed sealed = cipher.encrypt("secret", "instance/42/oauth.user.token");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(sealed, "instance/43/oauth.user.token"));
        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "instance/42/oauth.user.refresh_token"));
    }

    @Test
    void flippedCiphertextByteFails() {
        CredentialCipher cipher = cipher(keys(K1, null));
        Sealed sealed = cipher.encrypt("secret value", CONTEXT);
        byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
        for (int position : new int[] {0, 11, 12, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[position] ^= 0x01;
            Sealed bad = new Sealed(sealed.keyId(), Base64.getEncoder().encodeToString(tampered));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher.decrypt(bad, CONTEXT),
                    "flipping byte " + position);
            assertTrue(e.getMessage().contains("integrity"), e.getMessage());
        }
    }

    @Test
    void wrongKeyWithSameIdFailsIntegrity() {
        // A ciphertext claiming K1's id, but made under K2 (e.g. an id collision or a swapped key).
        Sealed underK2 = cipher(keys(K2, null)).encrypt("secret", CONTEXT);
        String k1Id = keys(K1, null).current().id();
        CredentialCipher cipher = cipher(keys(K1, null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(new Sealed(k1Id, underK2.ciphertext()), CONTEXT));
        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
    }

    @Test
    void previousKeyStillDecryptsAfterRotation() {
        CredentialCipher old = cipher(keys(K1, null));
        Sealed underK1 = old.encrypt("old secret", CONTEXT);

        EncryptionKeys rotated = keys(K2, K1);
        CredentialCipher cipher = cipher(rotated);
        assertEquals("old secret", cipher.decrypt(underK1, CONTEXT));
        assertTrue(cipher.needsRotation(underK1));

        Sealed fresh = cipher.encrypt("new secret", CONTEXT);
        assertEquals(rotated.current().id(), fresh.keyId());
        assertNotEquals(underK1.keyId(), fresh.keyId());
        assertFalse(cipher.needsRotation(fresh));
        assertEquals("new secret", cipher.decrypt(fresh, CONTEXT));
    }

    @Test
    void needsRotationFalseBeforeKeyChange() {
        CredentialCipher cipher = cipher(keys(K1, null));
        assertFalse(cipher.needsRotation(cipher.encrypt("s", CONTEXT)));
    }

    @Test
    void droppedKeyFailsNamingTheKeyId() {
        Sealed underK1 = cipher(keys(K1, null)).encrypt("secret", CONTEXT);
        CredentialCipher cipher = cipher(keys(K2, null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher.decrypt(underK1, CONTEXT));
        assertTrue(e.getMessage().contains(underK1.keyId()), e.getMessage());
        assertFalse(e.getMessage().contains(K1), e.getMessage());
    }

    @Test
    void unknownKeyIdFailsNamingIt() {
        CredentialCipher cipher = cipher(keys(K1, null));
        Sealed sealed = cipher.encrypt("secret", CONTEXT);
        Sealed unknown = new Sealed("deadbeefdeadbeef", sealed.ciphertext());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher.decrypt(unknown, CONTEXT));
        assertTrue(e.getMessage().contains("deadbeefdeadbeef"), e.getMessage());
    }

    @Test
    void sealedToStringHasNoCiphertext() {
        CredentialCipher cipher = cipher(keys(K1, null));
        Sealed sealed = cipher.encrypt("secret", CONTEXT);
        String text = sealed.toString();
        assertFalse(text.contains(sealed.ciphertext()), text);
        assertTrue(text.contains(sealed.keyId()), text);
        assertEquals("Sealed[" + sealed.keyId() + "]", text);
    }

    @Test
    void currentKeyFailureSurfacesOnEncrypt() {
        CredentialCipher cipher = cipher(EncryptionKeysTest.keys(null, null, "jdbc:postgresql://db/x", null));
        assertThrows(IllegalStateException.class, () -> cipher.encrypt("s", CONTEXT));
    }

    @Test
    void keysWithOptionalEmptyAreNotUsedAcrossInstances() {
        // Sanity: two ciphers with different current keys cannot read each other's output.
        Sealed a = cipher(keys(K1, null)).encrypt("s", CONTEXT);
        assertThrows(IllegalStateException.class, () -> cipher(keys(K2, null)).decrypt(a, CONTEXT));
        assertEquals(Optional.empty(), keys(K2, null).byId(a.keyId()));
    }
}
