package io.plugboard.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerSecretsTest {

    private static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_OF_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void generatedSecretIs43UrlSafeCharactersOf32Bytes() {
        for (int i = 0; i < 200; i++) {
            String secret = BearerSecrets.generate();
            assertEquals(43, secret.length(), secret);
            assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), secret);
            assertEquals(32, Base64.getUrlDecoder().decode(secret).length);
        }
    }

    @Test
    void generatedSecretsAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(BearerSecrets.generate()), "a secret repeated after " + i + " calls");
        }
    }

    @Test
    void digestIsSha256InLowercaseHex() {
        assertEquals(SHA256_OF_ABC, BearerSecrets.digest("abc"));
        assertEquals(SHA256_OF_EMPTY, BearerSecrets.digest(""));
    }

    @Test
    void digestHasTheStoredShape() {
        String digest = BearerSecrets.digest(BearerSecrets.generate());
        assertEquals(64, digest.length());
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);
    }

    @Test
    void digestIsStable() {
        String secret = BearerSecrets.generate();
        assertEquals(BearerSecrets.digest(secret), BearerSecrets.digest(secret));
    }

    @Test
    void digestDependsOnEveryCharacter() {
        assertNotEquals(BearerSecrets.digest("abc"), BearerSecrets.digest("abd"));
        assertNotEquals(BearerSecrets.digest("abc"), BearerSecrets.digest("ABC"));
    }

    @Test
    void digestHashesTheUtf8Bytes() {
        // SHA-256 of c3 a9, the UTF-8 encoding of "\u00e9" (ISO-8859-1 would hash the single byte e9).
        assertEquals("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", BearerSecrets.digest("\u00e9"));
    }

    @Test
    void matchesTheDigestOfTheSameSecret() {
        String secret = BearerSecrets.generate();
        assertTrue(BearerSecrets.matches(secret, BearerSecrets.digest(secret)));
        assertTrue(BearerSecrets.matches("abc", SHA256_OF_ABC));
    }

    @Test
    void doesNotMatchAnotherSecret() {
        String digest = BearerSecrets.digest(BearerSecrets.generate());
        assertFalse(BearerSecrets.matches(BearerSecrets.generate(), digest));
        assertFalse(BearerSecrets.matches("abd", SHA256_OF_ABC));
    }

    @Test
    void theDigestItselfIsNotAccepted() {
        assertFalse(BearerSecrets.matches(SHA256_OF_ABC, SHA256_OF_ABC));
    }

    @Test
    void storedDigestMustBeExact() {
        assertFalse(BearerSecrets.matches("abc", SHA256_OF_ABC.toUpperCase(Locale.ROOT)));
        assertFalse(BearerSecrets.matches("abc", SHA256_OF_ABC.substring(0, 63)));
        assertFalse(BearerSecrets.matches("abc", SHA256_OF_ABC + "0"));
        assertFalse(BearerSecrets.matches("abc", ""));
    }

    @Test
    void nullsNeverMatch() {
        assertFalse(BearerSecrets.matches(null, SHA256_OF_ABC));
        assertFalse(BearerSecrets.matches("abc", null));
        assertFalse(BearerSecrets.matches(null, null));
    }
}
