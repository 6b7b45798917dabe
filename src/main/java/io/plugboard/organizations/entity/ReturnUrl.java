package io.plugboard.organizations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * One URL an organization has registered as a place its users may be sent back to after a hosted
 * connect. Only an exact match counts: a hub that redirected anywhere it was told would be an
 * open redirect, and would hand a fresh instance id to whoever wrote the link. Kept in the
 * organization's order ({@code listIndex}) so a GET answers what the PUT sent.
 */
@Entity
@Table(name = "organization_return_url")
@IdClass(ReturnUrl.Key.class)
public class ReturnUrl {

    @Id
    @Column(name = "organization_id")
    private long organizationId;

    @Id
    @Column(name = "list_index")
    private int listIndex;

    @Column(nullable = false, length = 2000)
    private String url;

    protected ReturnUrl() {
    }

    public ReturnUrl(long organizationId, int listIndex, String url) {
        this.organizationId = organizationId;
        this.listIndex = listIndex;
        this.url = url;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public int getListIndex() {
        return listIndex;
    }

    public String getUrl() {
        return url;
    }

    /** The primary key: organization and position in its list. */
    public static class Key implements Serializable {
        private long organizationId;
        private int listIndex;

        public Key() {
        }

        public Key(long organizationId, int listIndex) {
            this.organizationId = organizationId;
            this.listIndex = listIndex;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.organizationId == organizationId && key.listIndex == listIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, listIndex);
        }
    }
}
