package io.plugboard.organizations.boundary;

import io.plugboard.organizations.control.OrganizationService;
import io.plugboard.organizations.control.OrganizationService.AddUserResult;
import io.plugboard.organizations.control.OrganizationService.Change;
import io.plugboard.organizations.control.OrganizationService.NewSecret;
import io.plugboard.organizations.control.ReturnUrls;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ListResponses;
import io.plugboard.platform.security.Caller;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code /organizations}: the bootstrap administrator creates organizations; any user lists and
 * adds users of their own organization, and reads or replaces its return URLs (where the hosted
 * connect flow may send users back). An organization's administrators remove users and rotate
 * users' and the organization's secrets; any user rotates their own. New secrets are answered
 * once, in the body, and never logged.
 */
@Path("organizations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    @Inject
    OrganizationService organizations;
    @Inject
    ReturnUrls returnUrls;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ErrorResponses errors;

    @POST
    public Response create(@NotNull @Valid OrganizationJson.NewOrganization body) {
        if (!currentCaller.require().bootstrapAdministrator()) {
            return errors.forbidden("Only the administrator of the first organization can create organizations.");
        }
        var created = organizations.createOrganization(body.name(), body.user().toCommand());
        return Response.ok(OrganizationJson.CreatedOrganization.of(created)).build();
    }

    @GET
    @Path("users")
    public Response users() {
        Caller caller = currentCaller.require();
        return ListResponses.of(organizations.users(caller.organizationId()).stream()
                .map(OrganizationJson.User::of).toList());
    }

    @POST
    @Path("users")
    public Response addUser(@NotNull @Valid OrganizationJson.NewUser body) {
        Caller caller = currentCaller.require();
        AddUserResult result = organizations.addUser(caller.organizationId(), body.toCommand());
        if (result instanceof AddUserResult.Added added) {
            return Response.ok(OrganizationJson.UserWithSecret.of(added.user(), added.secret())).build();
        }
        var taken = (AddUserResult.EmailTaken) result;
        return errors.conflict("A user with emailAddress " + taken.emailAddress() + " already exists in this organization.");
    }

    @DELETE
    @Path("users/{id}")
    public Response removeUser(@PathParam("id") long id) {
        Caller caller = currentCaller.require();
        var result = organizations.removeUser(caller.organizationId(), caller.userId(), id);
        return result instanceof Change.Done<OrganizationService.UserView> ? Response.ok().build() : failure(result);
    }

    @POST
    @Path("users/{id}/secret")
    public Response rotateUserSecret(@PathParam("id") long id) {
        Caller caller = currentCaller.require();
        var result = organizations.rotateUserSecret(caller.organizationId(), caller.userId(), id);
        if (result instanceof Change.Done<NewSecret> done) {
            return Response.ok(OrganizationJson.UserWithSecret.of(done.value().user(), done.value().secret())).build();
        }
        return failure(result);
    }

    @POST
    @Path("secret")
    public Response rotateOrganizationSecret() {
        Caller caller = currentCaller.require();
        var result = organizations.rotateOrganizationSecret(caller.organizationId(), caller.userId());
        if (result instanceof Change.Done<NewSecret> done) {
            return Response.ok(new OrganizationJson.RotatedOrganizationSecret(caller.organizationId(), done.value().secret()))
                    .build();
        }
        return failure(result);
    }

    private Response failure(Change<?> result) {
        if (result instanceof Change.NotFound<?> notFound) {
            return errors.notFound(notFound.message());
        }
        if (result instanceof Change.Forbidden<?> forbidden) {
            return errors.forbidden(forbidden.message());
        }
        if (result instanceof Change.Conflict<?> conflict) {
            return errors.conflict(conflict.message());
        }
        throw new IllegalStateException("Not a failure: " + result);
    }

    @GET
    @Path("returnUrls")
    public Response listReturnUrls() {
        return Response.ok(returnUrls.list(currentCaller.require().organizationId())).build();
    }

    /** Replaces the whole list; an empty array removes every return URL. */
    @PUT
    @Path("returnUrls")
    public Response replaceReturnUrls(List<String> urls) {
        var result = returnUrls.replace(currentCaller.require().organizationId(), urls);
        if (result instanceof ReturnUrls.ReplaceResult.Replaced replaced) {
            return Response.ok(replaced.urls()).build();
        }
        return errors.badRequest("Invalid return URLs: " + String.join(" ", ((ReturnUrls.ReplaceResult.Invalid) result).problems()));
    }
}
