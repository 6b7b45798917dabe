import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the soak benchmark: mixed traffic over two hub nodes, round-robin like a plain load
 * balancer, at a steady open-loop rate (operations start on a fixed schedule whatever the answers
 * take, and latency counts from the scheduled start, so a stall is not hidden by a waiting
 * client). Operations: provision (code exchange), list, proxy, refresh, and a disable cycle
 * (disable on one node, proxy on the other that must be refused with 403, enable, proxy on the
 * other that must pass again). Prints errors and p50/p99 per call type, both nodes' resident
 * memory every minute, and the provider's books (token calls expected against received, refresh
 * tokens presented twice). Bounded in time; only against the loopback nodes the script started.
 * Run: java bench/SoakLoad.java HUB_A HUB_B AUTH PID_A PID_B PROVIDER RATE SECONDS SHORT_INSTANCES
 *      SHORT_LIFETIME REFRESH_INTERVAL EXPIRE_EVERY
 */
public class SoakLoad {

    static final String[] TYPES = {"provision", "list", "proxy", "refresh", "disable", "proxy-after-disable",
            "enable", "proxy-after-enable"};

    record Instance(long id, String token) {
    }

    static String[] hubs;
    static String auth;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicLong roundRobin = new AtomicLong();
    static final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    static final Map<String, Map<String, AtomicLong>> errors = new ConcurrentHashMap<>();
    static final List<Instance> pool = Collections.synchronizedList(new ArrayList<>());
    static final LinkedBlockingQueue<Instance> toggles = new LinkedBlockingQueue<>();
    static final AtomicLong explicitRefreshes = new AtomicLong();
    static final AtomicLong provisions = new AtomicLong();
    static final AtomicLong notRefusedAtOnce = new AtomicLong();
    static final AtomicLong notPassingAtOnce = new AtomicLong();
    static final AtomicLong requests = new AtomicLong();
    static final List<Long> refusalDelaysMs = Collections.synchronizedList(new ArrayList<>());
    static final List<Long> passDelaysMs = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        hubs = new String[]{args[0], args[1]};
        auth = args[2];
        long[] pids = {Long.parseLong(args[3]), Long.parseLong(args[4])};
        String provider = args[5];
        double rate = Double.parseDouble(args[6]);
        int seconds = Integer.parseInt(args[7]);
        int shortInstances = Integer.parseInt(args[8]);
        int shortLifetime = Integer.parseInt(args[9]);
        int refreshInterval = Integer.parseInt(args[10]);
        int expireEvery = Integer.parseInt(args[11]);
        for (String type : TYPES) {
            latencies.put(type, Collections.synchronizedList(new ArrayList<>()));
            errors.put(type, new ConcurrentHashMap<>());
        }

        // Set-up (not measured): instances to proxy and refresh, to toggle, and short-lived ones
        // that only the credential schedulers of both nodes refresh.
        for (int n = 0; n < 20; n++) {
            pool.add(provision("bench-code", null));
            toggles.add(provision("bench-code", null));
        }
        for (int n = 0; n < shortInstances; n++) {
            provision("short-code", null);
        }
        for (String type : TYPES) {
            latencies.get(type).clear();
            errors.get(type).clear();
        }
        provisions.set(0);
        requests.set(0);
        Map<String, Long> providerBefore = stats(provider);

        // Warm-up is part of the run on purpose: RSS at start is the node after boot and set-up.
        long[] rssStart = {rssMiB(pids[0]), rssMiB(pids[1])};
        List<long[]> rssTrend = new ArrayList<>();
        rssTrend.add(new long[]{0, rssStart[0], rssStart[1]});
        System.out.printf("soak       rate=%.0f operations/s  duration=%d s  nodes=2  short-lived instances=%d (expires_in %d s)%n",
                rate, seconds, shortInstances, shortLifetime);
        System.out.printf("rss        t=%4d s  node-a=%4d MiB  node-b=%4d MiB%n", 0, rssStart[0], rssStart[1]);

        long[] lastCpu = {cpuTicks(pids[0]), cpuTicks(pids[1])};
        long[] cpuStart = lastCpu.clone();
        System.out.println("load       machine load average at start=" + loadAverage());
        ExecutorService workers = Executors.newFixedThreadPool(64);
        long periodNanos = (long) (1e9 / rate);
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        long nextSample = started + 60_000_000_000L;
        long scheduled = 0;
        for (long n = 0; ; n++) {
            long due = started + n * periodNanos;
            if (due >= deadline) {
                break;
            }
            while (System.nanoTime() < due) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 50_000_000L));
                }
                if (System.nanoTime() >= nextSample) {
                    long t = Math.round((System.nanoTime() - started) / 1e9);
                    long a = rssMiB(pids[0]);
                    long b = rssMiB(pids[1]);
                    rssTrend.add(new long[]{t, a, b});
                    long[] cpu = {cpuTicks(pids[0]), cpuTicks(pids[1])};
                    System.out.printf("rss        t=%4d s  node-a=%4d MiB  node-b=%4d MiB  requests=%d  errors=%d"
                                    + "  cpu node-a=%.2f node-b=%.2f cores  machine load average=%s%n",
                            t, a, b, requests.get(), errorCount(), (cpu[0] - lastCpu[0]) / 100.0 / 60, (cpu[1] - lastCpu[1]) / 100.0 / 60,
                            loadAverage());
                    lastCpu[0] = cpu[0];
                    lastCpu[1] = cpu[1];
                    nextSample += 60_000_000_000L;
                }
            }
            final long dueAt = due;
            workers.submit(() -> operation(dueAt));
            scheduled++;
        }
        workers.shutdown();
        if (!workers.awaitTermination(120, TimeUnit.SECONDS)) {
            System.out.println("warning    operations still running 120 s after the end");
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Thread.sleep(1000);
        long[] rssEnd = {rssMiB(pids[0]), rssMiB(pids[1])};
        rssTrend.add(new long[]{Math.round(elapsed), rssEnd[0], rssEnd[1]});
        Map<String, Long> providerAfter = stats(provider);

        System.out.println();
        System.out.printf("== %d operations scheduled, %d requests in %.0f s (%.1f requests/s), %d cores shared by both nodes, PostgreSQL, load and stand-in%n",
                scheduled, requests.get(), elapsed, requests.get() / elapsed, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-20s %8s %7s %9s %9s %9s  %s%n", "call type", "calls", "errors", "p50 ms", "p99 ms", "max ms", "error kinds");
        for (String type : TYPES) {
            List<Long> sorted = new ArrayList<>(latencies.get(type));
            Collections.sort(sorted);
            long failed = errors.get(type).values().stream().mapToLong(AtomicLong::get).sum();
            System.out.printf("%-20s %8d %7d %9.1f %9.1f %9.1f  %s%n", type, sorted.size() + failed, failed,
                    percentile(sorted, 50), percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6,
                    errors.get(type).isEmpty() ? "" : new TreeMap<>(errors.get(type)).toString());
        }
        System.out.printf("errors     total=%d (goal 0)%n", errorCount());
        System.out.printf("cross-node disable: in force on the other node within p50 %d ms, p99 %d ms, max %d ms of the disable's answer"
                        + " (goal: within 1 s); %d of %d not yet at the other node's first call%n",
                percentileMs(refusalDelaysMs, 50), percentileMs(refusalDelaysMs, 99), max(refusalDelaysMs),
                notRefusedAtOnce.get(), refusalDelaysMs.size());
        System.out.printf("cross-node enable:  in force within p50 %d ms, p99 %d ms, max %d ms; %d of %d not yet at the first call%n",
                percentileMs(passDelaysMs, 50), percentileMs(passDelaysMs, 99), max(passDelaysMs),
                notPassingAtOnce.get(), passDelaysMs.size());
        System.out.println();
        System.out.println("rss trend (MiB)     " + rssTrend.stream().map(s -> "t=" + s[0] + "s").reduce((x, y) -> x + "  " + y).orElse(""));
        System.out.println("  node-a            " + rssTrend.stream().map(s -> String.valueOf(s[1])).reduce((x, y) -> x + "  " + y).orElse(""));
        System.out.println("  node-b            " + rssTrend.stream().map(s -> String.valueOf(s[2])).reduce((x, y) -> x + "  " + y).orElse(""));
        System.out.printf("cpu        node-a=%.2f node-b=%.2f cores on average; machine load average at end=%s%n",
                (cpuTicks(pids[0]) - cpuStart[0]) / 100.0 / elapsed, (cpuTicks(pids[1]) - cpuStart[1]) / 100.0 / elapsed, loadAverage());
        System.out.printf("rss        node-a start=%d end=%d MiB   node-b start=%d end=%d MiB   (goal: no growth trend)%n",
                rssStart[0], rssEnd[0], rssStart[1], rssEnd[1]);
        for (int node = 0; node < 2; node++) {
            // Least-squares slope over the samples from minute 2 on (the first minute is JIT and warm-up).
            double slope = slope(rssTrend, node + 1, 120);
            System.out.printf("rss        node-%s slope from t=120 s: %+.1f MiB/min%n", node == 0 ? "a" : "b", slope);
        }

        // Provider books: what the token endpoint should have received, against what it did.
        long codeGrants = delta(providerBefore, providerAfter, "codeGrants");
        long refreshGrants = delta(providerBefore, providerAfter, "refreshGrants");
        long shortGrants = delta(providerBefore, providerAfter, "shortRefreshGrants");
        long expired = delta(providerBefore, providerAfter, "expiredMarked");
        long reused = providerAfter.getOrDefault("reusedRefreshTokens", -1L);
        long unknown = providerAfter.getOrDefault("unknownRefreshTokens", -1L) + providerAfter.getOrDefault("unknownAccessTokens", -1L);
        double low = shortInstances * elapsed / (shortLifetime / 2.0 + refreshInterval);
        double high = shortInstances * (elapsed / (shortLifetime / 2.0) + 1);
        System.out.println();
        System.out.println("token endpoint (measured phase)              expected            received");
        System.out.printf("  code exchanges                             %-19d %d%n", provisions.get(), codeGrants);
        System.out.printf("  refreshes of long-lived instances          <= %-16d %d   (%d forced + %d provider 401s on proxy calls)%n",
                explicitRefreshes.get() + expired, refreshGrants - shortGrants, explicitRefreshes.get(), expired);
        System.out.printf("  scheduler refreshes, %d short-lived          %.0f - %.0f          %d   (every %d-%d s per instance, whichever node)%n",
                shortInstances, low, high, shortGrants, shortLifetime / 2, shortLifetime / 2 + refreshInterval);
        System.out.printf("  refresh token presented twice              0                   %d%n", reused);
        System.out.printf("  shortest gap between refreshes of one short-lived instance: %d ms (a duplicate would be near 0; expected >= %d ms)%n",
                providerAfter.getOrDefault("shortestShortGapMs", -1L), shortLifetime / 2 * 1000);
        System.out.printf("  unknown tokens presented to the provider   0                   %d%n", unknown);
    }

    static void operation(long dueAt) {
        int pick = ThreadLocalRandom.current().nextInt(20);
        try {
            if (pick < 9) {
                Instance instance = randomInstance();
                call("proxy", dueAt, "GET", next(), "/proxy/list", instance.token(), null, 200);
            } else if (pick < 12) {
                call("list", dueAt, "GET", next(), "/instances?pageSize=50", null, null, 200);
            } else if (pick < 15) {
                Instance created = provision("bench-code", dueAt);
                if (created != null) {
                    pool.add(created);
                }
            } else if (pick < 18) {
                Instance instance = randomInstance();
                if (call("refresh", dueAt, "POST", next(), "/instances/" + instance.id() + "/refresh", null, null, 200) != null) {
                    explicitRefreshes.incrementAndGet();
                }
            } else {
                disableCycle(dueAt);
            }
        } catch (Exception unexpected) {
            unexpected.printStackTrace();
        }
    }

    /** Disable on one node, proxy on the other (403), enable, proxy on the other (200). */
    static void disableCycle(long dueAt) throws Exception {
        Instance instance = toggles.poll(5, TimeUnit.SECONDS);
        if (instance == null) {
            errors.get("disable").computeIfAbsent("no instance free to toggle", k -> new AtomicLong()).incrementAndGet();
            return;
        }
        try {
            int node = next();
            int other = 1 - node;
            if (call("disable", dueAt, "DELETE", node, "/instances/" + instance.id() + "/enabled", null, null, 200) == null) {
                return;
            }
            long disabledAt = System.nanoTime();
            inForceOnOtherNode("proxy-after-disable", other, instance, 403, disabledAt, refusalDelaysMs, notRefusedAtOnce);
            if (call("enable", System.nanoTime(), "PUT", next(), "/instances/" + instance.id() + "/enabled", null, null, 200) == null) {
                return;
            }
            long enabledAt = System.nanoTime();
            inForceOnOtherNode("proxy-after-enable", other, instance, 200, enabledAt, passDelaysMs, notPassingAtOnce);
        } finally {
            toggles.add(instance);
        }
    }

    /**
     * The goal: a write on one node is in force on every node within 1 s. Polls the other
     * node (every 10 ms) from the write's answer until it answers as expected; records how long
     * that took, and counts an error of {@code type} only past 1 s. The latency of {@code type} is
     * the time until the expected answer.
     */
    static void inForceOnOtherNode(String type, int other, Instance instance, int expected, long since,
                                   List<Long> delaysMs, AtomicLong notAtOnce) throws Exception {
        boolean first = true;
        long sent;
        while ((sent = System.nanoTime()) - since < 1_000_000_000L) {
            int status = send("GET", other, "/proxy/list", instance.token(), null).statusCode();
            if (status == expected) {
                latencies.get(type).add(System.nanoTime() - since);
                // In force for a request sent this long after the write's answer (its own time on
                // the wire and in the node's queue is not propagation).
                delaysMs.add((sent - since) / 1_000_000);
                return;
            }
            if (first) {
                notAtOnce.incrementAndGet();
                first = false;
            }
            Thread.sleep(10);
        }
        errors.get(type).computeIfAbsent("not in force within 1 s", k -> new AtomicLong()).incrementAndGet();
    }

    static Instance provision(String code, Long dueAt) throws Exception {
        String body = """
                {"element": {"key": "acton"}, "providerData": {"code": "%s"},
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "https://app.example.com/cb"},
                 "tags": ["soak"], "name": "soak"}""".formatted(code);
        HttpResponse<String> created = call("provision", dueAt == null ? System.nanoTime() : dueAt, "POST", next(), "/instances", null, body, 200);
        if (created == null) {
            if (dueAt == null) {
                throw new IllegalStateException("set-up provisioning failed");
            }
            return null;
        }
        provisions.incrementAndGet();
        String id = topLevel(created.body(), "id");
        String token = topLevel(created.body(), "token");
        if (id == null || token == null) {
            throw new IllegalStateException("no id or token in " + created.body());
        }
        return new Instance(Long.parseLong(id), token);
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

    /** One timed call; the response if it had the expected status, otherwise null and an error counted. */
    static long percentileMs(List<Long> values, int percentile) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    static HttpResponse<String> call(String type, long startNanos, String method, int node, String path, String elementToken,
                                     String body, int expected) {
        try {
            HttpResponse<String> response = send(method, node, path, elementToken, body);
            if (response.statusCode() != expected) {
                errors.get(type).computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                return null;
            }
            latencies.get(type).add(System.nanoTime() - startNanos);
            return response;
        } catch (Exception e) {
            errors.get(type).computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            return null;
        }
    }

    static HttpResponse<String> send(String method, int node, String path, String elementToken, String body) throws Exception {
        requests.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hubs[node] + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", elementToken == null ? auth : auth + ", Element " + elementToken);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int next() {
        return (int) (roundRobin.getAndIncrement() % 2);
    }

    static Instance randomInstance() {
        synchronized (pool) {
            return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
        }
    }

    static long errorCount() {
        return errors.values().stream().flatMap(m -> m.values().stream()).mapToLong(AtomicLong::get).sum();
    }

    static Map<String, Long> stats(String provider) throws Exception {
        Map<String, Long> values = new HashMap<>();
        String text = client.send(HttpRequest.newBuilder(URI.create(provider + "/stats")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        return values;
    }

    static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    static long max(List<Long> values) {
        synchronized (values) {
            return values.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    static double slope(List<long[]> samples, int column, long fromSecond) {
        List<long[]> used = samples.stream().filter(s -> s[0] >= fromSecond).toList();
        if (used.size() < 2) {
            return 0;
        }
        double meanX = used.stream().mapToDouble(s -> s[0] / 60.0).average().orElse(0);
        double meanY = used.stream().mapToDouble(s -> s[column]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (long[] s : used) {
            num += (s[0] / 60.0 - meanX) * (s[column] - meanY);
            den += (s[0] / 60.0 - meanX) * (s[0] / 60.0 - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    /** utime + stime of a process, in clock ticks (USER_HZ 100). */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String loadAverage() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static long rssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
