package io.plugboard.oauth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An OAuth 1.0a request-token secret between step 1 and the instance's creation: the hub hands
 * it back through the callback (and finds it at provisioning) so the application need not keep
 * it. Found by the token's digest; the secret is encrypted; it expires within minutes.
 */
@Entity
@Table(name = "oauth_request_token")
public class PendingRequestToken {

    @Id
    @Column(name = "token_digest")
    private String tokenDigest;

    @Column(name = "secret_ciphertext", nullable = false)
    private String secretCiphertext;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    protected PendingRequestToken() {
    }

    public PendingRequestToken(String tokenDigest, String keyId, String secretCiphertext, OffsetDateTime expiresAt) {
        this.tokenDigest = tokenDigest;
        this.keyId = keyId;
        this.secretCiphertext = secretCiphertext;
        this.expiresAt = expiresAt;
    }

    public String getTokenDigest() {
        return tokenDigest;
    }

    public String getSecretCiphertext() {
        return secretCiphertext;
    }

    public String getKeyId() {
        return keyId;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public void reencrypt(String newKeyId, String ciphertext) {
        this.keyId = newKeyId;
        this.secretCiphertext = ciphertext;
    }
}
