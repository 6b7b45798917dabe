package io.plugboard.console.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A console session that was signed out before its cookie expired. The cookie itself cannot be
 * taken back from whoever copied it, so its id is refused here, on every node, until the time the
 * cookie would have stopped working anyway.
 */
@Entity
@Table(name = "console_session_end")
public class EndedConsoleSession {

    @Id
    @Column(name = "session_id", length = 64)
    private String sessionId;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    protected EndedConsoleSession() {
    }

    public EndedConsoleSession(String sessionId, OffsetDateTime expiresAt) {
        this.sessionId = sessionId;
        this.expiresAt = expiresAt;
    }

    public String getSessionId() {
        return sessionId;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }
}
