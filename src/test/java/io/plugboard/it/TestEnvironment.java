package io.plugboard.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mockserver.integration.ClientAndServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the over-HTTP suite runs against, set up once per test JVM before Arquillian reads
 * arquillian.xml: the database (a fresh embedded H2 directory, or a real PostgreSQL from the
 * embedded binaries, chosen by the Failsafe execution), MockServer playing every provider, and an
 * operator element directory that points the shipped elements at MockServer.
 *
 * <p>Registered ahead of the Arquillian extension on each test class; the JVM options it computes
 * reach Payara Micro through {@code ${plugboard.it.jvmOptions}} in arquillian.xml.
 */
public final class TestEnvironment implements BeforeAllCallback {

    public static final String ORGANIZATION_SECRET = "it-bootstrap-organization-secret";
    public static final String USER_SECRET = "it-bootstrap-user-secret";
    /** The hub's provider response time-out in the suite, short so time-out tests stay quick. */
    public static final int PROVIDER_TIMEOUT_MS = 3000;
    /** How often the hub's credential scheduler runs in the suite, short so scheduled refreshes are observable. */
    public static final int REFRESH_INTERVAL_SECONDS = 1;
    public static final long EVENT_RETRY_FIRST_DELAY_MS = 200;
    public static final int EVENT_RETRIES = 2;
    /** How often never-expiring credentials are verified in the suite. */
    public static final int VERIFICATION_INTERVAL_SECONDS = 2;
    /** The credential key of the PostgreSQL run (required there; the embedded run generates its own). */
    public static final String ENCRYPTION_KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    /**
     * A provider's host in an element file, templated ones included: {@code {subdomain}.zendesk.com}
     * and {@code {shop}.myshopify.com} move into the stand-in's path with their placeholders, so an
     * instance's own value ({@code acme}) still fills them, now below MockServer.
     */
    private static final Pattern HTTPS_HOST = Pattern.compile("https://((?:[a-z0-9.-]|\\{[A-Za-z0-9._-]+})+)");

    private static ClientAndServer mockServer;
    private static Path standIns;
    private static EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    static synchronized void start() throws IOException {
        if (mockServer != null) {
            return;
        }
        Path work = Path.of(System.getProperty("plugboard.it.work", "target/it"))
                .resolve(System.getProperty("plugboard.it.database", "embedded")).toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);

        mockServer = ClientAndServer.startClientAndServer(0);
        Path elements = Files.createDirectories(work.resolve("elements"));
        writeProviderStandIns(elements, mockServer.getPort());
        standIns = elements;

        List<String> options = new ArrayList<>();
        options.add("-Dplugboard.elements.dir=" + elements);
        // MockServer plays every provider on loopback: name it, and the closed port the tests
        // use for a provider that is down, as the only local destinations the hub may call.
        options.add("-Djava.security.egd=file:/dev/./urandom");   // as the Quick start runs it (docs/performance.md)
        options.add("-Dplugboard.egress.allow=localhost:" + mockServer.getPort() + ",127.0.0.1:9");
        options.add("-Dplugboard.bootstrap.organization.secret=" + ORGANIZATION_SECRET);
        options.add("-Dplugboard.bootstrap.user.secret=" + USER_SECRET);
        options.add("-Dplugboard.provider.read-timeout-ms=" + PROVIDER_TIMEOUT_MS);
        options.add("-Dplugboard.data.dir=" + work.resolve("data"));
        options.add("-Dplugboard.refresh.interval-seconds=" + REFRESH_INTERVAL_SECONDS);
        options.add("-Dplugboard.verification.interval-seconds=" + VERIFICATION_INTERVAL_SECONDS);
        // Event delivery on a test's time scale: retries after 200 ms and 800 ms, then queued.
        options.add("-Dplugboard.events.dispatch.pass-ms=200");
        options.add("-Dplugboard.events.retry.first-delay-ms=" + EVENT_RETRY_FIRST_DELAY_MS);
        options.add("-Dplugboard.events.retry.max=" + EVENT_RETRIES);
        options.add("-Dplugboard.events.retention.pass-seconds=1");
        // Event polling every second, so a due poller (EventPollingIT makes them due) is read at once.
        options.add("-Dplugboard.events.poll.pass-seconds=1");
        if ("postgresql".equals(System.getProperty("plugboard.it.database"))) {
            postgres = EmbeddedPostgres.builder().start();
            options.add("-Dplugboard.db.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
            options.add("-Dplugboard.db.user=postgres");
            options.add("-Dplugboard.db.password=postgres");
            options.add("-Dplugboard.encryption.key=" + ENCRYPTION_KEY);
        } else {
            // The hub's default embedded URL, plus AUTO_SERVER so that tests can open the same file
            // while the hub holds it (TestDatabase), e.g. to inject a fault with a constraint.
            options.add("-Dplugboard.db.url=" + embeddedUrl(work.resolve("data")));
            options.add("-Dplugboard.db.user=plugboard");
        }
        System.setProperty("plugboard.it.jvmOptions", String.join(" ", options));
        System.setProperty("plugboard.it.serverLog", work.resolve("server.log").toString());
        // Maven runs the suite in the project directory.
        System.setProperty("plugboard.it.bootCommands",
                Path.of("server-config/payara-micro/pre-boot-commands.asadmin").toAbsolutePath().toString());
        Runtime.getRuntime().addShutdownHook(new Thread(TestEnvironment::stop));
    }

    private static void stop() {
        if (mockServer != null) {
            mockServer.stop();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // The JVM is exiting; the temporary cluster goes with it.
            }
        }
    }

    public static ClientAndServer mockServer() {
        return mockServer;
    }

    /** MockServer's base URL. */
    /** Where this run's embedded database and generated key live. */
    public static Path dataDirectory() {
        return Path.of(System.getProperty("plugboard.it.work", "target/it"))
                .resolve(System.getProperty("plugboard.it.database", "embedded")).toAbsolutePath().resolve("data");
    }

    /** Payara Micro's log file for this run (every test class's server appends to it). */
    public static Path serverLog() {
        return Path.of(System.getProperty("plugboard.it.serverLog"));
    }

    /** Everything Payara Micro logged in this run (its log file rolls over as server.log.N). */
    public static String serverLogText() throws IOException {
        Path log = serverLog();
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(log.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(log.getFileName().toString())).sorted().toList()) {
                text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    /** The JDBC URL of the embedded run's H2 file, as the hub builds it by default but shareable between processes. */
    static String embeddedUrl(Path dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.resolve("plugboard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    }

    public static boolean onPostgres() {
        return postgres != null;
    }

    public static EmbeddedPostgres postgres() {
        return postgres;
    }

    public static String mockServerUrl() {
        return "http://localhost:" + mockServer.getPort();
    }

    /** The operator directory of stand-ins: each shipped element file as the suite's hub loaded it. */
    public static Path standInElements() {
        return standIns;
    }

    /**
     * Copies each shipped element into the operator directory with every {@code https://host}
     * rewritten to {@code http://localhost:<port>/host}, so a provider's real path appears on
     * MockServer under the provider's host name (a templated host keeps its placeholders there).
     */
    private static void writeProviderStandIns(Path directory, int port) throws IOException {
        for (String file : read("/elements/catalog/index.txt").split("\\R")) {
            if (file.isBlank()) {
                continue;
            }
            String definition = read("/elements/catalog/" + file.strip());
            Matcher matcher = HTTPS_HOST.matcher(definition);
            String rewritten = matcher.replaceAll(m -> Matcher.quoteReplacement("http://localhost:" + port + "/" + m.group(1)));
            Files.writeString(directory.resolve(file.strip()), rewritten, StandardCharsets.UTF_8);
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = TestEnvironment.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
