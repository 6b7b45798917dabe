package io.plugboard.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one way the hub talks to providers. Bounded in time (connect and response time-outs) and
 * in size (a provider cannot make the hub buffer an unbounded body), never follows redirects
 * (a redirect could carry credentials to another origin), and turns transport failures into
 * {@link ProviderResponse} values instead of exceptions.
 */
@ApplicationScoped
public class ProviderHttp {

    @Inject
    @ConfigProperty(name = "plugboard.provider.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "plugboard.provider.read-timeout-ms", defaultValue = "30000")
    long readTimeoutMs;

    @Inject
    @ConfigProperty(name = "plugboard.provider.max-response-bytes", defaultValue = "1048576")
    int maxResponseBytes;

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService executor;
    private HttpClient client;

    /**
     * The client's own pool runs on container-managed threads; a ManagedExecutorService would
     * instead set up and tear down the EE context for every one of the client's many small
     * internal tasks, which profiling showed to cost more than the call itself.
     */
    @PostConstruct
    void init() {
        executor = Executors.newCachedThreadPool(threadFactory);
        client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    /** A request builder with the response time-out already set. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(readTimeoutMs));
    }

    public ProviderResponse send(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(maxResponseBytes);
                boolean truncated = body.read() != -1;
                return new ProviderResponse.Answered(response.statusCode(), response.headers(), bytes, truncated);
            }
        } catch (HttpTimeoutException e) {
            return new ProviderResponse.TimedOut();
        } catch (ConnectException e) {
            return new ProviderResponse.Unreachable("connection refused or unreachable");
        } catch (IOException e) {
            return new ProviderResponse.Unreachable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProviderResponse.Unreachable("interrupted");
        }
    }
}
