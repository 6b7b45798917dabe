import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the provisioning benchmark: closed-loop clients POST /instances for a fixed time after a
 * warm-up and report throughput and latency percentiles; then forced refreshes of distinct
 * instances, with the hub's CPU time per refresh read from /proc. Bounded in count and time, and
 * only ever against the loopback hub the script started.
 * Run: java bench/ProvisionLoad.java HUB_BASE AUTH HUB_PID CONCURRENCY SECONDS WARMUP_SECONDS REFRESHES
 */
public class ProvisionLoad {

    static final String BODY = """
            {"element": {"key": "acton"}, "providerData": {"code": "bench-code"},
             "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "https://app.example.com/cb"},
             "tags": ["bench"], "name": "bench"}""";

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String auth = args[1];
        long pid = Long.parseLong(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int refreshes = Integer.parseInt(args[6]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        if (refreshes == 0) {
            long idleBefore = cpuTicks(pid);
            Thread.sleep(5000);
            System.out.printf("idle       hub-cores-busy=%.3f (5 s with no requests)%n", (cpuTicks(pid) - idleBefore) / 100.0 / 5);
        }
        run(client, hub, auth, concurrency, warmup, null);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long cpuAtStart = cpuTicks(pid);
        long started = System.nanoTime();
        long failures = run(client, hub, auth, concurrency, seconds, latencies);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double provisionCpuMs = (cpuTicks(pid) - cpuAtStart) * 1000.0 / 100.0;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("provision  clients=%d  requests=%d  failures=%d  throughput=%.0f/s  p50=%.1f ms  p99=%.1f ms  max=%.1f ms"
                        + "  hub-cpu-per-provision=%.2f ms  hub-cores-busy=%.2f%n",
                concurrency, sorted.size(), failures, sorted.size() / elapsed, percentile(sorted, 50), percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6,
                sorted.isEmpty() ? 0 : provisionCpuMs / sorted.size(), provisionCpuMs / 1000 / elapsed);
        if (refreshes == 0) {
            return;
        }

        // CPU per refresh: distinct instances, refreshed one after another, hub CPU from /proc.
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < refreshes; n++) {
            HttpResponse<String> created = post(client, hub + "/instances", auth, BODY);
            String id = created.statusCode() == 200 ? topLevel(created.body(), "id") : null;
            if (id != null) {
                ids.add(Long.parseLong(id));
            }
        }
        // Warm-up round: the refresh path compiled and the load's garbage collected first.
        for (Long id : ids) {
            post(client, hub + "/instances/" + id + "/refresh", auth, null);
        }
        System.gc();
        Thread.sleep(2000);
        long cpuBefore = cpuTicks(pid);
        long wallBefore = System.nanoTime();
        int ok = 0;
        for (Long id : ids) {
            if (post(client, hub + "/instances/" + id + "/refresh", auth, null).statusCode() == 200) {
                ok++;
            }
        }
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        long ticks = cpuTicks(pid) - cpuBefore;
        double cpuMs = ticks * 1000.0 / 100.0;  // USER_HZ is 100 on Linux
        System.out.printf("refresh    refreshes=%d  ok=%d  hub-cpu=%.0f ms  cpu-per-refresh=%.2f ms  wall-per-refresh=%.2f ms%n",
                ids.size(), ok, cpuMs, ok == 0 ? 0 : cpuMs / ok, ok == 0 ? 0 : wall * 1000 / ok);
    }

    static long run(HttpClient client, String hub, String auth, int concurrency, int seconds, List<Long> latencies)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong failures = new AtomicLong();
        java.util.concurrent.ConcurrentHashMap<String, AtomicLong> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = post(client, hub + "/instances", auth, BODY);
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            reasons.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        reasons.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        continue;
                    }
                    if (latencies != null) {
                        latencies.add(System.nanoTime() - start);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        if (!reasons.isEmpty() && latencies != null) {
            System.out.println("failures   " + reasons);
        }
        return failures.get();
    }

    /**
     * The value of a top-level property of a JSON object (number or string, unquoted). JSON-B
     * writes properties in lexicographic order, so nested ids (configuration entries) come first.
     */
    static String topLevel(String json, String name) {
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (json.charAt(end) != '"') {
                    end += json.charAt(end) == '\\' ? 2 : 1;
                }
                String text = json.substring(i + 1, end);
                int colon = end + 1;
                while (Character.isWhitespace(json.charAt(colon))) {
                    colon++;
                }
                if (depth == 1 && json.charAt(colon) == ':' && text.equals(name)) {
                    Matcher value = Pattern.compile("\\s*(\"([^\"]*)\"|[-0-9.]+)").matcher(json).region(colon + 1, json.length());
                    if (value.lookingAt()) {
                        return value.group(2) != null ? value.group(2) : value.group(1);
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return null;
    }

    static HttpResponse<String> post(HttpClient client, String url, String auth, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
