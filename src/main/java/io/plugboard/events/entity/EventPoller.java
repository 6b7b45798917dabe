package io.plugboard.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The polling state of one instance whose events come from polling: the end of the last window
 * read ({@code polledUntil}), when the next poll is due (also the claim: a node that takes a poll
 * moves it past a lease), and the last failure. {@code polledUntil} only moves in the transaction
 * that stores the window's events, so a crash between reading and storing reads the window again
 * and a restart skips nothing.
 */
@Entity
@Table(name = "event_poller")
public class EventPoller {

    @Id
    @Column(name = "instance_id")
    private long instanceId;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "polled_until", nullable = false)
    private OffsetDateTime polledUntil;

    @Column(name = "next_poll_at", nullable = false)
    private OffsetDateTime nextPollAt;

    @Column(name = "last_poll_at")
    private OffsetDateTime lastPollAt;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "last_error_at")
    private OffsetDateTime lastErrorAt;

    protected EventPoller() {
    }

    /** Starts polling from now: changes made before events were turned on are not reported. */
    public EventPoller(long instanceId, long organizationId, OffsetDateTime now) {
        this.instanceId = instanceId;
        this.organizationId = organizationId;
        this.polledUntil = now;
        this.nextPollAt = now;
    }

    /** A window read and its events stored: the next one starts where this one ended. */
    public void polled(OffsetDateTime windowEnd, OffsetDateTime now, OffsetDateTime next) {
        polledUntil = windowEnd;
        lastPollAt = now;
        nextPollAt = next;
        failures = 0;
        lastError = null;
        lastErrorAt = null;
    }

    /** The provider failed: the window stays where it was, and the next try backs off. */
    public void failed(String error, OffsetDateTime now, OffsetDateTime retryAt) {
        failures++;
        lastPollAt = now;
        lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        lastErrorAt = now;
        nextPollAt = retryAt;
    }

    public void dueAt(OffsetDateTime when) {
        nextPollAt = when;
    }

    public long getInstanceId() {
        return instanceId;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public OffsetDateTime getPolledUntil() {
        return polledUntil;
    }

    public OffsetDateTime getNextPollAt() {
        return nextPollAt;
    }

    public OffsetDateTime getLastPollAt() {
        return lastPollAt;
    }

    public int getFailures() {
        return failures;
    }

    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getLastErrorAt() {
        return lastErrorAt;
    }
}
