import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's callback for the events benchmark: answers every notification 200 at once
 * (so what is measured is the hub's delivery, not the application) and records, per run, the
 * {@code eventId} of each notification with the wall-clock time it arrived, in microseconds since
 * the epoch. Wall clock, not {@code nanoTime}: the load generator that took the acknowledgements
 * is another process on the same machine, and both read the same system clock.
 * <ul>
 *   <li>{@code POST /callback/{run}}: a notification ({@code {"message": {"eventId": ...}}}).</li>
 *   <li>{@code GET /receipts/{run}}: one line {@code eventId receivedMicros} per notification
 *       received, duplicates included, in arrival order.</li>
 * </ul>
 * Run: java -Dsun.net.httpserver.nodelay=true bench/CallbackReceiver.java PORT
 */
public class CallbackReceiver {

    static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*(\\d+)");
    /** Per run: "eventId receivedMicros" lines, in arrival order. */
    static final ConcurrentHashMap<String, List<String>> receipts = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        // More threads than the hub's delivery concurrency (8 by default), so none waits here.
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/callback/", exchange -> {
            long micros = micros();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String run = exchange.getRequestURI().getPath().substring("/callback/".length());
            Matcher id = EVENT_ID.matcher(new String(body, StandardCharsets.UTF_8));
            boolean found = id.find();
            if (found) {
                List<String> lines = receipts.computeIfAbsent(run, r -> new ArrayList<>());
                synchronized (lines) {
                    lines.add(id.group(1) + " " + micros);
                }
            }
            exchange.sendResponseHeaders(found ? 200 : 400, -1);
            exchange.close();
        });
        server.createContext("/receipts/", exchange -> {
            String run = exchange.getRequestURI().getPath().substring("/receipts/".length());
            List<String> lines = receipts.getOrDefault(run, List.of());
            String text;
            synchronized (lines) {
                text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        System.out.println("callback receiver on 127.0.0.1:" + port);
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
