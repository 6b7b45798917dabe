package io.plugboard.transformations.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The organization's mapping of a common object for every instance of one element. */
@Entity
@EntityListeners(CommonObjectsChangeListener.class)
@Table(name = "organization_transformation")
public class OrganizationTransformation extends TransformationRecord {

    @Id
    @SequenceGenerator(name = "organization_transformation_seq", sequenceName = "organization_transformation_seq",
            allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "organization_transformation_seq")
    private Long id;

    protected OrganizationTransformation() {
    }

    public OrganizationTransformation(long organizationId, String elementKey, String objectName, String definitionJson,
                                      OffsetDateTime now) {
        super(organizationId, elementKey, objectName, definitionJson, now);
    }

    @Override
    public Long getId() {
        return id;
    }
}
