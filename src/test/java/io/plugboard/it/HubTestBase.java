package io.plugboard.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

import java.net.URL;
import java.util.UUID;

import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * What every over-HTTP test class against the deployed WAR shares, written once so that a test
 * class holds only its tests: the suite's environment (registered ahead of Arquillian, which reads
 * the options it sets), the client-side run, the deployment, a client for the hub, MockServer
 * playing the providers, and the helpers that stub a provider and read what it was sent.
 *
 * <p>MockServer is not reset here, because {@code ConsoleIT}'s ordered tests build on one data set
 * provisioned once. {@link OrganizationTestBase} adds a clean MockServer and a fresh organization
 * per test. JUnit and Arquillian both find the annotations, the deployment method and the
 * injected URL on this superclass.
 */
@ExtendWith(TestEnvironment.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class HubTestBase {

    @Deployment(testable = false, name = "elements")
    static WebArchive deployment() {
        return Deployments.hub();
    }

    /** The deployment's URL, e.g. {@code http://localhost:8080/elements/}. */
    @ArquillianResource
    URL base;

    HubClient hub;
    /** MockServer, playing every provider under its host name (see {@link TestEnvironment}). */
    ClientAndServer provider;

    @BeforeEach
    void connectToTheHub() {
        hub = new HubClient(base);
        provider = TestEnvironment.mockServer();
    }

    /** A value no other test uses, so that a test can look for exactly it afterwards. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Stubs a provider's token endpoint: every POST to {@code path} answers 200 with {@code json}. */
    static void tokenEndpoint(String path, String json) {
        TestEnvironment.mockServer().when(request().withMethod("POST").withPath(path))
                .respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody(json));
    }

    /** What the hub sent to {@code path} since MockServer was last reset, oldest first. */
    static HttpRequest[] received(String path) {
        return TestEnvironment.mockServer().retrieveRecordedRequests(request().withPath(path));
    }

    /**
     * What the hub sent that carries {@code marker} (a value unique to one test, such as an API key
     * or a token) anywhere in the path, query, headers or body. A test that asserts "nothing was
     * sent" counts these rather than every request MockServer recorded: the hub's scheduled work
     * (refreshing and verifying the instances earlier test classes left behind) may call a provider
     * at any moment, and such a call is not the test's doing.
     */
    static HttpRequest[] receivedCarrying(String marker) {
        return java.util.Arrays.stream(TestEnvironment.mockServer().retrieveRecordedRequests(request()))
                .filter(sent -> sent.toString().contains(marker))
                .toArray(HttpRequest[]::new);
    }

    /** A caller's api-v2 Authorization header with an instance's Element token added. */
    static String withElement(String authorization, JsonObject instance) {
        return authorization + ", Element " + instance.getString("token");
    }

    /** How many instances the caller's organization has, as the hub counts them. */
    long instanceCount(String authorization) {
        return Long.parseLong(hub.get("instances?pageSize=1", authorization).header("Elements-Total-Count").orElseThrow());
    }
}
