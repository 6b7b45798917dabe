-- Provider events: what changed at a provider (from a poll or a provider's webhook), stored before
-- the provider is answered, and delivered to the application's callback at least once.
--
-- One row of provider_event is one notification: at most 10 (polling) or 20 (webhook) changes of
-- one instance, delivered as one POST. Its delivery state lives on the row, so any node can pick
-- up a delivery another node started and never finished: a claim moves next_attempt_at past a
-- lease, and a node that dies holding it simply lets the lease run out.

CREATE SEQUENCE provider_event_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE event_delivery_attempt_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE provider_event (
    id              BIGINT                   NOT NULL PRIMARY KEY,
    organization_id BIGINT                   NOT NULL,
    instance_id     BIGINT                   NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    element_key     VARCHAR(100)             NOT NULL,
    -- POLLING or WEBHOOK
    origin          VARCHAR(16)              NOT NULL,
    -- RECEIVED (stored, not yet tried), DISPATCHED (tried, retry due), NOTIFIED, QUEUED (given up)
    status          VARCHAR(16)              NOT NULL,
    -- Elements-Webhook-Id: the same on every attempt, so an application can drop duplicates.
    webhook_id      VARCHAR(36)              NOT NULL,
    -- The normalized changes: a JSON array of {objectType, objectId, eventType, elementKey, date}.
    changes         TEXT                     NOT NULL,
    -- The provider's own data as received (a webhook body) or read (a poll's records).
    raw             TEXT,
    attempts        INTEGER                  NOT NULL,
    -- When the next attempt may start; NULL once notified or queued.
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT provider_event_webhook_id_unique UNIQUE (webhook_id)
);
-- The dispatcher's query: due deliveries in order.
CREATE INDEX provider_event_due_idx ON provider_event (next_attempt_at);
CREATE INDEX provider_event_instance_idx ON provider_event (instance_id, id);
CREATE INDEX provider_event_organization_idx ON provider_event (organization_id, id);
CREATE INDEX provider_event_received_idx ON provider_event (received_at);

CREATE TABLE event_delivery_attempt (
    id           BIGINT                   NOT NULL PRIMARY KEY,
    event_id     BIGINT                   NOT NULL REFERENCES provider_event (id) ON DELETE CASCADE,
    attempt      INTEGER                  NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The callback's HTTP status, or NULL when it never answered.
    status_code  INTEGER,
    error        VARCHAR(1000),
    duration_ms  BIGINT                   NOT NULL
);
CREATE INDEX event_delivery_attempt_event_idx ON event_delivery_attempt (event_id, attempt);

-- One row per instance whose events come from polling: how far it has read, when it is next due,
-- and why the last poll failed. polled_until is written in the same transaction as the events a
-- poll found, so a restart neither repeats nor skips a window.
CREATE TABLE event_poller (
    instance_id     BIGINT                   NOT NULL PRIMARY KEY REFERENCES instance (id) ON DELETE CASCADE,
    organization_id BIGINT                   NOT NULL,
    polled_until    TIMESTAMP WITH TIME ZONE NOT NULL,
    next_poll_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_poll_at    TIMESTAMP WITH TIME ZONE,
    failures        INTEGER                  NOT NULL,
    last_error      VARCHAR(1000),
    last_error_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_poller_due_idx ON event_poller (next_poll_at);
