package io.plugboard.platform.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * What every row holding one of an organization's JSON documents (a private element, a common
 * object's definition, a transformation) has besides the document: its owner, when it was created
 * and last replaced, and the version that makes a concurrent replacement fail instead of winning
 * silently. The subclasses add the id, the names they are looked up by, and the document.
 */
@MappedSuperclass
public abstract class OrganizationDocument {

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "created_date", nullable = false)
    private OffsetDateTime createdDate;

    @Column(name = "updated_date", nullable = false)
    private OffsetDateTime updatedDate;

    @Version
    private long version;

    protected OrganizationDocument() {
    }

    protected OrganizationDocument(long organizationId, OffsetDateTime now) {
        this.organizationId = organizationId;
        this.createdDate = now;
        this.updatedDate = now;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public OffsetDateTime getCreatedDate() {
        return createdDate;
    }

    public OffsetDateTime getUpdatedDate() {
        return updatedDate;
    }

    /** The document was replaced at {@code now}. */
    protected void replacedAt(OffsetDateTime now) {
        this.updatedDate = now;
    }
}
