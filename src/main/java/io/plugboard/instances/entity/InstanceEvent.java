package io.plugboard.instances.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * Something that happened to an instance's credentials (provisioned, refreshed, refresh failed,
 * invalidated, verified): the history an operator reads when a connection breaks. Details never
 * contain a credential.
 */
@Entity
@Table(name = "instance_event")
public class InstanceEvent {

    public enum Type {
        PROVISIONED, REAUTHENTICATED, REFRESHED, REFRESH_FAILED, INVALIDATED, VERIFIED, VERIFICATION_FAILED,
        ENABLED, DISABLED
    }

    @Id
    @SequenceGenerator(name = "instance_event_seq", sequenceName = "instance_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_event_seq")
    private Long id;

    @Column(name = "instance_id", nullable = false)
    private long instanceId;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "event_type", nullable = false)
    private String type;

    @Column(name = "detail")
    private String detail;

    @Column(name = "created_date", nullable = false)
    private OffsetDateTime createdDate;

    protected InstanceEvent() {
    }

    public InstanceEvent(long instanceId, long organizationId, Type type, String detail, OffsetDateTime createdDate) {
        this.instanceId = instanceId;
        this.organizationId = organizationId;
        this.type = type.name();
        this.detail = detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        this.createdDate = createdDate;
    }

    public Long getId() {
        return id;
    }

    public long getInstanceId() {
        return instanceId;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public String getType() {
        return type;
    }

    public String getDetail() {
        return detail;
    }

    public OffsetDateTime getCreatedDate() {
        return createdDate;
    }
}
