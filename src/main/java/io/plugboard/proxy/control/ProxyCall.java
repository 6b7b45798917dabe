package io.plugboard.proxy.control;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One call to pass to a provider: the method, the path below the element's {@code base.url} and
 * the query exactly as the caller encoded them, the caller's headers, and the body as a stream
 * ({@code contentLength} -1 when unknown).
 */
public record ProxyCall(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                        InputStream body, long contentLength, String contentType) {

    public boolean hasBody() {
        return body != null && contentLength != 0;
    }

    @Override
    public String toString() {
        return "ProxyCall[" + method + " " + rawPath + "]";
    }
}
