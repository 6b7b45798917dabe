package io.plugboard.platform.control;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to a provider, fully built: what {@link ProviderHttp} sends. Bodies of the OAuth calls
 * are small forms, held as bytes; the proxy streams its bodies through another path.
 *
 * @param httpAllowed the element permits plain http to its provider (otherwise https only)
 */
public record ProviderRequest(String method, URI uri, Map<String, String> headers, byte[] body, boolean httpAllowed) {

    public static ProviderRequest post(URI uri, boolean httpAllowed) {
        return new ProviderRequest("POST", uri, new LinkedHashMap<>(), null, httpAllowed);
    }

    public static ProviderRequest get(URI uri, boolean httpAllowed) {
        return new ProviderRequest("GET", uri, new LinkedHashMap<>(), null, httpAllowed);
    }

    public ProviderRequest header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ProviderRequest(method, uri, copy, body, httpAllowed);
    }

    public ProviderRequest headers(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new ProviderRequest(method, uri, copy, body, httpAllowed);
    }

    public ProviderRequest body(byte[] bytes, String contentType) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put("Content-Type", contentType);
        return new ProviderRequest(method, uri, copy, bytes, httpAllowed);
    }

    /** Never print headers: they carry credentials. */
    @Override
    public String toString() {
        return "ProviderRequest[" + method + " " + uri.getScheme() + "://" + uri.getHost() + uri.getPath() + "]";
    }
}
