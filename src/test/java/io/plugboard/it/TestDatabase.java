package io.plugboard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Direct JDBC access to the database the hub under test uses, on either run: PostgreSQL from the
 * embedded binaries, or the H2 file opened through H2's AUTO_SERVER. For what only SQL can show
 * or do: checking that nothing partial was committed, injecting a fault with a constraint, or
 * playing another node that writes.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        if (TestEnvironment.onPostgres()) {
            return DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + TestEnvironment.postgres().getPort() + "/postgres", "postgres", "postgres");
        }
        return DriverManager.getConnection(TestEnvironment.embeddedUrl(TestEnvironment.dataDirectory()), "plugboard", "");
    }

    /** Runs statements in autocommit, e.g. DDL that sets up a fault. */
    public static void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The single number a query answers, e.g. a count. */
    public static long number(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("No row for " + sql);
            }
            return rows.getLong(1);
        }
    }

    /**
     * Instances that are only partly stored: without a configuration entry, without the
     * provisioning event, or (given tags) without them. Always 0 when every write is one
     * transaction.
     */
    public static long partialInstances() throws SQLException {
        return number("""
                SELECT COUNT(*) FROM instance i
                WHERE NOT EXISTS (SELECT 1 FROM instance_configuration c WHERE c.instance_id = i.id)
                   OR NOT EXISTS (SELECT 1 FROM instance_event e WHERE e.instance_id = i.id AND e.event_type = 'PROVISIONED')
                """);
    }
}
