package io.plugboard.instances.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One user's authenticated connection to a provider through an element. Holds the instance token
 * (digest for lookup, ciphertext so its owner can read it back), the configuration with the
 * encrypted credentials, and the credential lifecycle: expiry, when a refresh or verification is
 * due, and the failures that made it invalid. The version column makes concurrent writers of one
 * instance conflict instead of overwriting each other.
 */
@Entity
@EntityListeners(InstanceChangeListener.class)
@Table(name = "instance")
public class Instance {

    @Id
    @SequenceGenerator(name = "instance_seq", sequenceName = "instance_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_seq")
    private Long id;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "element_id", nullable = false)
    private long elementId;

    @Column(name = "element_key", nullable = false)
    private String elementKey;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_digest", nullable = false, unique = true)
    private String tokenDigest;

    @Column(name = "token_ciphertext", nullable = false)
    private String tokenCiphertext;

    @Column(name = "token_key_id", nullable = false)
    private String tokenKeyId;

    @Column(nullable = false)
    private boolean disabled;

    @Column(nullable = false)
    private boolean valid = true;

    @Column(name = "external_authentication", nullable = false)
    private String externalAuthentication = "none";

    @Column(name = "events_enabled", nullable = false)
    private boolean eventsEnabled;

    @Column(name = "trace_logging_enabled", nullable = false)
    private boolean traceLoggingEnabled;

    @Column(name = "caching_enabled", nullable = false)
    private boolean cachingEnabled;

    @Column(name = "max_cache_size", nullable = false)
    private int maxCacheSize;

    @Column(name = "cache_time_to_live", nullable = false)
    private int cacheTimeToLive;

    @Column(name = "token_expires_at")
    private OffsetDateTime tokenExpiresAt;

    @Column(name = "refresh_due_at")
    private OffsetDateTime refreshDueAt;

    @Column(name = "verification_due_at")
    private OffsetDateTime verificationDueAt;

    @Column(name = "last_refreshed_at")
    private OffsetDateTime lastRefreshedAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "last_error_at")
    private OffsetDateTime lastErrorAt;

    @Column(name = "consecutive_failures", nullable = false)
    private int consecutiveFailures;

    @Column(name = "retry_not_before")
    private OffsetDateTime retryNotBefore;

    @Column(name = "created_date", nullable = false)
    private OffsetDateTime createdDate;

    @Column(name = "updated_date", nullable = false)
    private OffsetDateTime updatedDate;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "instance_tag", joinColumns = @JoinColumn(name = "instance_id"))
    @Column(name = "tag")
    private Set<String> tags = new LinkedHashSet<>();

    @OneToMany(mappedBy = "instance", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("id")
    private List<InstanceConfigurationEntry> configuration = new ArrayList<>();

    protected Instance() {
    }

    public Instance(long organizationId, long userId, long elementId, String elementKey, String name,
                    String tokenDigest, String tokenKeyId, String tokenCiphertext, OffsetDateTime now) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.elementId = elementId;
        this.elementKey = elementKey;
        this.name = name;
        this.tokenDigest = tokenDigest;
        this.tokenKeyId = tokenKeyId;
        this.tokenCiphertext = tokenCiphertext;
        this.createdDate = now;
        this.updatedDate = now;
    }

    public Optional<InstanceConfigurationEntry> entry(String key) {
        return configuration.stream().filter(e -> e.getKey().equals(key)).findFirst();
    }

    /** Adds or replaces one configuration entry in place, so its id survives updates. */
    public InstanceConfigurationEntry entryFor(String key) {
        return entry(key).orElseGet(() -> {
            InstanceConfigurationEntry created = new InstanceConfigurationEntry(this, key);
            configuration.add(created);
            return created;
        });
    }

    public void removeEntry(String key) {
        configuration.removeIf(e -> e.getKey().equals(key));
    }

    /** Credentials were obtained or renewed: the instance is healthy again. */
    public void credentialsRenewed(OffsetDateTime now, OffsetDateTime expiresAt, OffsetDateTime refreshDue,
                                   OffsetDateTime verificationDue) {
        this.tokenExpiresAt = expiresAt;
        this.refreshDueAt = refreshDue;
        this.verificationDueAt = verificationDue;
        this.lastRefreshedAt = now;
        this.valid = true;
        this.consecutiveFailures = 0;
        this.retryNotBefore = null;
        this.lastError = null;
        this.updatedDate = now;
    }

    /** A refresh or verification failed; {@code retryAt} null means: not until re-authenticated. */
    public void credentialFailure(OffsetDateTime now, String error, boolean invalidate, OffsetDateTime retryAt) {
        this.consecutiveFailures++;
        this.lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        this.lastErrorAt = now;
        this.retryNotBefore = retryAt;
        if (invalidate) {
            this.valid = false;
        }
        this.updatedDate = now;
    }

    /** Nothing more to try until someone re-authenticates. */
    public void stopCredentialSchedule() {
        this.refreshDueAt = null;
        this.verificationDueAt = null;
        this.retryNotBefore = null;
    }

    public void rescheduleVerification(OffsetDateTime at) {
        this.verificationDueAt = at;
    }

    public void verified(OffsetDateTime now, OffsetDateTime nextVerification) {
        this.verificationDueAt = nextVerification;
        this.valid = true;
        this.consecutiveFailures = 0;
        this.lastError = null;
        this.retryNotBefore = null;
        this.updatedDate = now;
    }

    public void touch(OffsetDateTime now) {
        this.updatedDate = now;
    }

    public Long getId() {
        return id;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public long getUserId() {
        return userId;
    }

    public long getElementId() {
        return elementId;
    }

    public String getElementKey() {
        return elementKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTokenDigest() {
        return tokenDigest;
    }

    public String getTokenCiphertext() {
        return tokenCiphertext;
    }

    public String getTokenKeyId() {
        return tokenKeyId;
    }

    public void reencryptToken(String keyId, String ciphertext) {
        this.tokenKeyId = keyId;
        this.tokenCiphertext = ciphertext;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public boolean isValid() {
        return valid;
    }

    public String getExternalAuthentication() {
        return externalAuthentication;
    }

    public void setExternalAuthentication(String externalAuthentication) {
        this.externalAuthentication = externalAuthentication;
    }

    public boolean isEventsEnabled() {
        return eventsEnabled;
    }

    public void setEventsEnabled(boolean eventsEnabled) {
        this.eventsEnabled = eventsEnabled;
    }

    public boolean isTraceLoggingEnabled() {
        return traceLoggingEnabled;
    }

    public void setTraceLoggingEnabled(boolean traceLoggingEnabled) {
        this.traceLoggingEnabled = traceLoggingEnabled;
    }

    public boolean isCachingEnabled() {
        return cachingEnabled;
    }

    public void setCachingEnabled(boolean cachingEnabled) {
        this.cachingEnabled = cachingEnabled;
    }

    public int getMaxCacheSize() {
        return maxCacheSize;
    }

    public void setMaxCacheSize(int maxCacheSize) {
        this.maxCacheSize = maxCacheSize;
    }

    public int getCacheTimeToLive() {
        return cacheTimeToLive;
    }

    public void setCacheTimeToLive(int cacheTimeToLive) {
        this.cacheTimeToLive = cacheTimeToLive;
    }

    public OffsetDateTime getTokenExpiresAt() {
        return tokenExpiresAt;
    }

    public OffsetDateTime getRefreshDueAt() {
        return refreshDueAt;
    }

    public OffsetDateTime getVerificationDueAt() {
        return verificationDueAt;
    }

    public OffsetDateTime getLastRefreshedAt() {
        return lastRefreshedAt;
    }

    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getLastErrorAt() {
        return lastErrorAt;
    }

    public int getConsecutiveFailures() {
        return consecutiveFailures;
    }

    public OffsetDateTime getRetryNotBefore() {
        return retryNotBefore;
    }

    public OffsetDateTime getCreatedDate() {
        return createdDate;
    }

    public OffsetDateTime getUpdatedDate() {
        return updatedDate;
    }

    public long getVersion() {
        return version;
    }

    public Set<String> getTags() {
        return tags;
    }

    public void replaceTags(List<String> newTags) {
        tags.clear();
        newTags.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).forEach(tags::add);
    }

    public List<InstanceConfigurationEntry> getConfiguration() {
        return configuration;
    }
}
