import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of the server smoke scripts (server-config/wildfly/smoke.sh,
 * server-config/payara-server/smoke.sh) against a server running elements.war, with only the
 * JDK: a local upstream for the proxied call, then readiness with the database check, the api-v2
 * error shape, the catalog, provisioning, a proxied call, the console's sign-in page, and three
 * malformed requests sent on a plain socket (a 20 000-character header, non-ASCII header bytes, a
 * NUL in the path). What the HTTP listener answers to the last two by itself differs by runtime
 * (docs/api.md, "What the listener answers by itself"), so the runtime is the fourth argument.
 * Exits 1 if any check fails. The server must run with the bootstrap secrets below and
 * {@code PLUGBOARD_EGRESS_ALLOW=127.0.0.1:<upstream port>}.
 *
 * <p>With a fifth argument, the JDBC URL of the server's database (an H2 file opened through
 * AUTO_SERVER, the H2 jar on the class path), it also checks that a write failing half-way stores
 * nothing: a constraint it adds refuses the last statement of a provisioning, and no row of that
 * instance may remain. That is the runtime's transaction handling under test, which differs per
 * server.
 *
 * <p>Usage: {@code java [-cp h2.jar] SmokeCheck.java <http port> <port serving /health/ready> <upstream port> payara|wildfly [jdbc url]}
 */
public class SmokeCheck {

    private static final String AUTH = "User smoke-user-secret, Organization smoke-organization-secret";
    private static final String UPSTREAM_BODY = "{\"data\":{\"username\":\"ada\"}}";
    /** HTTP/1.1: no h2c upgrade, whose answer a listener being reconfigured (the header buffer, below) may never send. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DATABASE_STATUS = "\"name\":\"database\",\"status\":\"(\\w+)\"";
    private static int failures;

    public static void main(String[] args) throws Exception {
        String web = "http://127.0.0.1:" + args[0];
        int httpPort = Integer.parseInt(args[0]);
        boolean grizzly = "payara".equals(args[3]);
        String api = web + "/elements/api-v2";
        String management = "http://127.0.0.1:" + args[1];
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2])), 0);
        upstream.createContext("/v1/users/self", exchange -> {
            byte[] body = UPSTREAM_BODY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        try {
            // The deployment takes a while, and the database check is DOWN until the schema is migrated.
            // By the clock, each probe on its own short time-out: a probe that hangs (a listener
            // being restarted by the set command that precedes this) must not use up the wait.
            String readiness = "";
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!group(readiness, DATABASE_STATUS).equals("UP") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                readiness = bodyOrEmpty(get(management + "/health/ready", null, Duration.ofSeconds(5)));
            }
            check("ready, database check included", "UP", group(readiness, DATABASE_STATUS));
            if (!group(readiness, DATABASE_STATUS).equals("UP")) {
                // What the server said last, so that a CI log shows which check held readiness back.
                System.out.println("      last /health/ready answer: " + (readiness.isEmpty() ? "(none)"
                        : readiness.substring(0, Math.min(readiness.length(), 2000))));
            }

            HttpResponse<String> refused = get(api + "/elements/keys", null);
            check("401 in the api-v2 shape", "401 true", refused.statusCode() + " "
                    + (refused.body().contains("\"requestId\"") && refused.body().contains("\"message\"")));
            check("catalog", "true", String.valueOf(get(api + "/elements/keys", AUTH).body().contains("\"instagram\"")));

            HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/instances"))
                    .header("Authorization", AUTH).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"element": {"key": "instagram"}, "externalAuthentication": "initial", "name": "smoke",
                             "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret",
                                               "oauth.callback.url": "https://app.example.com/cb",
                                               "oauth.user.token": "smoke-token",
                                               "base.url": "http://127.0.0.1:%s/v1"}}""".formatted(args[2])))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String token = group(created.body(), "\"token\":\"([^\"]+)\"");
            check("instance provisioned", "200 true", created.statusCode() + " " + !token.isEmpty());
            // JSON-B writes dates as ISO strings; a server that swapped in another JSON binding writes numbers.
            check("bodies written by JSON-B (createdDate an ISO string)", "true",
                    String.valueOf(created.body().matches("(?s).*\"createdDate\":\"\\d{4}-\\d{2}-\\d{2}T.*")));
            check("proxied call relayed", UPSTREAM_BODY, get(api + "/proxy/users/self", AUTH + ", Element " + token).body());
            check("console sign-in page", "200", String.valueOf(get(web + "/elements/console/login.xhtml", null).statusCode()));

            // The listener must let a 20 000-character header through (Payara: header-buffer-length-bytes).
            check("20 000-character header: 431 in the api-v2 shape", "431 api-v2",
                    raw(httpPort, request("/elements/api-v2/elements/keys", "Authorization: User " + "a".repeat(20_000))));
            // Grizzly refuses these by itself, with an empty 400; Undertow lets them reach the hub.
            check("non-ASCII header bytes", grizzly ? "400 empty" : "401 api-v2",
                    raw(httpPort, concat(request("/elements/api-v2/elements/keys", null),
                            "Authorization: User \u00e9\u00e8, Organization \u2603\r\n\r\n".getBytes(StandardCharsets.UTF_8))));
            check("NUL in the path", grizzly ? "400 empty" : "404 api-v2",
                    raw(httpPort, request("/elements/api-v2/instances/%00", "Authorization: " + AUTH)));
            check("still serving after them", "true", String.valueOf(get(api + "/elements/keys", AUTH).body().contains("\"instagram\"")));
            if (args.length > 4) {
                checkAtomicProvisioning(api, args[4], args[2]);
            }
        } finally {
            upstream.stop(0);
        }
        if (failures > 0) {
            System.out.println(failures + " check(s) failed");
            System.exit(1);
        }
    }

    /** A provisioning whose tag the database refuses, after the instance and configuration rows: nothing may stay. */
    private static void checkAtomicProvisioning(String api, String jdbcUrl, String upstreamPort) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "plugboard", ""); Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE instance_tag ADD CONSTRAINT smoke_fault CHECK (tag <> 'smoke-fault')");
            try {
                long configurationRows = count(sql, "SELECT COUNT(*) FROM instance_configuration");
                HttpResponse<String> failed = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/instances"))
                        .header("Authorization", AUTH).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"element": {"key": "instagram"}, "externalAuthentication": "initial", "name": "smoke-fault",
                                 "tags": ["kept", "smoke-fault"],
                                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret",
                                                   "oauth.callback.url": "https://app.example.com/cb",
                                                   "oauth.user.token": "smoke-token",
                                                   "base.url": "http://127.0.0.1:%s/v1"}}""".formatted(upstreamPort)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                check("a provisioning failing half-way answers 500 in the api-v2 shape", "500 true",
                        failed.statusCode() + " " + failed.body().contains("\"requestId\""));
                check("... and stores no instance row", "0", String.valueOf(count(sql, "SELECT COUNT(*) FROM instance WHERE name = 'smoke-fault'")));
                check("... and no configuration row", String.valueOf(configurationRows),
                        String.valueOf(count(sql, "SELECT COUNT(*) FROM instance_configuration")));
            } finally {
                sql.execute("ALTER TABLE instance_tag DROP CONSTRAINT smoke_fault");
            }
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static HttpResponse<String> get(String url, String authorization) throws InterruptedException {
        return get(url, authorization, Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(String url, String authorization, Duration timeout) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A GET with {@code Connection: close}; {@code header} (one line) or null ends the head. */
    private static byte[] request(String path, String header) {
        String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        return (header == null ? head : head + header + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * Sends raw bytes (which HttpClient would refuse to) and sums up the answer as
     * "status api-v2" (a JSON body whose requestId is the Elements-Request-Id header), "status
     * empty" (no body), or "status other: ...". A server that does not answer in 20 s fails.
     */
    private static String raw(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            String answer = received.toString(StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 ") || end < 0) {
                return "no HTTP answer: " + answer;
            }
            String status = answer.substring(9, 12);
            String head = answer.substring(0, end).toLowerCase(java.util.Locale.ROOT);
            String body = answer.substring(end + 4);
            String requestId = group(body, "\"requestId\":\"([0-9a-f]+)\"");
            if (body.isEmpty()) {
                return status + " empty";
            }
            if (body.contains("\"message\"") && !requestId.isEmpty() && head.contains("elements-request-id: " + requestId)) {
                return status + " api-v2";
            }
            return status + " other: " + body;
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private static String bodyOrEmpty(HttpResponse<String> response) {
        return response == null ? "" : response.body().replaceAll("\\s", "");
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text == null ? "" : text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void check(String name, String expected, String actual) {
        if (expected.equals(actual)) {
            System.out.println("ok    " + name);
        } else {
            System.out.println("FAIL  " + name + ": expected " + expected + ", got " + actual);
            failures++;
        }
    }
}
