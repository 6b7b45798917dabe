package io.plugboard.proxy.boundary;

import io.plugboard.proxy.control.ProxyCall;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

/** Reads a passthrough call off the JAX-RS request: raw path and query, exactly as encoded. */
final class ProxyCalls {

    private ProxyCalls() {
    }

    static ProxyCall of(String method, UriInfo uri, HttpHeaders headers, InputStream body) {
        String rawPath = uri.getPathParameters(false).getFirst("path");
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long contentLength = body == null ? 0 : length == null ? -1 : parse(length);
        return new ProxyCall(method, rawPath, uri.getRequestUri().getRawQuery(), headers.getRequestHeaders(),
                body, contentLength, headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
