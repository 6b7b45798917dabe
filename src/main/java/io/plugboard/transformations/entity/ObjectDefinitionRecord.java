package io.plugboard.transformations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * One common object of an organization, stored as the JSON of its fields
 * ({@code [{"path", "type"}]}): read whole, never queried by its parts. The name and the owner are
 * columns, for lookups and the per-organization uniqueness constraint.
 */
@Entity
@EntityListeners(CommonObjectsChangeListener.class)
@Table(name = "object_definition")
public class ObjectDefinitionRecord {

    @Id
    @SequenceGenerator(name = "object_definition_seq", sequenceName = "object_definition_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "object_definition_seq")
    private Long id;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "object_name", nullable = false)
    private String name;

    @Column(name = "fields", nullable = false, length = 1_000_000)
    private String fieldsJson;

    @Column(name = "created_date", nullable = false)
    private OffsetDateTime createdDate;

    @Column(name = "updated_date", nullable = false)
    private OffsetDateTime updatedDate;

    @Version
    private long version;

    protected ObjectDefinitionRecord() {
    }

    public ObjectDefinitionRecord(long organizationId, String name, String fieldsJson, OffsetDateTime now) {
        this.organizationId = organizationId;
        this.name = name;
        this.fieldsJson = fieldsJson;
        this.createdDate = now;
        this.updatedDate = now;
    }

    public Long getId() {
        return id;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public String getName() {
        return name;
    }

    public String getFieldsJson() {
        return fieldsJson;
    }

    public OffsetDateTime getCreatedDate() {
        return createdDate;
    }

    public OffsetDateTime getUpdatedDate() {
        return updatedDate;
    }

    public void replaceFields(String json, OffsetDateTime now) {
        this.fieldsJson = json;
        this.updatedDate = now;
    }
}
