package io.plugboard.platform.boundary;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last step of the server's {@code /openapi} document ({@code mp.openapi.filter}): it takes
 * out what Payara adds that is not OpenAPI, so the document validates and clients can be
 * generated from it. The document itself is {@code META-INF/openapi.yaml}.
 *
 * <p>Payara 6 (through 6.2025.10 at least) writes a top-level {@code endpoints} map, the paths of
 * each deployed application, which OpenAPI does not define (validators report "attribute
 * endpoints is unexpected"); later releases call it {@code x-endpoints} (payara/Payara#7891). The
 * MicroProfile model has no accessor for it, so its setter is called by name: on a runtime without
 * it (a fixed Payara, SmallRye) there is nothing to do. An empty map is left out of the document (and
 * must not be null: Payara copies it for every request).
 *
 * <p>Only loaded where MicroProfile OpenAPI runs: WildFly's default profile has none, and nothing
 * else refers to this class.
 */
public class ApiDocumentFilter implements OASFilter {

    private static final Logger LOG = Logger.getLogger(ApiDocumentFilter.class.getName());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Method setter;
        try {
            setter = openAPI.getClass().getMethod("setEndpoints", Map.class);
        } catch (NoSuchMethodException notPayara) {
            return;
        }
        try {
            setter.invoke(openAPI, new HashMap<>());
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not drop the runtime's non-standard endpoints field from /openapi", e);
        }
    }
}
