package io.plugboard.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM encryption of credentials at rest, through the JCA. Each write gets a fresh 96-bit
 * IV; the key id travels with the ciphertext so old rows stay readable after a rotation. The
 * {@code context} (e.g. "instance 42 oauth.user.token") is authenticated data: a ciphertext copied
 * into another row or field fails to decrypt instead of handing over another instance's token.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EncryptionKeys keys;

    /** A ciphertext and the id of the key that made it. */
    public record Sealed(String keyId, String ciphertext) {
        @Override
        public String toString() {
            return "Sealed[" + keyId + "]";
        }
    }

    public Sealed encrypt(String plaintext, String context) {
        EncryptionKeys.Key key = keys.current();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return new Sealed(key.id(), Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    public String decrypt(Sealed sealed, String context) {
        EncryptionKeys.Key key = keys.byId(sealed.keyId()).orElseThrow(() -> new IllegalStateException(
                "A credential is encrypted with key " + sealed.keyId() + ", which is not configured"));
        byte[] in = Base64.getDecoder().decode(sealed.ciphertext());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A credential failed its integrity check (tampered, or moved from another row)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** True when the ciphertext is not under the current key and should be re-encrypted. */
    public boolean needsRotation(Sealed sealed) {
        return !keys.current().id().equals(sealed.keyId());
    }
}
