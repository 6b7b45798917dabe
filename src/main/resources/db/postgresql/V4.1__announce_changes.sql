-- PostgreSQL only (SchemaMigration adds db/postgresql there; the embedded H2 database is one node
-- and needs none of this). Every committed write of what the nodes keep in memory is announced on
-- the channel plugboard_changes, which each node LISTENs to (ChangeRelay), so a change made on one
-- node, or by an operator's SQL, reaches every node's caches within a second. NOTIFY is
-- transactional: a notice goes out only when its transaction commits, and identical notices of one
-- transaction are sent once (an instance and its configuration rows make one notice).
--
-- The payload names a topic, not a table: "<topic> <id>[ <detail>]". The topic is what the nodes
-- act on (the feature that owns it translates it into its own event); nothing secret is sent.
--   instance <instance id>                          instance, instance_configuration
--   private_element <organization id> <element key> private_element
--   callers <organization id>                       app_user, organization
--   * 0                                             TRUNCATE of any of these tables: drop everything

CREATE OR REPLACE FUNCTION plugboard_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
-- TG_ARGV: the topic, the column holding the id, optionally the column holding the detail.
DECLARE
    changed JSONB;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        changed := to_jsonb(OLD);
        PERFORM pg_notify('plugboard_changes', TG_ARGV[0] || ' ' || (changed ->> TG_ARGV[1])
            || CASE WHEN TG_NARGS > 2 THEN ' ' || coalesce(changed ->> TG_ARGV[2], '') ELSE '' END);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        changed := to_jsonb(NEW);
        PERFORM pg_notify('plugboard_changes', TG_ARGV[0] || ' ' || (changed ->> TG_ARGV[1])
            || CASE WHEN TG_NARGS > 2 THEN ' ' || coalesce(changed ->> TG_ARGV[2], '') ELSE '' END);
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION plugboard_announce_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('plugboard_changes', '* 0');
    RETURN NULL;
END;
$$;

CREATE TRIGGER instance_announce AFTER INSERT OR UPDATE OR DELETE ON instance
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('instance', 'id');
CREATE TRIGGER instance_configuration_announce AFTER INSERT OR UPDATE OR DELETE ON instance_configuration
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('instance', 'instance_id');
CREATE TRIGGER private_element_announce AFTER INSERT OR UPDATE OR DELETE ON private_element
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('private_element', 'organization_id', 'element_key');
CREATE TRIGGER app_user_announce AFTER INSERT OR UPDATE OR DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('callers', 'organization_id');
CREATE TRIGGER organization_announce AFTER INSERT OR UPDATE OR DELETE ON organization
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('callers', 'id');

CREATE TRIGGER instance_announce_truncate AFTER TRUNCATE ON instance
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
CREATE TRIGGER instance_configuration_announce_truncate AFTER TRUNCATE ON instance_configuration
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
CREATE TRIGGER private_element_announce_truncate AFTER TRUNCATE ON private_element
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
CREATE TRIGGER app_user_announce_truncate AFTER TRUNCATE ON app_user
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
CREATE TRIGGER organization_announce_truncate AFTER TRUNCATE ON organization
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
