package io.plugboard.organizations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A person or application acting for an organization. Calls authenticate with the user's secret
 * together with the organization's; instances record the user who provisioned them (by id only,
 * so they outlive the user's removal). {@code administrator} users administer their organization:
 * they remove users and rotate other users' and the organization's secrets.
 */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "organization_id", nullable = false)
    private Organization organization;

    @Column(name = "email_address", nullable = false)
    private String emailAddress;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(name = "secret_digest", nullable = false, unique = true)
    private String secretDigest;

    @Column(nullable = false)
    private boolean administrator;

    @Column(name = "created_date", nullable = false)
    private OffsetDateTime createdDate;

    protected User() {
    }

    public User(Organization organization, String emailAddress, String firstName, String lastName,
                String secretDigest, boolean administrator, OffsetDateTime createdDate) {
        this.organization = organization;
        this.emailAddress = emailAddress;
        this.firstName = firstName;
        this.lastName = lastName;
        this.secretDigest = secretDigest;
        this.administrator = administrator;
        this.createdDate = createdDate;
    }

    public Long getId() {
        return id;
    }

    public Organization getOrganization() {
        return organization;
    }

    public String getEmailAddress() {
        return emailAddress;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public String getSecretDigest() {
        return secretDigest;
    }

    public boolean isAdministrator() {
        return administrator;
    }

    public OffsetDateTime getCreatedDate() {
        return createdDate;
    }

    /** Rotation: from now on only the secret with this digest is this user's. */
    public void replaceSecretDigest(String secretDigest) {
        this.secretDigest = secretDigest;
    }
}
