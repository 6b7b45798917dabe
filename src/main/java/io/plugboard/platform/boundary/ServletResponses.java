package io.plugboard.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes an answer built for JAX-RS straight to a servlet response, for the few paths served
 * outside Jersey for speed (the proxy's fast path). Those paths build their answers with the same
 * {@link ErrorResponses} and response factories as the JAX-RS resources, so every error body
 * still comes from the one family; only the last step, putting bytes on the wire, differs.
 *
 * <p>The entities such answers carry: nothing, a {@link StreamingOutput} (a relayed body), a
 * {@code String} or {@code byte[]}, or an object written as JSON with JSON-B, as Jersey's JSON-B
 * provider writes it (an {@link ApiError}).
 */
public final class ServletResponses {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private ServletResponses() {
    }

    private static boolean isLength(String value) {
        return value.strip().matches("[0-9]{1,18}");
    }

    public static void write(Response answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.getStatus());
        for (Map.Entry<String, List<String>> header : answer.getStringHeaders().entrySet()) {
            String name = header.getKey();
            for (String value : header.getValue()) {
                // The container frames the body by these two: given as plain headers, some servers
                // ignore them (and send chunked), so they go through their own setters.
                if (name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH) && isLength(value)) {
                    response.setContentLengthLong(Long.parseLong(value.strip()));
                } else if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    response.setContentType(value);
                } else {
                    response.addHeader(name, value);
                }
            }
        }
        Object entity = answer.getEntity();
        if (entity == null) {
            return;
        }
        if (entity instanceof StreamingOutput streaming) {
            LengthWhenSmall body = new LengthWhenSmall(response);
            streaming.write(body);
            body.finish();
            return;
        }
        byte[] bytes = entity instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : entity instanceof byte[] raw ? raw
                : JSONB.toJson(entity).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * A streamed body that is held back until it passes {@link #LIMIT} bytes: a small body goes out
     * with its {@code Content-Length}, a large one is streamed from then on (chunked). Jersey does
     * the same with its outbound buffer (8 KiB by default), and the two paths answer alike.
     */
    static final class LengthWhenSmall extends OutputStream {

        static final int LIMIT = 8192;

        private final HttpServletResponse response;
        private byte[] held = new byte[512];
        private int count;
        private OutputStream streaming;

        LengthWhenSmall(HttpServletResponse response) {
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (streaming != null) {
                streaming.write(bytes, offset, length);
                return;
            }
            if (count + length > LIMIT) {
                streaming = response.getOutputStream();
                streaming.write(held, 0, count);
                streaming.write(bytes, offset, length);
                held = null;
                return;
            }
            if (count + length > held.length) {
                held = java.util.Arrays.copyOf(held, Math.min(LIMIT, Math.max(held.length * 2, count + length)));
            }
            System.arraycopy(bytes, offset, held, count, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            if (streaming != null) {
                streaming.flush();
            }
        }

        /** Sends what is held, with its length, unless the body was long enough to be streamed. */
        void finish() throws IOException {
            if (streaming == null) {
                response.setContentLength(count);
                response.getOutputStream().write(held, 0, count);
            }
        }
    }
}
