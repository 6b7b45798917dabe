package io.plugboard.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one HTTP client to providers. Every destination passes the {@link EgressGuard} first, and
 * the client resolves names through the guard, so it connects only to checked addresses. Bounded
 * in time (connect and response time-outs) and in size (a provider cannot make the hub buffer an
 * unbounded body), never follows redirects (a redirect could carry credentials to another
 * origin), and reports transport failures as {@link ProviderResponse} values.
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

    @Inject
    @ConfigProperty(name = "plugboard.provider.max-connections", defaultValue = "200")
    int maxConnections;

    @Inject
    EgressGuard guard;

    private CloseableHttpClient client;

    @PostConstruct
    void init() {
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                // Lax: no pool-wide lock per lease; the strict policy serialized concurrent calls.
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                        .setSocketTimeout(Timeout.ofMilliseconds(readTimeoutMs))
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(readTimeoutMs)).build())
                .disableRedirectHandling()
                // Bodies pass through as the provider sent them (the proxy relays Content-Encoding).
                .disableContentCompression()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                // No system proxy settings: a forward proxy would resolve names itself, behind the guard's back.
                .build();
    }

    @PreDestroy
    void close() {
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    /** The shared client, for callers that stream (the proxy); they must check the guard first. */
    public CloseableHttpClient client() {
        return client;
    }

    public EgressGuard guard() {
        return guard;
    }

    public ProviderResponse send(ProviderRequest request) {
        if (guard.check(request.uri(), request.httpAllowed()) instanceof EgressGuard.Verdict.Refused refused) {
            return new ProviderResponse.Refused(refused.reason());
        }
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                builder.addHeader(name, value);
            }
        });
        if (request.body() != null) {
            String type = request.headers().getOrDefault("Content-Type", "application/octet-stream");
            builder.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(type)));
        }
        ClassicHttpRequest built = builder.build();
        try {
            return client.execute(built, response -> answered(response));
        } catch (EgressGuard.EgressRefusedException e) {
            return new ProviderResponse.Refused(e.getMessage());
        } catch (SocketTimeoutException e) {
            return new ProviderResponse.TimedOut();
        } catch (HttpHostConnectException e) {
            return new ProviderResponse.Unreachable("connection refused or unreachable");
        } catch (InterruptedIOException e) {
            return new ProviderResponse.TimedOut();
        } catch (IOException e) {
            return new ProviderResponse.Unreachable(e.getClass().getSimpleName());
        }
    }

    private ProviderResponse answered(ClassicHttpResponse response) throws IOException {
        byte[] bytes = new byte[0];
        boolean truncated = false;
        if (response.getEntity() != null) {
            try (InputStream body = response.getEntity().getContent()) {
                bytes = body.readNBytes(maxResponseBytes);
                truncated = body.read() != -1;
            }
        }
        return new ProviderResponse.Answered(response.getCode(), headersOf(response), bytes, truncated);
    }

    public static Map<String, List<String>> headersOf(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }
}
