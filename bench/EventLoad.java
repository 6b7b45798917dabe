import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the events benchmark: provider webhooks into {@code POST /events/{elementKey}/{base64
 * instance id}} of one hub node, each carrying one change, spread round-robin over the instances of
 * a private element, and the notifications the hub then POSTs to {@code bench/CallbackReceiver.java}.
 * <ol>
 *   <li>Set-up: a private element with webhook data (path routing) and INSTANCES basic-auth
 *       instances with events on and their callback at the receiver.</li>
 *   <li>Warm-up (not measured): the open-loop load below for WARMUP seconds, so the JIT has
 *       compiled the ack and delivery paths, then its deliveries are awaited.</li>
 *   <li>Open loop at RATE webhooks/s for SECONDS: a webhook starts on a fixed schedule whatever the
 *       answers take, over a pool of CONNECTIONS connections (one sending thread each), and its ack
 *       latency counts from the scheduled start, so a stall is not hidden by a waiting client
 *       (the time from the send itself is printed too).</li>
 *   <li>Saturation: SENDERS closed-loop senders, each sending the next webhook as soon as the last
 *       one is answered, for SATURATION_SECONDS: the most the node accepts per second.</li>
 * </ol>
 * After each phase the notifications are awaited; acceptance to callback is the receiver's arrival
 * time minus the time this process read the 200 (both wall clock, same machine). At the end every
 * accepted eventId is looked up among the notifications: lost (never arrived), duplicates (arrived
 * more than once: allowed by at-least-once, but counted); events still missing are awaited up to
 * LEASE_WAIT seconds more, as a failed delivery pass leaves its claimed events to the lease's end. Prints the figures and writes them to
 * RESULT_FILE; {@code --summary FILE...} prints several such files side by side.
 * Bounded in time; only against the loopback node and receiver the script started.
 * Run: java bench/EventLoad.java HUB_BASE AUTH HUB_PID RECEIVER_BASE RUN RATE SECONDS WARMUP CONNECTIONS
 *      SENDERS SATURATION_SECONDS INSTANCES RESULT_FILE [LEASE_WAIT_SECONDS=150]
 *      java bench/EventLoad.java --summary RESULT_FILE...
 */
public class EventLoad {

    static final Pattern EVENT_IDS = Pattern.compile("\"eventIds\"\\s*:\\s*\\[([^\\]]*)\\]");
    /** The provider's change fields, as the element's webhook data reads them. */
    static final String CHANGES = """
            {"list": "/changes", "objectType": "/type", "objectId": "/id", "eventType": "/action",
             "eventTypes": {"add": "CREATED", "update": "UPDATED"}, "date": "/at"}""";

    static HttpClient client;
    static String hub;
    static String auth;
    static String elementKey;
    static List<String> instancePaths = new ArrayList<>();
    static final AtomicLong sequence = new AtomicLong();

    /** One phase's acknowledgements. */
    static final class Phase {
        final String name;
        /** eventId -> wall-clock micros at which the 200 was read. */
        final Map<Long, Long> acked = new ConcurrentHashMap<>();
        final List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());
        final List<Long> serviceNanos = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final AtomicLong ackedTwice = new AtomicLong();
        double elapsed;
        double hubCores;
        double loadCores;
        long lastAckMicros;

        Phase(String name) {
            this.name = name;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--summary")) {
            summary(List.of(args).subList(1, args.length));
            return;
        }
        hub = args[0];
        auth = args[1];
        long pid = Long.parseLong(args[2]);
        String receiver = args[3];
        String run = args[4];
        double rate = Double.parseDouble(args[5]);
        int seconds = Integer.parseInt(args[6]);
        int warmup = Integer.parseInt(args[7]);
        int connections = Integer.parseInt(args[8]);
        int senders = Integer.parseInt(args[9]);
        int saturationSeconds = Integer.parseInt(args[10]);
        int instances = Integer.parseInt(args[11]);
        Path resultFile = Path.of(args[12]);
        int leaseWait = args.length > 13 ? Integer.parseInt(args[13]) : 150;
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        setUp(receiver + "/callback/" + run, instances);
        System.out.printf("set-up     private element %s, %d instances with events on, callback %s/callback/%s%n",
                elementKey, instances, receiver, run);

        Phase warm = new Phase("warm-up");
        openLoop(warm, rate, warmup, connections, pid);
        awaitDeliveries(receiver, run, warm);
        System.out.printf("warm-up    %d s open loop at %.0f/s, not measured (JIT compiles the ack and delivery paths): accepted=%d errors=%d%s%n",
                warmup, rate, warm.acked.size(), warm.errorCount(), warm.errors.isEmpty() ? "" : " " + warm.errors);

        Phase open = new Phase("open");
        openLoop(open, rate, seconds, connections, pid);
        Map<Long, List<Long>> openReceived = awaitDeliveries(receiver, run, open);
        double openDrain = drainSeconds(open, openReceived);
        report(open, openReceived, openDrain, "open loop  rate=%.0f/s connections=%d".formatted(rate, connections));

        Phase saturation = new Phase("saturation");
        closedLoop(saturation, senders, saturationSeconds, pid);
        Map<Long, List<Long>> atEnd = awaitDeliveries(receiver, run, saturation);
        double saturationDrain = drainSeconds(saturation, atEnd);
        report(saturation, atEnd, saturationDrain, "saturation senders=%d closed loop".formatted(senders));

        // Every eventId acknowledged in any phase, against every notification that arrived. Events
        // still missing may sit in a failed drain's claim: they are due again when its lease ends
        // (plugboard.events.dispatch.lease-seconds, 120 s), so they are awaited that long before
        // being counted as lost.
        Map<Long, Long> allAcked = new HashMap<>();
        for (Phase phase : List.of(warm, open, saturation)) {
            allAcked.putAll(phase.acked);
        }
        long missingAtEnd = allAcked.keySet().stream().filter(id -> !atEnd.containsKey(id)).count();
        Map<Long, List<Long>> received = missingAtEnd == 0 ? atEnd : awaitStragglers(receiver, run, allAcked, leaseWait);
        long late = missingAtEnd - allAcked.keySet().stream().filter(id -> !received.containsKey(id)).count();
        long lost = allAcked.keySet().stream().filter(id -> !received.containsKey(id)).count();
        long duplicates = received.values().stream().mapToLong(times -> times.size() - 1).sum();
        long unexpected = received.keySet().stream().filter(id -> !allAcked.containsKey(id)).count();
        long ackedTwice = warm.ackedTwice.get() + open.ackedTwice.get() + saturation.ackedTwice.get();
        System.out.printf("books      accepted eventIds=%d  distinct received=%d  lost=%d  duplicate notifications=%d"
                        + "  received but never acknowledged=%d  eventId acknowledged twice=%d%n",
                allAcked.size(), allAcked.size() - lost, lost, duplicates, unexpected, ackedTwice);
        System.out.printf("books      not delivered 30 s after the load: %d, of which delivered later (after a lease ended)=%d%n",
                missingAtEnd, late);

        Map<String, String> results = new LinkedHashMap<>();
        results.put("run", run);
        results.put("warmup", warmup + " s at " + Math.round(rate) + "/s");
        put(results, "open", open, received, openDrain);
        put(results, "saturation", saturation, received, saturationDrain);
        results.put("rate", String.valueOf(Math.round(rate)));
        results.put("senders", String.valueOf(senders));
        results.put("accepted", String.valueOf(allAcked.size()));
        results.put("received", String.valueOf(allAcked.size() - lost));
        results.put("lost", String.valueOf(lost));
        results.put("duplicates", String.valueOf(duplicates));
        results.put("unexpected", String.valueOf(unexpected));
        results.put("late", missingAtEnd + " / " + late);
        Properties properties = new Properties();
        properties.putAll(results);
        try (var out = Files.newBufferedWriter(resultFile)) {
            properties.store(out, "bench/EventLoad.java " + run);
        }
    }

    // --- set-up -----------------------------------------------------------------------------------

    static void setUp(String callback, int instances) throws Exception {
        elementKey = "bench-hooks-" + Long.toString(System.currentTimeMillis(), 36);
        String element = """
                {"name": "Bench webhooks", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true,
                    "defaultValue": "https://provider.example.com/api"}],
                 "resources": [],
                 "events": {"supported": true, "methods": ["webhook"], "webhook": {"routing": ["path"], "changes": %s}}}
                """.formatted(elementKey, CHANGES);
        HttpResponse<String> created = post(hub + "/elements", auth, element);
        if (created.statusCode() != 200) {
            throw new IllegalStateException("creating the element: " + created.statusCode() + " " + created.body());
        }
        for (int n = 0; n < instances; n++) {
            HttpResponse<String> instance = post(hub + "/instances", auth, """
                    {"element": {"key": "%s"}, "name": "bench-events-%d",
                     "configuration": {"username": "ada", "password": "p4ss", "event.notification.enabled": "true",
                                       "event.vendor.type": "webhook", "event.notification.callback.url": "%s"}}
                    """.formatted(elementKey, n, callback));
            String id = instance.statusCode() == 200 ? topLevel(instance.body(), "id") : null;
            if (id == null) {
                throw new IllegalStateException("creating an instance: " + instance.statusCode() + " " + instance.body());
            }
            instancePaths.add(Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    // --- load -------------------------------------------------------------------------------------

    static void openLoop(Phase phase, double rate, int seconds, int connections, long pid) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long periodNanos = (long) (1e9 / rate);
        long[] cpu = {cpuTicks(pid), cpuTicks(ProcessHandle.current().pid())};
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        for (long n = 0; ; n++) {
            long due = started + n * periodNanos;
            if (due >= deadline) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pool.submit(() -> webhook(phase, due));
        }
        pool.shutdown();
        if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
            System.out.println("warning    webhooks still unanswered 120 s after the end");
        }
        finish(phase, started, cpu, pid);
    }

    static void closedLoop(Phase phase, int senders, int seconds, long pid) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long[] cpu = {cpuTicks(pid), cpuTicks(ProcessHandle.current().pid())};
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        for (int s = 0; s < senders; s++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    webhook(phase, System.nanoTime());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        finish(phase, started, cpu, pid);
    }

    static void finish(Phase phase, long started, long[] cpu, long pid) throws IOException {
        phase.elapsed = (System.nanoTime() - started) / 1e9;
        phase.hubCores = (cpuTicks(pid) - cpu[0]) / 100.0 / phase.elapsed;
        phase.loadCores = (cpuTicks(ProcessHandle.current().pid()) - cpu[1]) / 100.0 / phase.elapsed;
        phase.lastAckMicros = phase.acked.values().stream().mapToLong(Long::longValue).max().orElse(micros());
    }

    /** One webhook with one change, to the next instance in turn. */
    static void webhook(Phase phase, long dueNanos) {
        long n = sequence.getAndIncrement();
        String path = instancePaths.get((int) (n % instancePaths.size()));
        String body = """
                {"changes": [{"type": "contact", "id": "c-%d", "action": "%s", "at": "%s"}]}"""
                .formatted(n, n % 3 == 0 ? "add" : "update", Instant.now().toString());
        long sent = System.nanoTime();
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(hub + "/events/" + elementKey + "/" + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long ackMicros = micros();
            long now = System.nanoTime();
            Matcher ids = EVENT_IDS.matcher(answer.body());
            if (answer.statusCode() != 200 || !ids.find() || ids.group(1).isBlank()) {
                phase.errors.computeIfAbsent("HTTP " + answer.statusCode(), k -> new AtomicLong()).incrementAndGet();
                return;
            }
            phase.ackNanos.add(now - dueNanos);
            phase.serviceNanos.add(now - sent);
            for (String id : ids.group(1).split(",")) {
                if (phase.acked.put(Long.parseLong(id.strip()), ackMicros) != null) {
                    phase.ackedTwice.incrementAndGet();
                }
            }
        } catch (Exception e) {
            phase.errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    // --- deliveries -------------------------------------------------------------------------------

    /**
     * Waits until every eventId of the phase has reached the receiver, or no new notification has
     * arrived for 30 s; returns every notification received so far (eventId -> arrival micros).
     */
    static Map<Long, List<Long>> awaitDeliveries(String receiver, String run, Phase phase) throws Exception {
        int lastCount = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            Map<Long, List<Long>> received = receipts(receiver, run);
            long missing = phase.acked.keySet().stream().filter(id -> !received.containsKey(id)).count();
            if (missing == 0) {
                return received;
            }
            int count = received.values().stream().mapToInt(List::size).sum();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 30_000_000_000L) {
                System.out.printf("warning    %s: %d accepted events not delivered, and nothing arrived for 30 s%n", phase.name, missing);
                return received;
            }
            Thread.sleep(500);
        }
    }

    /** Waits up to {@code seconds} until every acknowledged eventId has arrived; returns what did. */
    static Map<Long, List<Long>> awaitStragglers(String receiver, String run, Map<Long, Long> acked, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            Map<Long, List<Long>> received = receipts(receiver, run);
            if (System.nanoTime() > deadline || acked.keySet().stream().allMatch(received::containsKey)) {
                return received;
            }
            Thread.sleep(1000);
        }
    }

    static Map<Long, List<Long>> receipts(String receiver, String run) throws Exception {
        String text = client.send(HttpRequest.newBuilder(URI.create(receiver + "/receipts/" + run)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<Long, List<Long>> received = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                received.computeIfAbsent(Long.parseLong(line.substring(0, space)), k -> new ArrayList<>(1))
                        .add(Long.parseLong(line.substring(space + 1)));
            }
        }
        return received;
    }

    /** Acceptance to first arrival at the callback, per delivered event of the phase, in nanos. */
    static List<Long> deliveryNanos(Phase phase, Map<Long, List<Long>> received) {
        List<Long> delays = new ArrayList<>();
        phase.acked.forEach((id, ackMicros) -> {
            List<Long> times = received.get(id);
            if (times != null) {
                delays.add((Collections.min(times) - ackMicros) * 1000);
            }
        });
        Collections.sort(delays);
        return delays;
    }

    /** From the phase's last acknowledgement to the arrival of its last notification. */
    static double drainSeconds(Phase phase, Map<Long, List<Long>> received) {
        long last = phase.acked.keySet().stream().filter(received::containsKey)
                .mapToLong(id -> Collections.min(received.get(id))).max().orElse(phase.lastAckMicros);
        return Math.max(0, last - phase.lastAckMicros) / 1e6;
    }

    // --- output -----------------------------------------------------------------------------------

    static void report(Phase phase, Map<Long, List<Long>> received, double drain, String title) {
        List<Long> ack = sorted(phase.ackNanos);
        List<Long> service = sorted(phase.serviceNanos);
        List<Long> delivery = deliveryNanos(phase, received);
        System.out.printf("%-34s accepted=%d in %.1f s (%.0f/s)  errors=%d%s%n", title, phase.acked.size(), phase.elapsed,
                phase.acked.size() / phase.elapsed, phase.errorCount(), phase.errors.isEmpty() ? "" : " " + phase.errors);
        System.out.printf("  ack (200 stored)                 p50=%.1f ms  p99=%.1f ms  max=%.1f ms   from the send itself: p50=%.1f ms  p99=%.1f ms%n",
                percentile(ack, 50), percentile(ack, 99), max(ack), percentile(service, 50), percentile(service, 99));
        System.out.printf("  acceptance -> callback           p50=%.1f ms  p99=%.1f ms  max=%.1f ms   last notification %.1f s after the last ack%n",
                percentile(delivery, 50), percentile(delivery, 99), max(delivery), drain);
        System.out.printf("  cpu                              hub=%.2f cores  load generator=%.2f cores (of %d)%n",
                phase.hubCores, phase.loadCores, Runtime.getRuntime().availableProcessors());
    }

    static void put(Map<String, String> results, String prefix, Phase phase, Map<Long, List<Long>> received, double drain) {
        List<Long> ack = sorted(phase.ackNanos);
        List<Long> service = sorted(phase.serviceNanos);
        List<Long> delivery = deliveryNanos(phase, received);
        results.put(prefix + ".accepted", String.valueOf(phase.acked.size()));
        results.put(prefix + ".errors", String.valueOf(phase.errorCount()));
        results.put(prefix + ".throughput", "%.0f".formatted(phase.acked.size() / phase.elapsed));
        results.put(prefix + ".ack", "%.1f / %.1f ms".formatted(percentile(ack, 50), percentile(ack, 99)));
        results.put(prefix + ".service", "%.1f / %.1f ms".formatted(percentile(service, 50), percentile(service, 99)));
        results.put(prefix + ".ackMax", "%.0f ms".formatted(max(ack)));
        results.put(prefix + ".delivery", "%.0f / %.0f ms".formatted(percentile(delivery, 50), percentile(delivery, 99)));
        results.put(prefix + ".drain", "%.1f s".formatted(drain));
        results.put(prefix + ".cpu", "%.2f / %.2f".formatted(phase.hubCores, phase.loadCores));
    }

    static void summary(List<String> files) throws IOException {
        List<Properties> runs = new ArrayList<>();
        for (String file : files) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(Path.of(file))) {
                properties.load(in);
            }
            runs.add(properties);
        }
        String[][] rows = {
                {"run", "run", ""},
                {"warm-up (not measured)", "warmup", ""},
                {"open loop: webhooks sent/s", "rate", ""},
                {"  accepted/s", "open.throughput", "goal >= 1000"},
                {"  errors", "open.errors", "goal 0"},
                {"  ack p50 / p99", "open.ack", "goal p99 <= 50 ms"},
                {"  ack max", "open.ackMax", ""},
                {"  ack from the send p50 / p99", "open.service", ""},
                {"  acceptance->callback p50 / p99", "open.delivery", "goal p50 <= 1000 ms"},
                {"  last callback after last ack", "open.drain", ""},
                {"  cpu cores hub / load", "open.cpu", ""},
                {"saturation: closed-loop senders", "senders", ""},
                {"  accepted/s", "saturation.throughput", ""},
                {"  errors", "saturation.errors", ""},
                {"  ack p50 / p99", "saturation.ack", ""},
                {"  acceptance->callback p50 / p99", "saturation.delivery", ""},
                {"  last callback after last ack", "saturation.drain", ""},
                {"  cpu cores hub / load", "saturation.cpu", ""},
                {"eventIds accepted (all phases)", "accepted", ""},
                {"  distinct received", "received", ""},
                {"  lost", "lost", "goal 0"},
                {"  duplicate notifications", "duplicates", "at-least-once"},
                {"  received, never acknowledged", "unexpected", "goal 0"},
                {"  missing 30 s after / came later", "late", "lease of a failed drain"},
        };
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("%-34s".formatted(row[0]));
            for (Properties run : runs) {
                line.append("%-22s".formatted(run.getProperty(row[1], "-")));
            }
            line.append(row[2]);
            System.out.println(line.toString().stripTrailing());
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    static HttpResponse<String> post(String url, String authorization, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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

    static List<Long> sorted(List<Long> values) {
        List<Long> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        Collections.sort(copy);
        return copy;
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    static double max(List<Long> sorted) {
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6;
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** utime + stime of a process, in clock ticks (USER_HZ 100). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
