-- A hosted connect started by an application's server: its browser-bound cookie cannot reach the
-- user's browser from there, so /connect also mints a one-time launch link for the browser. The
-- link's token is kept as a digest only; the cookie value and the provider's authorization URL it
-- hands over are encrypted under the row's key_id like the row's other secrets, and wiped when the
-- link is used (launched) or the connect is claimed.
ALTER TABLE pending_connect ADD COLUMN launch_digest VARCHAR(64);
ALTER TABLE pending_connect ADD COLUMN launch_ciphertext VARCHAR(12000);
ALTER TABLE pending_connect ADD COLUMN launched BOOLEAN DEFAULT FALSE NOT NULL;

-- A connect that re-authenticates an existing instance in place (its id and token stay) instead of
-- provisioning a new one. Not a foreign key: the instance may be deleted while the connect is
-- pending, and the callback then fails with a page instead of the delete failing.
ALTER TABLE pending_connect ADD COLUMN instance_id BIGINT;
