package io.plugboard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct JDBC access to the database the hub under test uses, on either run: PostgreSQL from the
 * embedded binaries, or the H2 file opened through H2's AUTO_SERVER. For what only SQL can show
 * or do: checking that nothing partial was committed, looking for a plaintext secret in what was
 * stored, injecting a fault with a constraint, or playing another node that writes.
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

    /** The single text a query answers. */
    public static String string(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("No row for " + sql);
            }
            return rows.getString(1);
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

    /**
     * Everything the hub has stored, as text to search for a plaintext secret: every file of the
     * embedded database's data directory, or every row of every table on PostgreSQL. Fails when
     * it read nothing, so that a search of it cannot pass for want of data.
     */
    public static String everythingStored() throws SQLException, IOException {
        StringBuilder all = new StringBuilder();
        if (TestEnvironment.onPostgres()) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet found = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                    while (found.next()) {
                        tables.add(found.getString("TABLE_NAME"));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            for (int c = 1; c <= columns; c++) {
                                all.append(rows.getString(c)).append('|');
                            }
                        }
                    }
                }
            }
        } else {
            try (Stream<Path> files = Files.walk(TestEnvironment.dataDirectory())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertTrue(all.length() > 0, "read what the hub stored");
        return all.toString();
    }
}
