-- Portable between PostgreSQL and H2 (MODE=PostgreSQL): plain types, sequences, no identity columns.
-- EclipseLink preallocates 50 ids per sequence call and takes the value it gets as the last of
-- its block, so each sequence starts at its first id + 49.

CREATE SEQUENCE organization_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE app_user_seq START WITH 50 INCREMENT BY 50;
-- Private element ids start far above the shipped catalog's ids so the two never collide.
CREATE SEQUENCE private_element_seq START WITH 100049 INCREMENT BY 50;

CREATE TABLE organization (
    id               BIGINT       NOT NULL PRIMARY KEY,
    name             VARCHAR(255) NOT NULL,
    secret_digest    VARCHAR(64)  NOT NULL,
    -- 'bootstrap' on the first organization only: the unique constraint lets exactly one node
    -- create it when several start together on an empty database.
    bootstrap_marker VARCHAR(16),
    created_date     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT organization_secret_digest_unique UNIQUE (secret_digest),
    CONSTRAINT organization_bootstrap_unique UNIQUE (bootstrap_marker)
);

CREATE TABLE app_user (
    id              BIGINT       NOT NULL PRIMARY KEY,
    organization_id BIGINT       NOT NULL REFERENCES organization (id),
    email_address   VARCHAR(320) NOT NULL,
    first_name      VARCHAR(255),
    last_name       VARCHAR(255),
    secret_digest   VARCHAR(64)  NOT NULL,
    administrator   BOOLEAN      NOT NULL,
    created_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT app_user_secret_digest_unique UNIQUE (secret_digest),
    CONSTRAINT app_user_email_per_organization UNIQUE (organization_id, email_address)
);

CREATE TABLE private_element (
    id              BIGINT          NOT NULL PRIMARY KEY,
    organization_id BIGINT          NOT NULL REFERENCES organization (id),
    element_key     VARCHAR(100)    NOT NULL,
    definition      VARCHAR(1000000) NOT NULL,
    created_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT          NOT NULL,
    CONSTRAINT private_element_key_per_organization UNIQUE (organization_id, element_key)
);
