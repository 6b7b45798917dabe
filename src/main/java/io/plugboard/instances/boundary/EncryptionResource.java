package io.plugboard.instances.boundary;

import io.plugboard.instances.control.CredentialRotation;
import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /platform/encryption/rotation}: the operator's key rotation. After setting a new
 * {@code PLUGBOARD_ENCRYPTION_KEY} and moving the old one to {@code PLUGBOARD_ENCRYPTION_KEYS_PREVIOUS},
 * this re-encrypts every stored credential under the new key; then the old key can be dropped.
 * For the first organization's administrator only.
 */
@Path("platform/encryption/rotation")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EncryptionResource {

    @Inject
    CredentialRotation rotation;
    @Inject
    CurrentCaller caller;
    @Inject
    ErrorResponses errors;

    @POST
    public Response rotate() {
        if (!caller.require().bootstrapAdministrator()) {
            return errors.forbidden("Only the administrator of the first organization can rotate the encryption key.");
        }
        return Response.ok(rotation.rotateAll()).build();
    }
}
