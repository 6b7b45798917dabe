package io.plugboard.organizations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A tenant of the hub. Everything an application creates (instances, private elements, users)
 * belongs to exactly one organization, and no call ever reaches another organization's data.
 * The secret itself is never stored, only its digest.
 */
@Entity
@Table(name = "organization")
public class Organization {

    /** Marks the organization created on an empty database; its admin may create organizations. */
    public static final String BOOTSTRAP_MARKER = "bootstrap";

    @Id
    @SequenceGenerator(name = "organization_seq", sequenceName = "organization_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "organization_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "secret_digest", nullable = false, unique = true)
    private String secretDigest;

    @Column(name = "bootstrap_marker", unique = true)
    private String bootstrapMarker;

    @Column(name = "created_date", nullable = false)
    private OffsetDateTime createdDate;

    protected Organization() {
    }

    public Organization(String name, String secretDigest, boolean bootstrap, OffsetDateTime createdDate) {
        this.name = name;
        this.secretDigest = secretDigest;
        this.bootstrapMarker = bootstrap ? BOOTSTRAP_MARKER : null;
        this.createdDate = createdDate;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getSecretDigest() {
        return secretDigest;
    }

    public boolean isBootstrap() {
        return BOOTSTRAP_MARKER.equals(bootstrapMarker);
    }

    public OffsetDateTime getCreatedDate() {
        return createdDate;
    }

    /** Rotation: from now on only the secret with this digest is the organization's. */
    public void replaceSecretDigest(String secretDigest) {
        this.secretDigest = secretDigest;
    }
}
