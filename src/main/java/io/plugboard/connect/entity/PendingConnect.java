package io.plugboard.connect.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A hosted connect between {@code /oauth/connect} and the provider's callback. The callback comes
 * from the user's browser without credentials, so this row is what it acts on: who started the
 * connect (organization and user, recorded from the authenticated start), for which element, with
 * which instance settings, and where to send the user back.
 *
 * <p>In the database rather than in memory, so any node of a cluster can take the callback. The
 * instance settings (which may hold the client secret), the PKCE verifier and the OAuth 1.0a
 * request-token secret are encrypted with the credential key; they are wiped when the callback
 * claims the row, and {@code used} is then set for good, so a replayed callback finds it spent.
 */
@Entity
@Table(name = "pending_connect")
public class PendingConnect {

    /** Which dance the connect runs. */
    public enum Flow {
        OAUTH1, OAUTH2
    }

    @Id
    private String id;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "element_key", nullable = false)
    private String elementKey;

    @Column(nullable = false)
    private String flow;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    @Column(name = "request_ciphertext")
    private String requestCiphertext;

    @Column(name = "verifier_ciphertext")
    private String verifierCiphertext;

    @Column(name = "request_token_digest")
    private String requestTokenDigest;

    @Column(name = "request_token_ciphertext")
    private String requestTokenCiphertext;

    @Column(name = "session_hash", nullable = false)
    private String sessionHash;

    @Column(name = "return_url", nullable = false)
    private String returnUrl;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(nullable = false)
    private boolean used;

    @Column(name = "launch_digest")
    private String launchDigest;

    @Column(name = "launch_ciphertext")
    private String launchCiphertext;

    @Column(nullable = false)
    private boolean launched;

    @Column(name = "instance_id")
    private Long instanceId;

    protected PendingConnect() {
    }

    public PendingConnect(String id, long organizationId, long userId, String elementKey, Flow flow, String keyId,
                          String requestCiphertext, String sessionHash, String returnUrl,
                          OffsetDateTime createdAt, OffsetDateTime expiresAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.userId = userId;
        this.elementKey = elementKey;
        this.flow = flow.name();
        this.keyId = keyId;
        this.requestCiphertext = requestCiphertext;
        this.sessionHash = sessionHash;
        this.returnUrl = returnUrl;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** OAuth2 with PKCE: the encrypted code verifier (under the row's key). */
    public void setVerifierCiphertext(String verifierCiphertext) {
        this.verifierCiphertext = verifierCiphertext;
    }

    /** OAuth 1.0a: the request token's digest and its encrypted secret (under the row's key). */
    public void setRequestToken(String requestTokenDigest, String requestTokenCiphertext) {
        this.requestTokenDigest = requestTokenDigest;
        this.requestTokenCiphertext = requestTokenCiphertext;
    }

    /** Started by an application's server: the launch link's token digest and what it hands the browser (encrypted). */
    public void setLaunch(String launchDigest, String launchCiphertext) {
        this.launchDigest = launchDigest;
        this.launchCiphertext = launchCiphertext;
    }

    /** Re-authenticates this existing instance in place instead of provisioning a new one. */
    public void setInstanceId(Long instanceId) {
        this.instanceId = instanceId;
    }

    /** The launch link was opened: it cannot be opened again, and what it handed over is gone. */
    public void markLaunched() {
        this.launched = true;
        this.launchCiphertext = null;
    }

    /** Spends the row: it can never be claimed again, and its secrets are gone. */
    public void markUsed() {
        this.used = true;
        this.requestCiphertext = null;
        this.verifierCiphertext = null;
        this.requestTokenCiphertext = null;
        this.launchCiphertext = null;
    }

    public String getId() {
        return id;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public long getUserId() {
        return userId;
    }

    public String getElementKey() {
        return elementKey;
    }

    public Flow getFlow() {
        return Flow.valueOf(flow);
    }

    public String getKeyId() {
        return keyId;
    }

    public String getRequestCiphertext() {
        return requestCiphertext;
    }

    public String getVerifierCiphertext() {
        return verifierCiphertext;
    }

    public String getRequestTokenDigest() {
        return requestTokenDigest;
    }

    public String getRequestTokenCiphertext() {
        return requestTokenCiphertext;
    }

    public String getSessionHash() {
        return sessionHash;
    }

    public String getReturnUrl() {
        return returnUrl;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public boolean isUsed() {
        return used;
    }

    public String getLaunchDigest() {
        return launchDigest;
    }

    public String getLaunchCiphertext() {
        return launchCiphertext;
    }

    public boolean isLaunched() {
        return launched;
    }

    public Long getInstanceId() {
        return instanceId;
    }
}
