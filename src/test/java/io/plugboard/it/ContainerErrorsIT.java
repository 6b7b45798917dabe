package io.plugboard.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static io.plugboard.it.HubClient.BOOTSTRAP_AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed requests that HTTP clients refuse to send, written byte for byte on a plain socket:
 * what reaches the hub is answered in the api-v2 error shape, and what the listener refuses by
 * itself (see docs/api.md, "What the listener answers by itself") is answered at once, without a
 * hang, and leaves the hub serving. The suite runs Payara Micro with the shipped boot commands
 * (server-config/payara-micro/pre-boot-commands.asadmin), so the listener limits are the ones
 * the Quick start has.
 */
class ContainerErrorsIT extends HubTestBase {

    /** HeaderSizeLimit.MAX_FIELD_CHARACTERS: one header field, name and value. */
    private static final int FIELD_LIMIT = 8192;

    @Test
    void aTwentyThousandCharacterAuthorizationHeaderIsA431NamingTheLimit() throws IOException {
        RawReply reply = send(get("/elements/api-v2/elements/keys", "Authorization: User " + "a".repeat(20_000)
                + ", Organization " + TestEnvironment.ORGANIZATION_SECRET));
        JsonObject error = reply.assertApiError(431);
        String message = error.getString("message");
        assertTrue(message.contains("Authorization") && message.contains("8192"), message);
    }

    @Test
    void aHeaderFieldOfExactlyTheLimitReachesTheHub() throws IOException {
        // With the request line and Host, the header section is over Grizzly's default of 8 KiB:
        // this passes only with the listener limit of the boot commands.
        String value = "User " + "a".repeat(FIELD_LIMIT - "Authorization".length() - 5);
        RawReply reply = send(get("/elements/api-v2/elements/keys", "Authorization: " + value));
        reply.assertApiError(401);
    }

    @Test
    void aHeaderSectionOverTheListenerLimitIsRefusedByTheListenerAtOnce() throws IOException {
        RawReply reply = send(get("/elements/api-v2/elements/keys", "X-Padding: " + "p".repeat(40_000)));
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("", reply.body(), "Grizzly's own answer (docs/api.md)");
        assertHubStillServes();
    }

    @Test
    void nonAsciiHeaderBytesAreRefusedByTheListenerAtOnce() throws IOException {
        // Grizzly rejects a header value byte outside visible ASCII (its RFC 9110 check, the fix of
        // CVE-2024-45687) before any application code runs; the hub keeps that check on.
        byte[] request = concat(get("/elements/api-v2/elements/keys", null),
                "Authorization: User \u00e9\u00e8, Organization \u2603\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        RawReply reply = send(request);
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("", reply.body(), "Grizzly's own answer (docs/api.md)");
        assertHubStillServes();
    }

    @Test
    void aNulByteInThePathIsRefusedByTheListenerAtOnce() throws IOException {
        RawReply reply = send(get("/elements/api-v2/instances/%00", "Authorization: " + BOOTSTRAP_AUTH));
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("", reply.body(), "Payara's own answer, before the request is mapped (docs/api.md)");
        assertHubStillServes();
    }

    @Test
    void otherPercentEncodedControlCharactersReachTheHub() throws IOException {
        RawReply reply = send(get("/elements/api-v2/instances/%01", "Authorization: " + BOOTSTRAP_AUTH));
        reply.assertApiError(404);
    }

    private void assertHubStillServes() throws IOException {
        RawReply reply = send(get("/elements/api-v2/elements/keys", "Authorization: " + BOOTSTRAP_AUTH));
        assertEquals(200, reply.status(), reply::toString);
    }

    /** A GET with {@code Connection: close}; {@code header} (one line, without CRLF) or null ends the head. */
    private byte[] get(String path, String header) {
        String head = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nConnection: close\r\n";
        return (header == null ? head : head + header + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Sends the bytes and reads the answer to the end of the connection; a silent server fails the test. */
    private RawReply send(byte[] request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("No complete answer within 20 s; got: " + received.toString(StandardCharsets.ISO_8859_1), e);
            }
            return RawReply.parse(received.toByteArray());
        }
    }

    /** Status line, headers (lower-cased names) and body of one HTTP/1.1 answer. */
    record RawReply(int status, Map<String, String> headers, String body) {

        static RawReply parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, () -> "Not an HTTP answer: " + text);
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new RawReply(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }

        /** The api-v2 error contract, as HubClient.assertApiError checks it. */
        JsonObject assertApiError(int expectedStatus) {
            assertEquals(expectedStatus, status, this::toString);
            assertTrue(headers.getOrDefault("content-type", "").startsWith("application/json"), this::toString);
            JsonObject error;
            try (var reader = Json.createReader(new StringReader(body))) {
                error = reader.readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("Not JSON: " + this, e);
            }
            assertNotNull(error.getString("message", null), "message");
            String requestId = error.getString("requestId", null);
            assertNotNull(requestId, "requestId");
            assertEquals(requestId, headers.get("elements-request-id"), "body and header carry the same request id");
            assertFalse(body.contains("Exception"), "no stack trace: " + body);
            return error;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers + " " + body;
        }
    }
}
