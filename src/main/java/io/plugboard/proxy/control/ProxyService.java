package io.plugboard.proxy.control;

import io.plugboard.elements.control.ConfigTemplates;
import io.plugboard.elements.control.ProviderHeaders;
import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.instances.control.CredentialRefresher;
import io.plugboard.instances.control.Credentials;
import io.plugboard.oauth.control.ProviderAuthorization;
import io.plugboard.platform.control.EgressGuard;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderHttp;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls a provider on an instance's behalf: builds the URL below the element's {@code base.url}
 * (never above it), applies the instance's rate limit, forwards the caller's safe headers and its
 * body (streamed; buffered only when small enough to replay or to sign), adds the element's fixed
 * {@code provider.headers} and the instance's credentials by authentication type, and handles
 * the provider's 401 (one refresh, single flight, one retry) and its 429/5xx answers (bounded
 * retries with back-off for idempotent calls).
 */
@ApplicationScoped
public class ProxyService {

    /** Hop-by-hop and caller-identity headers: never forwarded to a provider. */
    static final Set<String> DROPPED_REQUEST_HEADERS = Set.of("host", "connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "authorization",
            "cookie", "content-length", "expect", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "elements-request-id");
    /** Hop-by-hop and hub-irrelevant response headers: never relayed to the caller. */
    public static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "set-cookie", "content-length");

    static final String RATE_PER_SECOND = "ratelimit.per.second";
    static final String RATE_BURST = "ratelimit.burst";

    @Inject
    ProviderHttp http;
    @Inject
    ProxyTargets targets;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    CredentialRefresher refresher;

    @Inject
    @ConfigProperty(name = "plugboard.proxy.max-buffered-body-bytes", defaultValue = "1048576")
    int maxBufferedBody;

    @Inject
    @ConfigProperty(name = "plugboard.proxy.retry.max-attempts", defaultValue = "3")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "plugboard.proxy.retry.base-delay-ms", defaultValue = "200")
    long retryBaseDelayMs;

    @Inject
    @ConfigProperty(name = "plugboard.proxy.retry.budget-ms", defaultValue = "10000")
    long retryBudgetMs;

    private final ProviderAuthorization authorization = new ProviderAuthorization();

    public ProxyResult call(long organizationId, long instanceId, ProxyCall call) {
        return targets.load(organizationId, instanceId).fold(target -> call(organizationId, target, call), ProxyResult.Failed::new);
    }

    /** For callers that already loaded the instance (by its token, or to map a hub resource). */
    public ProxyResult call(long organizationId, ProxyTargets.Target target, ProxyCall call) {
        long started = System.nanoTime();
        if (target.disabled()) {
            return new ProxyResult.Disabled(target.instanceId());
        }
        Outcome<URI> url = url(target.configuration(), call.rawPath(), call.rawQuery());
        if (!(url instanceof Outcome.Success<URI> destination)) {
            return new ProxyResult.Failed(url);
        }
        Optional<ProxyResult> refused = refusedBeforeSending(target, destination.value());
        if (refused.isPresent()) {
            return refused.get();
        }
        Body body;
        try {
            body = Body.of(call, maxBufferedBody);
        } catch (IOException e) {
            return new ProxyResult.Failed(Outcome.invalid("The request body could not be read."));
        }
        return new Exchange(organizationId, target, call, destination.value(), body, started).run();
    }

    /** The egress guard's refusal, or the instance's exhausted rate limit: either way nothing is sent. */
    private Optional<ProxyResult> refusedBeforeSending(ProxyTargets.Target target, URI destination) {
        boolean httpAllowed = EgressGuard.allowsHttp(target.configuration()::get);
        if (http.guard().check(destination, httpAllowed) instanceof EgressGuard.Verdict.Refused refused) {
            return Optional.of(new ProxyResult.Failed(Outcome.invalid(refused.reason())));
        }
        RateLimiter.Decision decision = rateLimiter.acquire(target.instanceId(),
                number(target.configuration().get(RATE_PER_SECOND)), number(target.configuration().get(RATE_BURST)));
        return decision.allowed() ? Optional.empty() : Optional.of(new ProxyResult.RateLimited(decision.retryAfterSeconds()));
    }

    /**
     * One call's attempts at the provider, and what they carry from one to the next: the target
     * (reloaded after a refresh), whether the one refresh is spent, the attempt number and the
     * time spent waiting for the provider.
     */
    private final class Exchange {
        private final long organizationId;
        private final ProxyCall call;
        private final URI destination;
        private final Body body;
        private final long started;
        private final RetryPolicy retries =
                new RetryPolicy(maxAttempts, Duration.ofMillis(retryBaseDelayMs), Duration.ofMillis(retryBudgetMs));
        private ProxyTargets.Target target;
        private boolean refreshed;
        private int attempt = 1;
        private long upstreamNanos;

        Exchange(long organizationId, ProxyTargets.Target target, ProxyCall call, URI destination, Body body, long started) {
            this.organizationId = organizationId;
            this.target = target;
            this.call = call;
            this.destination = destination;
            this.body = body;
            this.started = started;
        }

        ProxyResult run() {
            while (true) {
                Outcome<ClassicHttpResponse> sent = request().flatMap(this::send);
                if (!(sent instanceof Outcome.Success<ClassicHttpResponse> answered)) {
                    return new ProxyResult.Failed(sent);
                }
                ClassicHttpResponse response = answered.value();
                int status = response.getCode();
                if (status == 401 && !refreshed && body.replayable() && target.authentication() == AuthenticationType.OAUTH2) {
                    Outcome<ProxyTargets.Target> fresh = refreshAfter401(response);
                    if (!(fresh instanceof Outcome.Success<ProxyTargets.Target> reloaded)) {
                        return new ProxyResult.Failed(fresh);
                    }
                    target = reloaded.value();
                    continue;
                }
                Optional<Duration> wait = retryWait(response);
                if (wait.isPresent()) {
                    close(response);
                    if (!sleep(wait.get())) {
                        return new ProxyResult.Failed(new Outcome.ProviderTimedOut<>("Interrupted while waiting to retry."));
                    }
                    attempt++;
                    continue;
                }
                long total = System.nanoTime() - started;
                return new ProxyResult.Relayed(response, upstreamNanos / 1_000_000,
                        Math.max(0, total - upstreamNanos) / 1_000_000, target.element().key());
            }
        }

        /** The provider request with the caller's safe headers, the body and the target's current credentials. */
        private Outcome<ClassicHttpRequest> request() {
            Optional<ProviderAuthorization.Credentials> credentials = authorization.credentials(call.method(),
                    destination, body.formParameters(), target.authentication(), target.configuration());
            if (credentials.isEmpty()) {
                return Outcome.invalid("Instance " + target.instanceId()
                        + " holds no credentials for its provider; re-authenticate it.");
            }
            Outcome<Map<String, String>> fixed = ProviderHeaders.resolve(target.configuration());
            if (!(fixed instanceof Outcome.Success<Map<String, String>> fixedHeaders)) {
                return fixed.asFailure();
            }
            URI uri = credentials.get().query().isEmpty() ? destination
                    : URI.create(Urls.withQuery(destination.toString(), credentials.get().query()));
            ClassicRequestBuilder request = ClassicRequestBuilder.create(call.method()).setUri(uri);
            call.headers().forEach((name, values) -> {
                if (!DROPPED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("content-type")) {
                    values.forEach(value -> request.addHeader(name, value));
                }
            });
            // The element's fixed headers replace the caller's of the same name; credentials come last.
            fixedHeaders.value().forEach(request::setHeader);
            credentials.get().headers().forEach(request::setHeader);
            request.setEntity(body.entity(call.contentType()));
            return Outcome.success(request.build());
        }

        /** The provider's answer (open, streamed), or why there is none: refused at connect time, silent, unreachable. */
        private Outcome<ClassicHttpResponse> send(ClassicHttpRequest request) {
            long sent = System.nanoTime();
            ClassicHttpResponse response;
            try {
                response = http.client().executeOpen(null, request, null);
            } catch (EgressGuard.EgressRefusedException e) {
                return Outcome.invalid(e.getMessage());
            } catch (InterruptedIOException e) {
                return new Outcome.ProviderTimedOut<>("The provider did not answer in time.");
            } catch (IOException e) {
                return new Outcome.ProviderFailed<>("The provider could not be reached ("
                        + e.getClass().getSimpleName() + ").", null);
            }
            upstreamNanos += System.nanoTime() - sent;
            return Outcome.success(response);
        }

        /**
         * Spends the one refresh on the provider's 401: single flight against the credentials this
         * call read, then the instance as stored now.
         */
        private Outcome<ProxyTargets.Target> refreshAfter401(ClassicHttpResponse unauthorized) {
            refreshed = true;
            close(unauthorized);
            var result = refresher.refreshStale(target.instanceId(), target.readAt(),
                    target.configuration().get(Credentials.ACCESS_TOKEN));
            if (!(result instanceof CredentialRefresher.RefreshResult.Refreshed)) {
                return new Outcome.ProviderFailed<>(
                        "The provider rejected the instance's credentials and they could not be refreshed.", null);
            }
            return targets.reload(organizationId, target.instanceId());
        }

        /** How long to wait before the next attempt, or empty when this answer is to be relayed. */
        private Optional<Duration> retryWait(ClassicHttpResponse response) {
            if (!retries.mayRetry(call.method(), call.hasBody(), response.getCode())) {
                return Optional.empty();
            }
            return retries.delay(attempt, System.nanoTime() - started, header(response, "Retry-After"),
                    header(response, "X-RateLimit-Reset"), System.currentTimeMillis() / 1000);
        }
    }

    /**
     * {@code base.url} (templates resolved against the instance) plus the caller's path and query.
     * A path that would climb above {@code base.url} — a {@code ..} or {@code .} segment, plain or
     * percent-encoded, or an encoded slash or backslash — is refused.
     */
    static Outcome<URI> url(Map<String, String> configuration, String rawPath, String rawQuery) {
        String base = configuration.get("base.url");
        if (base == null || base.isBlank()
                || !(ConfigTemplates.resolve(base, configuration::get) instanceof ConfigTemplates.Resolution.Resolved resolved)) {
            return Outcome.invalid("The instance has no usable base.url.");
        }
        String path = rawPath == null ? "" : rawPath;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        for (String segment : path.split("/", -1)) {
            String lower = segment.toLowerCase(Locale.ROOT);
            if (lower.contains("%2f") || lower.contains("%5c") || segment.contains("\\")) {
                return Outcome.invalid("The path may not contain encoded slashes.");
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Outcome.invalid("The path has a malformed percent-escape.");
            }
            if (decoded.equals("..") || decoded.equals(".")) {
                return Outcome.invalid("The path may not climb above the provider's base URL.");
            }
        }
        String root = resolved.value().replaceAll("/+$", "");
        String joined = path.isEmpty() ? root : root + "/" + path;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            joined = joined + (joined.contains("?") ? "&" : "?") + rawQuery;
        }
        try {
            return Outcome.success(new URI(joined));
        } catch (java.net.URISyntaxException e) {
            return Outcome.invalid("The path or query is not a valid URL part.");
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static double number(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static void close(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // The connection is discarded either way.
        }
    }

    /** The request body: streamed as is, or buffered when small (replayable, and signable if a form). */
    private record Body(byte[] buffered, InputStream stream, long length, Map<String, List<String>> formParameters) {

        static Body of(ProxyCall call, int maxBuffered) throws IOException {
            if (!call.hasBody()) {
                return new Body(new byte[0], null, 0, Map.of());
            }
            if (call.contentLength() >= 0 && call.contentLength() <= maxBuffered) {
                byte[] bytes = call.body().readNBytes((int) call.contentLength());
                Map<String, List<String>> form = Map.of();
                if (call.contentType() != null && call.contentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    form = new java.util.LinkedHashMap<>();
                    for (var entry : Urls.formDecode(new String(bytes, StandardCharsets.UTF_8)).entrySet()) {
                        form.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue());
                    }
                }
                return new Body(bytes, null, bytes.length, form);
            }
            return new Body(null, call.body(), call.contentLength(), Map.of());
        }

        boolean replayable() {
            return buffered != null;
        }

        HttpEntity entity(String contentType) {
            ContentType type = contentType == null ? null : ContentType.parseLenient(contentType);
            if (buffered != null) {
                return buffered.length == 0 ? null : new ByteArrayEntity(buffered, type);
            }
            return new InputStreamEntity(stream, length, type);
        }
    }
}
