-- Console sessions live in signed cookies, so that any node serves any console request. Signing
-- out (or signing in again over an open session) ends a session for good by recording its id
-- here, where every node checks it; a row is kept until the session would have expired anyway.
CREATE TABLE console_session_end (
    session_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_end_expires_idx ON console_session_end (expires_at);
