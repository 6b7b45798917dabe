package io.plugboard.platform.persistence;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The connection factory behind {@code java:global/plugboard/jdbc/plugboard}, pooled by the application
 * server as the {@code <data-source>} of {@code WEB-INF/web.xml} declares it (2 to 32
 * connections, transactional).
 *
 * <p>Why a class of our own instead of a driver's DataSource in the annotation: the database is
 * chosen at run time from MicroProfile Config ({@code PLUGBOARD_DB_URL} and friends, unset meaning
 * the embedded H2 file under the data directory), and annotation placeholders are resolved
 * differently by each server. Reading the settings here keeps the WAR unchanged across Payara
 * Micro, Payara Server and WildFly.
 */
public class PlugboardDataSource implements DataSource {

    /** Where the server binds the pool. {@code persistence.xml} names it too. */
    public static final String JNDI_NAME = "java:global/plugboard/jdbc/plugboard";

    private volatile Target target;
    private PrintWriter logWriter;
    private int loginTimeout;

    @Override
    public Connection getConnection() throws SQLException {
        Target t = target();
        return t.connect(t.user, t.password);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        // WildFly asks through this method with no credentials of the descriptor's (it declares
        // none): the configured ones apply then, as they do on Payara's no-argument call.
        Target t = target();
        return username == null ? t.connect(t.user, t.password) : t.connect(username, password);
    }

    /**
     * A physical connection outside the server's pool, for a session that must stay the same for
     * a long time (the {@code LISTEN} of {@link ChangeRelay}): a pooled connection would be
     * returned, validated or reset under it. {@code extra} adds driver properties.
     */
    Connection connectDirectly(Properties extra) throws SQLException {
        return target().connect(extra);
    }

    /** True when the configured database is PostgreSQL (false for the embedded H2 database). */
    public static boolean usesPostgreSql(Config config) {
        return isPostgreSql(config.getOptionalValue("plugboard.db.url", String.class).orElse(null));
    }

    /** True for a PostgreSQL JDBC URL ({@code plugboard.db.url}); unset means the embedded H2 database. */
    public static boolean isPostgreSql(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    private Target target() {
        Target t = target;
        if (t == null) {
            synchronized (this) {
                if (target == null) {
                    target = Target.fromConfig(ConfigProvider.getConfig(PlugboardDataSource.class.getClassLoader()));
                }
                t = target;
            }
        }
        return t;
    }

    /** Which database, resolved once: settings do not change while the pool lives. */
    private record Target(String url, String user, String password, Driver driver) {

        static Target fromConfig(Config config) {
            String url = config.getOptionalValue("plugboard.db.url", String.class).orElse(null);
            String user = config.getOptionalValue("plugboard.db.user", String.class).orElse(null);
            String password = config.getOptionalValue("plugboard.db.password", String.class).orElse(null);
            if (url == null || url.isBlank()) {
                Path dataDirectory = Path.of(config.getOptionalValue("plugboard.data.dir", String.class).orElse("data"))
                        .toAbsolutePath().normalize();
                try {
                    Files.createDirectories(dataDirectory);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("Cannot create the data directory " + dataDirectory
                            + " (set PLUGBOARD_DATA_DIR to a writable directory)", e);
                }
                // MODE=PostgreSQL keeps the SQL of the migrations portable between the two databases.
                url = "jdbc:h2:file:" + dataDirectory.resolve("plugboard")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
                user = user == null ? "plugboard" : user;
                password = password == null ? "" : password;
            }
            return new Target(url, user, password, driverFor(url));
        }

        private static Driver driverFor(String url) {
            if (url.startsWith("jdbc:postgresql:")) {
                return new org.postgresql.Driver();
            }
            if (url.startsWith("jdbc:h2:")) {
                return new org.h2.Driver();
            }
            throw new IllegalStateException("Unsupported PLUGBOARD_DB_URL: only jdbc:postgresql: and jdbc:h2: URLs are supported");
        }

        Connection connect(Properties extra) throws SQLException {
            Properties properties = new Properties();
            properties.putAll(extra);
            return connect(user, password, properties);
        }

        Connection connect(String username, String secret) throws SQLException {
            return connect(username, secret, new Properties());
        }

        private Connection connect(String username, String secret, Properties properties) throws SQLException {
            if (username != null) {
                properties.setProperty("user", username);
            }
            if (secret != null) {
                properties.setProperty("password", secret);
            }
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new SQLException("The JDBC driver did not accept the configured URL");
            }
            return connection;
        }

        @Override
        public String toString() {
            // Never print the password.
            return "Target[url=" + url + ", user=" + user + "]";
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
