package io.plugboard.transformations.entity;

import io.plugboard.platform.persistence.OrganizationDocument;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;

/**
 * What the two levels of mapping share: a common object mapped to one element's vendor object,
 * stored as the JSON of its mapping ({@code vendorName}, {@code configuration}, {@code fields}).
 * The element key is kept for an instance's mapping too (the instance's element at the time of
 * writing; an instance never changes element), so a node can file it without another lookup.
 */
@MappedSuperclass
public abstract class TransformationRecord extends OrganizationDocument {

    @Column(name = "element_key", nullable = false)
    private String elementKey;

    @Column(name = "object_name", nullable = false)
    private String objectName;

    @Column(name = "definition", nullable = false, length = 1_000_000)
    private String definitionJson;

    protected TransformationRecord() {
    }

    protected TransformationRecord(long organizationId, String elementKey, String objectName, String definitionJson,
                                   OffsetDateTime now) {
        super(organizationId, now);
        this.elementKey = elementKey;
        this.objectName = objectName;
        this.definitionJson = definitionJson;
    }

    public abstract Long getId();

    public String getElementKey() {
        return elementKey;
    }

    public String getObjectName() {
        return objectName;
    }

    public String getDefinitionJson() {
        return definitionJson;
    }

    public void replaceDefinition(String json, OffsetDateTime now) {
        this.definitionJson = json;
        replacedAt(now);
    }
}
