package io.plugboard.proxy.boundary;

import io.plugboard.proxy.control.ProxyCall;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a passthrough call off the request (JAX-RS or servlet): raw path and query, exactly as encoded. */
final class ProxyCalls {

    private ProxyCalls() {
    }

    static ProxyCall of(String method, UriInfo uri, HttpHeaders headers, InputStream body) {
        String rawPath = uri.getPathParameters(false).getFirst("path");
        return new ProxyCall(method, rawPath, uri.getRequestUri().getRawQuery(), headers.getRequestHeaders(),
                body, contentLength(headers, body), headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    /**
     * The same from a servlet request ({@link ProxyFastPath}): {@code rawPath} is what follows the
     * endpoint's path, still encoded; header names are matched in any case, as JAX-RS matches them.
     */
    static ProxyCall of(String method, String rawPath, HttpServletRequest request, InputStream body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long contentLength = body == null ? 0 : length == null ? -1 : parse(length);
        return new ProxyCall(method, rawPath, request.getQueryString(), headers, body, contentLength, request.getContentType());
    }

    /** The body's declared length: 0 without a body, -1 when unknown or not a number (then it is streamed). */
    static long contentLength(HttpHeaders headers, InputStream body) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return body == null ? 0 : length == null ? -1 : parse(length);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
