-- Common objects (io.plugboard.transformations): an organization's own object shapes and their
-- mappings to each element's vendor objects. Portable between PostgreSQL and H2 (MODE=PostgreSQL),
-- like V1 to V8: plain types, sequences stepping by 50 for EclipseLink's preallocation.
--
-- Definitions and mappings are stored as their JSON (the API's own shape, validated before it is
-- written), as private elements are: they are read whole and never queried by their parts. Only
-- what lookups and uniqueness need is a column.

CREATE SEQUENCE object_definition_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE organization_transformation_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE instance_transformation_seq START WITH 50 INCREMENT BY 50;

-- One common object of an organization: {"fields": [{"path", "type"}]}.
CREATE TABLE object_definition (
    id              BIGINT                   NOT NULL PRIMARY KEY,
    organization_id BIGINT                   NOT NULL REFERENCES organization (id),
    object_name     VARCHAR(100)             NOT NULL,
    fields          VARCHAR(1000000)         NOT NULL,
    created_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL,
    CONSTRAINT object_definition_name_per_organization UNIQUE (organization_id, object_name)
);

-- The organization's default mapping of one common object for every instance of one element.
-- The foreign key to the definition keeps a mapping from outliving its object (the API answers
-- 409 first; the key is the last word if two requests race).
CREATE TABLE organization_transformation (
    id              BIGINT                   NOT NULL PRIMARY KEY,
    organization_id BIGINT                   NOT NULL,
    element_key     VARCHAR(100)             NOT NULL,
    object_name     VARCHAR(100)             NOT NULL,
    definition      VARCHAR(1000000)         NOT NULL,
    created_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL,
    CONSTRAINT organization_transformation_unique UNIQUE (organization_id, element_key, object_name),
    CONSTRAINT organization_transformation_object FOREIGN KEY (organization_id, object_name)
        REFERENCES object_definition (organization_id, object_name)
);

-- One instance's own mapping of a common object, which wins over the organization's. A table of
-- its own rather than a nullable instance column: the uniqueness rules differ (NULLs never collide
-- in a unique constraint, on either database), and the instance's deletion takes its mappings along.
CREATE TABLE instance_transformation (
    id              BIGINT                   NOT NULL PRIMARY KEY,
    organization_id BIGINT                   NOT NULL,
    instance_id     BIGINT                   NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    element_key     VARCHAR(100)             NOT NULL,
    object_name     VARCHAR(100)             NOT NULL,
    definition      VARCHAR(1000000)         NOT NULL,
    created_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL,
    CONSTRAINT instance_transformation_unique UNIQUE (instance_id, object_name),
    CONSTRAINT instance_transformation_object FOREIGN KEY (organization_id, object_name)
        REFERENCES object_definition (organization_id, object_name)
);
-- A node reads an organization's whole set at once (CommonObjectDirectory).
CREATE INDEX instance_transformation_organization_idx ON instance_transformation (organization_id);
