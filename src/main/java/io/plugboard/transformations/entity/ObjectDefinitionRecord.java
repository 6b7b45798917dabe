package io.plugboard.transformations.entity;

import io.plugboard.platform.persistence.OrganizationDocument;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One common object of an organization, stored as the JSON of its fields
 * ({@code [{"path", "type"}]}): read whole, never queried by its parts. The name and the owner are
 * columns, for lookups and the per-organization uniqueness constraint.
 */
@Entity
@EntityListeners(CommonObjectsChangeListener.class)
@Table(name = "object_definition")
public class ObjectDefinitionRecord extends OrganizationDocument {

    @Id
    @SequenceGenerator(name = "object_definition_seq", sequenceName = "object_definition_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "object_definition_seq")
    private Long id;

    @Column(name = "object_name", nullable = false)
    private String name;

    @Column(name = "fields", nullable = false, length = 1_000_000)
    private String fieldsJson;

    protected ObjectDefinitionRecord() {
    }

    public ObjectDefinitionRecord(long organizationId, String name, String fieldsJson, OffsetDateTime now) {
        super(organizationId, now);
        this.name = name;
        this.fieldsJson = fieldsJson;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getFieldsJson() {
        return fieldsJson;
    }

    public void replaceFields(String json, OffsetDateTime now) {
        this.fieldsJson = json;
        replacedAt(now);
    }
}
