package io.plugboard.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The api-v2 surface. Context root {@code /elements} (the WAR is {@code elements.war}) plus this
 * path gives {@code /elements/api-v2}, the base every Cloud Elements client already uses, so an
 * application moves over by changing only the host. Resources and providers are discovered.
 */
@ApplicationPath("api-v2")
public class PlugboardApplication extends Application {
}
