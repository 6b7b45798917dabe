-- The role and database Plugboard uses on PostgreSQL. Run once, as a superuser:
--   psql -h <host> -U postgres -f server-config/postgresql/create-database.sql
-- Replace the password first. Plugboard creates and upgrades its tables itself: the Flyway
-- migrations in the WAR (db/migration) run at every start-up, so no schema script is needed here.
-- The database owner may create tables in the public schema (PostgreSQL 15 and later included).

CREATE ROLE plugboard LOGIN PASSWORD 'change-me';
CREATE DATABASE plugboard OWNER plugboard;
