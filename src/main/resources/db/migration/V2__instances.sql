-- Instances: one user's authenticated connection to a provider. Credentials live in
-- instance_configuration, encrypted (secret_ciphertext + key_id); key_id is a column so a key
-- rotation finds the rows still under an old key with an index, and start-up can refuse to run
-- without a key that some row needs.

CREATE SEQUENCE instance_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE instance_configuration_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE instance_event_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE instance (
    id                      BIGINT        NOT NULL PRIMARY KEY,
    organization_id         BIGINT        NOT NULL REFERENCES organization (id),
    user_id                 BIGINT        NOT NULL REFERENCES app_user (id),
    element_id              BIGINT        NOT NULL,
    element_key             VARCHAR(100)  NOT NULL,
    name                    VARCHAR(255)  NOT NULL,
    token_digest            VARCHAR(64)   NOT NULL,
    token_ciphertext        VARCHAR(400)  NOT NULL,
    token_key_id            VARCHAR(16)   NOT NULL,
    disabled                BOOLEAN       NOT NULL,
    valid                   BOOLEAN       NOT NULL,
    external_authentication VARCHAR(16)   NOT NULL,
    events_enabled          BOOLEAN       NOT NULL,
    trace_logging_enabled   BOOLEAN       NOT NULL,
    caching_enabled         BOOLEAN       NOT NULL,
    max_cache_size          INTEGER       NOT NULL,
    cache_time_to_live      INTEGER       NOT NULL,
    token_expires_at        TIMESTAMP WITH TIME ZONE,
    refresh_due_at          TIMESTAMP WITH TIME ZONE,
    verification_due_at     TIMESTAMP WITH TIME ZONE,
    last_refreshed_at       TIMESTAMP WITH TIME ZONE,
    last_error              VARCHAR(1000),
    last_error_at           TIMESTAMP WITH TIME ZONE,
    consecutive_failures    INTEGER       NOT NULL,
    retry_not_before        TIMESTAMP WITH TIME ZONE,
    created_date            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_date            TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT        NOT NULL,
    CONSTRAINT instance_token_digest_unique UNIQUE (token_digest)
);
CREATE INDEX instance_organization_idx ON instance (organization_id, id);
-- The refresh scheduler's query: due, in order.
CREATE INDEX instance_refresh_due_idx ON instance (refresh_due_at);
CREATE INDEX instance_verification_due_idx ON instance (verification_due_at);
CREATE INDEX instance_token_key_idx ON instance (token_key_id);

CREATE TABLE instance_tag (
    instance_id BIGINT       NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    tag         VARCHAR(255) NOT NULL,
    PRIMARY KEY (instance_id, tag)
);
CREATE INDEX instance_tag_tag_idx ON instance_tag (tag);

CREATE TABLE instance_configuration (
    id                BIGINT         NOT NULL PRIMARY KEY,
    instance_id       BIGINT         NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    config_key        VARCHAR(255)   NOT NULL,
    property_value    VARCHAR(10000),
    secret_ciphertext VARCHAR(20000),
    key_id            VARCHAR(16),
    CONSTRAINT instance_configuration_key_unique UNIQUE (instance_id, config_key)
);
CREATE INDEX instance_configuration_key_id_idx ON instance_configuration (key_id);

CREATE TABLE instance_event (
    id              BIGINT        NOT NULL PRIMARY KEY,
    instance_id     BIGINT        NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    organization_id BIGINT        NOT NULL,
    event_type      VARCHAR(40)   NOT NULL,
    detail          VARCHAR(1000),
    created_date    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX instance_event_instance_idx ON instance_event (instance_id, created_date);
CREATE INDEX instance_event_organization_idx ON instance_event (organization_id, created_date);

-- OAuth 1.0a request-token secrets between step 1 and step 2, so the hub can hand the secret
-- back through the callback; short-lived and encrypted like every other credential.
CREATE TABLE oauth_request_token (
    token_digest      VARCHAR(64)   NOT NULL PRIMARY KEY,
    secret_ciphertext VARCHAR(1000) NOT NULL,
    key_id            VARCHAR(16)   NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oauth_request_token_expiry_idx ON oauth_request_token (expires_at);
CREATE INDEX oauth_request_token_key_idx ON oauth_request_token (key_id);
