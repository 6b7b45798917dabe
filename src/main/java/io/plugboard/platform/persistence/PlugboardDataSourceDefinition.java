package io.plugboard.platform.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's pooled data source in portable Jakarta EE terms, so the WAR needs no
 * server-side resource setup. Which database it reaches is decided by {@link PlugboardDataSource}.
 */
@DataSourceDefinition(
        name = PlugboardDataSourceDefinition.JNDI_NAME,
        className = "io.plugboard.platform.persistence.PlugboardDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300,
        transactional = true,
        // Payara reads fish.payara.* as pool settings: every connection is alike, so matching them
        // by credentials on each checkout (synchronized, per connection) only costs contention.
        properties = {"fish.payara.match-connections=false"})
@ApplicationScoped
public class PlugboardDataSourceDefinition {
    public static final String JNDI_NAME = "java:app/jdbc/plugboard";
}
