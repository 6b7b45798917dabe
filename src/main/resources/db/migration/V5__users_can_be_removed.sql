-- Users can be removed (DELETE /organizations/users/{id}) while what they made stays: their
-- instances keep working, and a connect they started fails at its callback with "the user no
-- longer exists". instance.user_id and pending_connect.user_id therefore become plain records of
-- who made the row, without a foreign key to app_user.
--
-- The foreign keys were declared inline, so their names differ between PostgreSQL and H2. Dropping
-- the column drops its constraints on both; the values are copied over first and the column keeps
-- its name and NOT NULL. Portable between PostgreSQL and H2 (MODE=PostgreSQL), like V1 to V4.

ALTER TABLE instance ADD COLUMN provisioned_by BIGINT;
UPDATE instance SET provisioned_by = user_id;
ALTER TABLE instance DROP COLUMN user_id;
ALTER TABLE instance RENAME COLUMN provisioned_by TO user_id;
ALTER TABLE instance ALTER COLUMN user_id SET NOT NULL;

ALTER TABLE pending_connect ADD COLUMN started_by BIGINT;
UPDATE pending_connect SET started_by = user_id;
ALTER TABLE pending_connect DROP COLUMN user_id;
ALTER TABLE pending_connect RENAME COLUMN started_by TO user_id;
ALTER TABLE pending_connect ALTER COLUMN user_id SET NOT NULL;
