package io.plugboard.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(TestEnvironment.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlatformIT {

    @Deployment(testable = false, name = "elements")
    static WebArchive deployment() {
        return Deployments.hub();
    }

    @ArquillianResource
    URL base;

    @Test
    void smoke() {
        HubClient hub = new HubClient(base);
        var reply = hub.get("elements", HubClient.BOOTSTRAP_AUTH);
        System.out.println(reply);
        assertEquals(200, reply.status());
    }
}
