import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in OAuth2 provider for the benchmarks, as fast as the JDK's HTTP server can be, so what
 * is measured is the hub. {@code POST /token} answers every grant with fresh access and refresh
 * tokens; {@code GET /api/1/...} is a small JSON API that accepts the access tokens it issued.
 * <p>
 * For the soak benchmark it also keeps the books that show whether two nodes did the same work
 * twice: a code starting with {@code short} (and the refresh tokens of its chain) gets a short
 * {@code expires_in}, so the hub's credential scheduler has work; every refresh token is expected
 * once (a second presentation means two refreshes of one instance raced past the row lock); the
 * shortest gap between two refreshes of one short chain is kept (a duplicate shows as a gap near
 * zero). Every {@code EXPIRE_EVERY}-th API call marks the presented token expired and answers
 * 401, so the hub's refresh-on-401 path runs now and then.
 * Run: java bench/StandInProvider.java PORT [SHORT_LIFETIME_SECONDS=20] [EXPIRE_EVERY=0 (never)]
 */
public class StandInProvider {

    static final AtomicLong served = new AtomicLong();
    static final AtomicLong codeGrants = new AtomicLong();
    static final AtomicLong refreshGrants = new AtomicLong();
    static final AtomicLong shortRefreshGrants = new AtomicLong();
    static final AtomicLong reusedRefreshTokens = new AtomicLong();
    static final AtomicLong unknownRefreshTokens = new AtomicLong();
    static final AtomicLong apiCalls = new AtomicLong();
    static final AtomicLong expiredMarked = new AtomicLong();
    static final AtomicLong unknownAccessTokens = new AtomicLong();
    static final AtomicLong shortestShortGapMs = new AtomicLong(Long.MAX_VALUE);
    /** Issued refresh tokens: false until presented once. */
    static final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    /** Issued access tokens: true once marked expired. */
    static final Map<String, Boolean> accessTokens = new ConcurrentHashMap<>();
    /** Last refresh per short chain, in ms. */
    static final Map<String, Long> lastShortRefresh = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int shortLifetime = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long expireEvery = args.length > 2 ? Long.parseLong(args[2]) : 0;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/token", exchange -> {
            Map<String, String> form;
            try (InputStream in = exchange.getRequestBody()) {
                form = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String chain;
            boolean isShort;
            if ("refresh_token".equals(form.get("grant_type"))) {
                String presented = form.getOrDefault("refresh_token", "");
                refreshGrants.incrementAndGet();
                Boolean used = refreshTokens.put(presented, true);
                if (used == null) {
                    unknownRefreshTokens.incrementAndGet();
                } else if (used) {
                    reusedRefreshTokens.incrementAndGet();
                }
                String[] parts = presented.split("~");
                isShort = presented.startsWith("short~");
                chain = parts.length > 1 ? parts[1] : UUID.randomUUID().toString();
                if (isShort) {
                    shortRefreshGrants.incrementAndGet();
                    long now = System.currentTimeMillis();
                    Long previous = lastShortRefresh.put(chain, now);
                    if (previous != null) {
                        shortestShortGapMs.accumulateAndGet(now - previous, Math::min);
                    }
                }
            } else {
                codeGrants.incrementAndGet();
                isShort = form.getOrDefault("code", "").startsWith("short");
                chain = UUID.randomUUID().toString();
                if (isShort) {
                    lastShortRefresh.put(chain, System.currentTimeMillis());
                }
            }
            String access = UUID.randomUUID().toString();
            String refresh = (isShort ? "short~" : "long~") + chain + "~" + UUID.randomUUID();
            accessTokens.put(access, false);
            refreshTokens.put(refresh, false);
            respond(exchange, 200, "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh
                    + "\",\"expires_in\":" + (isShort ? shortLifetime : 3600) + ",\"token_type\":\"bearer\"}");
            served.incrementAndGet();
        });
        server.createContext("/api/1/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            long call = apiCalls.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
            Boolean expired = accessTokens.get(token);
            if (expired == null) {
                unknownAccessTokens.incrementAndGet();
                respond(exchange, 401, "{\"error\":\"unknown token\"}");
            } else if (expired) {
                respond(exchange, 401, "{\"error\":\"token expired\"}");
            } else if (expireEvery > 0 && call % expireEvery == 0) {
                accessTokens.put(token, true);
                expiredMarked.incrementAndGet();
                respond(exchange, 401, "{\"error\":\"token expired\"}");
            } else {
                respond(exchange, 200, "{\"result\":[{\"id\":\"l-0001\",\"name\":\"Newsletter\",\"count\":1204},"
                        + "{\"id\":\"l-0002\",\"name\":\"Customers\",\"count\":87}]}");
            }
        });
        server.createContext("/served", exchange -> respond(exchange, 200, Long.toString(served.get())));
        server.createContext("/stats", exchange -> respond(exchange, 200,
                "codeGrants=" + codeGrants + "\nrefreshGrants=" + refreshGrants + "\nshortRefreshGrants=" + shortRefreshGrants
                        + "\nreusedRefreshTokens=" + reusedRefreshTokens + "\nunknownRefreshTokens=" + unknownRefreshTokens
                        + "\napiCalls=" + apiCalls + "\nexpiredMarked=" + expiredMarked + "\nunknownAccessTokens=" + unknownAccessTokens
                        + "\nshortestShortGapMs=" + (shortestShortGapMs.get() == Long.MAX_VALUE ? -1 : shortestShortGapMs.get()) + "\n"));
        server.start();
        System.out.println("stand-in provider on http://127.0.0.1:" + port);
    }

    static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", text.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
