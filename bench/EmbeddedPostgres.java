import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL for the soak benchmark, from the same io.zonky.test embedded binaries the
 * integration tests use (test scope), so the benchmark needs no system package: starts a
 * throw-away cluster on the given loopback port, writes the server's pid to READY_FILE once it
 * accepts connections, and stops it (and removes the cluster) when this process is terminated.
 * The server runs detached (pg_ctl), so the script can also stop it by that pid if this process
 * was killed outright.
 * Run: java -cp TEST_CLASSPATH bench/EmbeddedPostgres.java PORT READY_FILE
 */
public class EmbeddedPostgres {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path ready = Path.of(args[1]);
        var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
        }));
        String dataDirectory;
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var rows = connection.createStatement().executeQuery("SHOW data_directory")) {
            rows.next();
            dataDirectory = rows.getString(1);
        }
        String pid = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim();
        Files.writeString(ready, pid + "\n");
        System.out.println("PostgreSQL on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
