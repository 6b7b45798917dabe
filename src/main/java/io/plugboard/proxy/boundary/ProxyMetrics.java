package io.plugboard.proxy.boundary;

/**
 * Counts and times relayed provider calls per element and status. An interface so the WAR deploys
 * where MicroProfile Metrics is absent (WildFly since 29 ships Micrometer instead): there its only
 * implementation, {@link MicroProfileProxyMetrics}, cannot load, is no bean, and calls go unmeasured.
 */
public interface ProxyMetrics {

    void relayed(String elementKey, int status, long upstreamMillis, long hubMillis);
}
