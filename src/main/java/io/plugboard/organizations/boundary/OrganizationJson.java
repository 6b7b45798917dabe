package io.plugboard.organizations.boundary;

import io.plugboard.organizations.control.OrganizationService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/**
 * The JSON shapes of the organizations API, mapped explicitly to and from the service's types.
 *
 * <p>The request records declare their canonical constructor. A constraint on a record component
 * is copied to the field, the accessor and the parameter of an implicit canonical constructor;
 * Payara's OpenAPI scanner takes a parameter with {@code @NotBlank} or {@code @Size} for a JAX-RS
 * {@code @PathParam} and fails on it (a {@code NullPointerException}: {@code /openapi} answered
 * 500). Declared, the constructor's parameters carry no annotation: Bean Validation checks the
 * fields, as before, and the scanner copes. The scanner is off ({@code mp.openapi.scan.disable}),
 * but a setting turns it on; {@code ApiDocumentTest} keeps such constraints off parameters.
 */
public final class OrganizationJson {

    private OrganizationJson() {
    }

    public record NewOrganization(@NotBlank @Size(max = 255) String name, @NotNull @Valid NewUser user) {
        public NewOrganization(String name, NewUser user) {
            this.name = name;
            this.user = user;
        }
    }

    public record NewUser(@NotBlank @Email @Size(max = 320) String emailAddress,
                   @Size(max = 255) String firstName,
                   @Size(max = 255) String lastName) {
        public NewUser(String emailAddress, String firstName, String lastName) {
            this.emailAddress = emailAddress;
            this.firstName = firstName;
            this.lastName = lastName;
        }

        OrganizationService.NewUser toCommand() {
            return new OrganizationService.NewUser(emailAddress, firstName, lastName);
        }
    }

    public record User(long id, String emailAddress, String firstName, String lastName, boolean administrator,
                       OffsetDateTime createdDate) {
        static User of(OrganizationService.UserView view) {
            return new User(view.id(), view.emailAddress(), view.firstName(), view.lastName(), view.administrator(),
                    view.createdDate());
        }
    }

    /** Answered once, when the user is created: the only time the secret is visible. */
    public record UserWithSecret(long id, String emailAddress, String firstName, String lastName, String secret) {
        static UserWithSecret of(OrganizationService.UserView view, String secret) {
            return new UserWithSecret(view.id(), view.emailAddress(), view.firstName(), view.lastName(), secret);
        }
    }

    public record OrganizationWithSecret(long id, String name, String secret) {
    }

    /** Answered once, when the organization's secret is rotated. */
    public record RotatedOrganizationSecret(long id, String secret) {
    }

    public record CreatedOrganization(OrganizationWithSecret organization, UserWithSecret user) {
        static CreatedOrganization of(OrganizationService.CreatedOrganization created) {
            return new CreatedOrganization(
                    new OrganizationWithSecret(created.organizationId(), created.name(), created.organizationSecret()),
                    UserWithSecret.of(created.user(), created.userSecret()));
        }
    }
}
