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
        return new ProxyCall(method, rawPath, uri.getRequestUri().getRawQuery(), headers.getRequestHeaders(),
                body, contentLength(headers, body), headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
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
