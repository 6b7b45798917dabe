package io.plugboard.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Ready only once the schema is migrated and while the database answers: without it no call can
 * be authenticated, so a load balancer should send traffic elsewhere. Exposed by the server at
 * {@code /health/ready}.
 *
 * <p>Created when the schema is ready, on a deployment thread: servers may run health checks on
 * their own threads (WildFly on its management threads), where the application's {@code java:app}
 * names cannot be looked up to inject the data source.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = PlugboardDataSource.JNDI_NAME)
    DataSource dataSource;

    private volatile boolean schemaReady;

    void onSchemaReady(@Observes SchemaMigration.SchemaReady ready) {
        schemaReady = true;
    }

    @Override
    public HealthCheckResponse call() {
        if (!schemaReady) {
            return HealthCheckResponse.named("database").down().build();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.named("database").status(valid).build();
        } catch (SQLException e) {
            // The reason goes to the operator's log through the pool; the probe only needs up or down.
            return HealthCheckResponse.named("database").down().build();
        }
    }
}
