package io.plugboard.transformations.entity;

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
 * One instance's own mapping of a common object; it wins over the organization's. The instance id
 * is a plain column (the instances feature owns the entity); the database removes the row with
 * its instance.
 */
@Entity
@EntityListeners(CommonObjectsChangeListener.class)
@Table(name = "instance_transformation")
public class InstanceTransformation extends TransformationRecord {

    @Id
    @SequenceGenerator(name = "instance_transformation_seq", sequenceName = "instance_transformation_seq",
            allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_transformation_seq")
    private Long id;

    @Column(name = "instance_id", nullable = false)
    private long instanceId;

    protected InstanceTransformation() {
    }

    public InstanceTransformation(long organizationId, long instanceId, String elementKey, String objectName,
                                  String definitionJson, OffsetDateTime now) {
        super(organizationId, elementKey, objectName, definitionJson, now);
        this.instanceId = instanceId;
    }

    @Override
    public Long getId() {
        return id;
    }

    public long getInstanceId() {
        return instanceId;
    }
}
