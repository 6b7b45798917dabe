package io.plugboard.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One try at delivering a {@link ProviderEvent} to the application's callback: when, what the
 * callback answered (or why it could not be reached) and how long it took. What an operator reads
 * when an application says it never got an event.
 */
@Entity
@Table(name = "event_delivery_attempt")
public class DeliveryAttempt {

    @Id
    @SequenceGenerator(name = "event_delivery_attempt_seq", sequenceName = "event_delivery_attempt_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_delivery_attempt_seq")
    private Long id;

    @Column(name = "event_id", nullable = false)
    private long eventId;

    @Column(nullable = false)
    private int attempt;

    @Column(name = "attempted_at", nullable = false)
    private OffsetDateTime attemptedAt;

    @Column(name = "status_code")
    private Integer statusCode;

    @Column
    private String error;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    protected DeliveryAttempt() {
    }

    public DeliveryAttempt(long eventId, int attempt, OffsetDateTime attemptedAt, Integer statusCode, String error,
                           long durationMs) {
        this.eventId = eventId;
        this.attempt = attempt;
        this.attemptedAt = attemptedAt;
        this.statusCode = statusCode;
        this.error = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        this.durationMs = durationMs;
    }

    public long getEventId() {
        return eventId;
    }

    public int getAttempt() {
        return attempt;
    }

    public OffsetDateTime getAttemptedAt() {
        return attemptedAt;
    }

    public Integer getStatusCode() {
        return statusCode;
    }

    public String getError() {
        return error;
    }

    public long getDurationMs() {
        return durationMs;
    }
}
