package io.plugboard.platform.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the writes of every other node to this node's caches, through the database the nodes
 * already share: PostgreSQL triggers ({@code db/postgresql}) announce each committed write of an
 * instance, a private element, a user or an organization with {@code NOTIFY plugboard_changes};
 * this relay {@code LISTEN}s on one connection of its own and fires each notice as a
 * {@link DatabaseChange} CDI event. No second coordination system, nothing server-specific (a
 * thread of the container's default {@code ManagedThreadFactory} and the JDBC driver), and any
 * write path is covered, an operator's SQL included, because the database itself announces it.
 *
 * <p>Why these choices:
 * <ul>
 * <li><b>A connection outside the pool</b> ({@link PlugboardDataSource#connectDirectly}): a
 *     {@code LISTEN} belongs to one session, which a pooled connection would not stay.</li>
 * <li><b>Topics, not feature events</b>: the platform may not depend on the features. A notice
 *     names a topic ({@code instance}, {@code private_element}, {@code callers}); the feature that
 *     owns it observes {@link DatabaseChange} and fires its own event, which its caches already
 *     handle for local writes. A node also hears its own writes; dropping a copy twice is harmless.</li>
 * <li><b>Nothing missed</b>: on every (re)connect, once the {@code LISTEN} is in place, it fires
 *     {@link DatabaseChangesMissed} so every cache starts empty; while the connection is down or
 *     unconfirmed, {@link CacheTrust} makes the caches read the database instead. It reconnects
 *     with back-off (0.1 s doubling to 5 s) and logs each change of state (never the password: the
 *     connection's settings are not printed).</li>
 * </ul>
 * With the embedded H2 database (one node) it does not run.
 */
@ApplicationScoped
public class ChangeRelay {

    /** The channel the triggers notify. */
    static final String CHANNEL = "plugboard_changes";
    /** How the listening session appears in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "plugboard-changes";

    private static final Logger LOG = Logger.getLogger(ChangeRelay.class.getName());
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LAST_RETRY_MILLIS = 5_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CacheTrust trust;
    @Inject
    Event<DatabaseChange> changes;
    @Inject
    Event<DatabaseChangesMissed> missed;

    private final PlugboardDataSource database = new PlugboardDataSource();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    private long retryMillis = FIRST_RETRY_MILLIS;

    void onSchemaReady(@Observes SchemaMigration.SchemaReady ready) {
        if (!trust.needed() || running) {
            return;
        }
        running = true;
        Thread relay = threads.newThread(this::run);
        relay.setName("plugboard-change-relay");
        thread = relay;
        relay.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread relay = thread;
        if (relay == null) {
            return;
        }
        relay.interrupt();
        try {
            relay.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection open = connection;
        if (open != null) {
            try {
                open.close();   // still blocked in a connect or a read: end it
            } catch (SQLException ignored) {
                // Shutting down; the database ends the session with the socket.
            }
        }
    }

    private void run() {
        while (running) {
            try (Connection listening = open()) {
                connection = listening;
                listen(listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (trust.lost()) {
                    LOG.warning(() -> "Lost the database connection that hears other nodes' changes (" + describe(e)
                            + "); this node reads the database instead of its caches until it is back");
                } else {
                    LOG.fine(() -> "Still cannot listen for other nodes' changes (" + describe(e) + ")");
                }
            } finally {
                connection = null;
            }
            if (!running) {
                break;
            }
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                break;
            }
            retryMillis = Math.min(retryMillis * 2, LAST_RETRY_MILLIS);
        }
        LOG.fine("The change relay stopped");
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        // A round trip that hangs (a dead network) ends the session after this long; the caches are
        // bypassed long before, when the round trips stop confirming it (CacheTrust).
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        return database.connectDirectly(properties);
    }

    /** Listens until stopped; a failure throws. */
    private void listen(Connection listening) throws SQLException {
        PGConnection notices = listening.unwrap(PGConnection.class);
        try (Statement statement = listening.createStatement()) {
            long sentAt = trust.now();
            statement.execute("LISTEN " + CHANNEL);
            // Only now: a change committed before the LISTEN is covered by this drop, any later one by a notice.
            missed.fire(new DatabaseChangesMissed());
            if (trust.listening(sentAt)) {
                LOG.info("Listening for other nodes' changes (PostgreSQL channel " + CHANNEL + "); caches in use");
            }
            retryMillis = FIRST_RETRY_MILLIS;
            long confirmEvery = trust.confirmEveryMillis();
            long confirmedAt = sentAt;
            while (running) {
                deliver(notices.getNotifications((int) confirmEvery));
                if (trust.now() - confirmedAt >= confirmEvery * 1_000_000L) {
                    long roundTripAt = trust.now();
                    statement.execute("SELECT 1");
                    // Notices committed before the round trip arrived with it or before it.
                    deliver(notices.getNotifications());
                    trust.alive(roundTripAt);
                    confirmedAt = roundTripAt;
                }
            }
        }
    }

    private void deliver(PGNotification[] received) {
        if (received == null) {
            return;
        }
        for (PGNotification notice : received) {
            dispatch(notice.getParameter());
        }
    }

    /** Fires one notice's payload as its event; a payload of unknown form is ignored. */
    void dispatch(String payload) {
        Optional<DatabaseChange> change = DatabaseChange.parse(payload);
        if (change.isEmpty()) {
            LOG.log(Level.FINE, "Ignored a change notice of unknown form: {0}", payload);
        } else if (change.get().everything()) {
            missed.fire(new DatabaseChangesMissed());
        } else {
            changes.fire(change.get());
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
