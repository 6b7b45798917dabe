package io.plugboard.platform.boundary;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy's fast path puts its answers on the wire with {@link ServletResponses}; they must
 * leave as Jersey would send them: a small body with its length, a large one streamed, an error
 * in the api-v2 shape, the framing headers through their own setters.
 */
class ServletResponsesTest {

    /** What a servlet response was given, recorded by a proxy standing in for the container's. */
    static final class Recorded {
        int status;
        Long contentLength;
        String contentType;
        final List<String> headers = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int bodyWritesBeforeLength = 0;

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    if (contentLength == null) {
                        bodyWritesBeforeLength++;
                    }
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (contentLength == null) {
                        bodyWritesBeforeLength++;
                    }
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setStatus" -> status = (int) args[0];
                            case "setContentLength" -> contentLength = (long) (int) args[0];
                            case "setContentLengthLong" -> contentLength = (long) args[0];
                            case "setContentType" -> contentType = (String) args[0];
                            case "addHeader" -> headers.add(args[0] + ": " + args[1]);
                            case "getOutputStream" -> {
                                return out;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    @Test
    void aSmallStreamedBodyGoesOutWithItsLength() throws Exception {
        byte[] body = bytes(100);
        Recorded recorded = new Recorded();
        ServletResponses.write(Response.ok((StreamingOutput) out -> out.write(body)).header("X-Vendor", "v").build(),
                recorded.response());

        assertEquals(200, recorded.status);
        assertEquals(100L, recorded.contentLength);
        assertEquals(0, recorded.bodyWritesBeforeLength, "held until its length was known");
        assertArrayEquals(body, recorded.body.toByteArray());
        assertEquals(List.of("X-Vendor: v"), recorded.headers);
    }

    @Test
    void aLargeStreamedBodyIsStreamedWithoutALength() throws Exception {
        byte[] body = bytes(3 * ServletResponses.LengthWhenSmall.LIMIT + 17);
        Recorded recorded = new Recorded();
        ServletResponses.write(Response.ok((StreamingOutput) out -> {
            for (int i = 0; i < body.length; i += 1000) {
                out.write(body, i, Math.min(1000, body.length - i));
            }
        }).build(), recorded.response());

        assertNull(recorded.contentLength, "chunked: the length is not known up front");
        assertArrayEquals(body, recorded.body.toByteArray());
    }

    @Test
    void aBodyOfExactlyTheLimitStillHasItsLength() throws Exception {
        byte[] body = bytes(ServletResponses.LengthWhenSmall.LIMIT);
        Recorded recorded = new Recorded();
        ServletResponses.write(Response.ok((StreamingOutput) out -> {
            for (byte b : body) {
                out.write(b);
            }
        }).build(), recorded.response());

        assertEquals((long) body.length, recorded.contentLength);
        assertTrue(Arrays.equals(body, recorded.body.toByteArray()));
    }

    @Test
    void anErrorIsTheApiV2ShapeWithItsLength() throws Exception {
        Recorded recorded = new Recorded();
        ServletResponses.write(Response.status(401).type("application/json")
                .entity(new ApiError("abc123", "Invalid credentials in the Authorization header.", null)).build(),
                recorded.response());

        String json = recorded.body.toString(StandardCharsets.UTF_8);
        assertEquals(401, recorded.status);
        assertEquals("application/json", recorded.contentType);
        assertEquals("{\"message\":\"Invalid credentials in the Authorization header.\",\"requestId\":\"abc123\"}", json);
        assertEquals((long) json.getBytes(StandardCharsets.UTF_8).length, recorded.contentLength);
    }

    @Test
    void framingHeadersGoThroughTheirSetters() throws Exception {
        Recorded recorded = new Recorded();
        ServletResponses.write(Response.status(204).header("Content-Length", "0").header("Content-Type", "text/plain")
                .header("ETag", "\"1\"").build(), recorded.response());

        assertEquals(204, recorded.status);
        assertEquals(0L, recorded.contentLength);
        assertEquals("text/plain", recorded.contentType);
        assertEquals(List.of("ETag: \"1\""), recorded.headers);
    }
}
