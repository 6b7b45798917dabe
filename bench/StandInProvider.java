import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in OAuth2 token endpoint for the benchmarks: answers every POST to /token with fresh
 * access and refresh tokens, as fast as the JDK's HTTP server can, so what is measured is the hub.
 * Run: java bench/StandInProvider.java PORT
 */
public class StandInProvider {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        AtomicLong served = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/token", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] body = ("{\"access_token\":\"" + UUID.randomUUID() + "\",\"refresh_token\":\"" + UUID.randomUUID()
                    + "\",\"expires_in\":3600,\"token_type\":\"bearer\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            served.incrementAndGet();
        });
        server.createContext("/served", exchange -> {
            byte[] body = Long.toString(served.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("stand-in provider on http://127.0.0.1:" + port);
    }
}
