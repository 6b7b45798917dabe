-- PostgreSQL only, like V4.1: every committed write of a common object's definition or mapping is
-- announced on plugboard_changes, so each node drops its copy of that organization's set
-- (CommonObjectDirectory) whichever node, or an operator's SQL, made the change. Rows of
-- instance_transformation removed by an instance's ON DELETE CASCADE are announced too.
--   common_objects <organization id>

CREATE TRIGGER object_definition_announce AFTER INSERT OR UPDATE OR DELETE ON object_definition
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('common_objects', 'organization_id');
CREATE TRIGGER organization_transformation_announce AFTER INSERT OR UPDATE OR DELETE ON organization_transformation
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('common_objects', 'organization_id');
CREATE TRIGGER instance_transformation_announce AFTER INSERT OR UPDATE OR DELETE ON instance_transformation
    FOR EACH ROW EXECUTE FUNCTION plugboard_announce_change('common_objects', 'organization_id');

CREATE TRIGGER object_definition_announce_truncate AFTER TRUNCATE ON object_definition
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
CREATE TRIGGER organization_transformation_announce_truncate AFTER TRUNCATE ON organization_transformation
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
CREATE TRIGGER instance_transformation_announce_truncate AFTER TRUNCATE ON instance_transformation
    FOR EACH STATEMENT EXECUTE FUNCTION plugboard_announce_truncate();
