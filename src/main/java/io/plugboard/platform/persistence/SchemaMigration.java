package io.plugboard.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the schema up to date before anything touches the database, then announces
 * {@link SchemaReady} so start-up work (bootstrap, catalog) runs in a known order. Flyway's lock
 * makes concurrent start of several nodes on one PostgreSQL safe.
 *
 * <p>{@code db/migration} holds the migrations both databases run. PostgreSQL also runs
 * {@code db/postgresql}: what only a server database needs (the triggers that announce changes to
 * the other nodes, see {@link ChangeRelay}). A PostgreSQL-only migration takes the version of the
 * shared migration it follows plus a minor number ({@code V4.1} after {@code V4}), so the versions
 * never clash and the next shared migration ({@code V5}) is still in order on both databases; a
 * high block such as {@code V100} would leave every later shared migration below the applied
 * version, which Flyway refuses.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = PlugboardDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Event<SchemaReady> schemaReady;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations())
                .load();
        var result = flyway.migrate();
        // targetSchemaVersion is null when nothing was applied: report the version in place then.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : String.valueOf(flyway.info().current() == null ? "none" : flyway.info().current().getVersion());
        LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted + " migrations applied now)");
        schemaReady.fire(new SchemaReady());
    }

    private static String[] locations() {
        return PlugboardDataSource.usesPostgreSql(ConfigProvider.getConfig(SchemaMigration.class.getClassLoader()))
                ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                : new String[] {"classpath:db/migration"};
    }

    /** Fired once per start, after the schema is current. */
    public record SchemaReady() {
    }
}
