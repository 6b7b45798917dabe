package io.plugboard.organizations.control;

import io.plugboard.platform.persistence.SchemaMigration.SchemaReady;
import io.plugboard.tokens.control.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Makes a fresh hub usable: on an empty database, creates the first organization and its
 * administrator with the operator's secrets ({@code PLUGBOARD_BOOTSTRAP_*}), or with generated
 * ones that are printed once, since nothing else could ever reveal them.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject
    OrganizationService organizations;

    @Inject
    @ConfigProperty(name = "plugboard.bootstrap.organization.secret")
    Optional<String> organizationSecret;

    @Inject
    @ConfigProperty(name = "plugboard.bootstrap.user.secret")
    Optional<String> userSecret;

    void onSchemaReady(@Observes SchemaReady ready) {
        if (organizations.anyOrganizationExists()) {
            return;
        }
        Optional<String> chosenOrganizationSecret = organizationSecret.filter(s -> !s.isBlank());
        Optional<String> chosenUserSecret = userSecret.filter(s -> !s.isBlank());
        String orgSecret = chosenOrganizationSecret.orElseGet(BearerSecrets::generate);
        String usrSecret = chosenUserSecret.orElseGet(BearerSecrets::generate);
        try {
            organizations.createBootstrapOrganization(orgSecret, usrSecret);
        } catch (RuntimeException e) {
            // Another node sharing the database won the race; its organization stands.
            if (organizations.anyOrganizationExists()) {
                LOG.info("The first organization was created by another node");
                return;
            }
            throw e;
        }
        LOG.info("Created the first organization and its administrator");
        // Generated secrets are printed once, on purpose: the operator has no other way to learn
        // them. Configured ones are never printed.
        if (chosenOrganizationSecret.isEmpty()) {
            LOG.warning(() -> "Generated organization secret (set PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET to choose it);"
                    + " it is not shown again: " + orgSecret);
        }
        if (chosenUserSecret.isEmpty()) {
            LOG.warning(() -> "Generated administrator user secret (set PLUGBOARD_BOOTSTRAP_USER_SECRET to choose it);"
                    + " it is not shown again: " + usrSecret);
        }
    }
}
