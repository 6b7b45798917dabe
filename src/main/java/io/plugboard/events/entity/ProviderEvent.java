package io.plugboard.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One notification for the application: up to a batch of changes of one instance, the
 * provider's raw data they came from, and the state of their delivery to the instance's callback
 * URL. Stored before the provider is answered (webhooks) or in the same transaction that moves a
 * poller's window (polling), so a change once accepted is never lost; delivered at least once,
 * always with the same {@code eventId} and {@code Elements-Webhook-Id}.
 *
 * <p>{@code nextAttemptAt} is the delivery's claim: due when in the past, held by a node while in
 * the future (a lease), and NULL once the event is notified or queued.
 */
@Entity
@Table(name = "provider_event")
public class ProviderEvent {

    /** Where the changes came from. */
    public enum Origin { POLLING, WEBHOOK }

    /** RECEIVED: stored, not yet tried; DISPATCHED: tried, a retry is due; NOTIFIED: delivered; QUEUED: retries spent, waits for a redelivery. */
    public enum Status { RECEIVED, DISPATCHED, NOTIFIED, QUEUED }

    @Id
    @SequenceGenerator(name = "provider_event_seq", sequenceName = "provider_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "provider_event_seq")
    private Long id;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "instance_id", nullable = false)
    private long instanceId;

    @Column(name = "element_key", nullable = false)
    private String elementKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Origin origin;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "webhook_id", nullable = false)
    private String webhookId;

    @Column(nullable = false)
    private String changes;

    @Column
    private String raw;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected ProviderEvent() {
    }

    public ProviderEvent(long organizationId, long instanceId, String elementKey, Origin origin, String changes,
                         String raw, OffsetDateTime receivedAt) {
        this.organizationId = organizationId;
        this.instanceId = instanceId;
        this.elementKey = elementKey;
        this.origin = origin;
        this.status = Status.RECEIVED;
        this.webhookId = UUID.randomUUID().toString();
        this.changes = changes;
        this.raw = raw;
        this.attempts = 0;
        this.nextAttemptAt = receivedAt;
        this.receivedAt = receivedAt;
        this.updatedAt = receivedAt;
    }

    /** Taken by a node for delivery until {@code leaseEnd}; after that another node may take it. */
    public void claimUntil(OffsetDateTime leaseEnd) {
        nextAttemptAt = leaseEnd;
    }

    /** Whether a delivery outcome may still be recorded (not already notified or queued by another node). */
    public boolean awaitsDelivery() {
        return status == Status.RECEIVED || status == Status.DISPATCHED;
    }

    /** The callback answered with a 2xx: done for good. */
    public void notified(OffsetDateTime now) {
        attempts++;
        status = Status.NOTIFIED;
        nextAttemptAt = null;
        updatedAt = now;
    }

    /** The callback failed; {@code retryAt} is when to try again, or null when the retries are spent. */
    public void failed(OffsetDateTime now, OffsetDateTime retryAt) {
        attempts++;
        status = retryAt == null ? Status.QUEUED : Status.DISPATCHED;
        nextAttemptAt = retryAt;
        updatedAt = now;
    }

    /** A queued event goes out again now, with a fresh retry schedule. */
    public boolean redeliver(OffsetDateTime now) {
        if (status != Status.QUEUED) {
            return false;
        }
        status = Status.DISPATCHED;
        attempts = 0;
        nextAttemptAt = now;
        updatedAt = now;
        return true;
    }

    public Long getId() {
        return id;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public long getInstanceId() {
        return instanceId;
    }

    public String getElementKey() {
        return elementKey;
    }

    public Origin getOrigin() {
        return origin;
    }

    public Status getStatus() {
        return status;
    }

    public String getWebhookId() {
        return webhookId;
    }

    public String getChanges() {
        return changes;
    }

    public String getRaw() {
        return raw;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
