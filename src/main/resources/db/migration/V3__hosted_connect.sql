-- The hosted connect flow: the hub runs the provider's callback itself and sends the user back to
-- the application. Portable between PostgreSQL and H2 (MODE=PostgreSQL), like V1 and V2.

-- Where an organization's users may be sent back after a hosted connect. Matched exactly, so an
-- attacker cannot turn the hub into an open redirect or collect an instance id on their own site.
CREATE TABLE organization_return_url (
    organization_id BIGINT        NOT NULL REFERENCES organization (id),
    list_index      INTEGER       NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    PRIMARY KEY (organization_id, list_index),
    CONSTRAINT organization_return_url_unique UNIQUE (organization_id, url)
);

-- One started connect, between /oauth/connect and the provider's callback. The id is the one the
-- signed state names; the row is what the callback, which arrives without credentials, acts on.
-- Everything secret is encrypted like every other credential (key_id names the key); the
-- ciphertexts are wiped when the callback claims the row. used is set exactly once, by the
-- claiming callback, so a replayed state finds the row spent.
CREATE TABLE pending_connect (
    id                        VARCHAR(32)    NOT NULL PRIMARY KEY,
    organization_id           BIGINT         NOT NULL REFERENCES organization (id),
    user_id                   BIGINT         NOT NULL REFERENCES app_user (id),
    element_key               VARCHAR(100)   NOT NULL,
    flow                      VARCHAR(8)     NOT NULL,
    key_id                    VARCHAR(16)    NOT NULL,
    -- JSON {configuration, name, tags}: may hold the client secret.
    request_ciphertext        VARCHAR(40000),
    -- OAuth2: the PKCE code_verifier, when PKCE is on.
    verifier_ciphertext       VARCHAR(1000),
    -- OAuth 1.0a: the request token (digest only: it is matched, never sent again) and its secret.
    request_token_digest      VARCHAR(64),
    request_token_ciphertext  VARCHAR(1000),
    -- SHA-256 of the browser's PLUGBOARD_CONNECT cookie: the state is only good in that browser.
    session_hash              VARCHAR(64)    NOT NULL,
    return_url                VARCHAR(2000)  NOT NULL,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    used                      BOOLEAN        NOT NULL
);
CREATE INDEX pending_connect_expiry_idx ON pending_connect (expires_at);
CREATE INDEX pending_connect_key_idx ON pending_connect (key_id);
