package io.plugboard.elements.entity;

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
 * An organization's private element, stored as its definition JSON: the element is data, and
 * the JSON is the format the API and the definition files share. Only the key and the owner are
 * columns, for lookups and the per-organization uniqueness constraint.
 */
@Entity
@EntityListeners(PrivateElementChangeListener.class)
@Table(name = "private_element")
public class PrivateElementRecord extends OrganizationDocument {

    @Id
    @SequenceGenerator(name = "private_element_seq", sequenceName = "private_element_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "private_element_seq")
    private Long id;

    @Column(name = "element_key", nullable = false)
    private String key;

    @Column(name = "definition", nullable = false, length = 1_000_000)
    private String definitionJson;

    protected PrivateElementRecord() {
    }

    public PrivateElementRecord(long organizationId, String key, String definitionJson, OffsetDateTime now) {
        super(organizationId, now);
        this.key = key;
        this.definitionJson = definitionJson;
    }

    public Long getId() {
        return id;
    }

    public String getKey() {
        return key;
    }

    public String getDefinitionJson() {
        return definitionJson;
    }

    public void replaceDefinition(String key, String definitionJson, OffsetDateTime now) {
        this.key = key;
        this.definitionJson = definitionJson;
        replacedAt(now);
    }
}
