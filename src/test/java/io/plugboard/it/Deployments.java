package io.plugboard.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The over-HTTP tests deploy the WAR the build produced, unchanged, under the name that gives the
 * {@code /elements} context root: what is tested is what ships.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive hub() {
        File war = new File(System.getProperty("plugboard.it.war", "target/elements.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests through Maven (./mvnw verify)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).as(WebArchive.class);
    }
}
