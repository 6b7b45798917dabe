package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A provider's answer read whole, up to a bound, and its connection released: for the answers
 * the hub reads instead of streaming (a list it shapes, an error it relays as an api-v2 error,
 * an internal read). The bound keeps a huge answer from filling the heap; a cut answer is
 * marked, never passed off as whole.
 */
public final class ProviderAnswers {

    private ProviderAnswers() {
    }

    /** The answer (closed before this returns), its body cut at {@code maxBodyBytes}; or a time-out or read failure. */
    public static Outcome<ProviderResponse.Answered> read(ClassicHttpResponse response, int maxBodyBytes) {
        try (response) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                if (!ProxyService.DROPPED_RESPONSE_HEADERS.contains(header.getName().toLowerCase(Locale.ROOT))) {
                    headers.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
                }
            }
            byte[] body = new byte[0];
            boolean truncated = false;
            if (response.getEntity() != null) {
                try (InputStream in = response.getEntity().getContent()) {
                    byte[] read = in.readNBytes(maxBodyBytes + 1);
                    truncated = read.length > maxBodyBytes;
                    body = truncated ? Arrays.copyOf(read, maxBodyBytes) : read;
                }
            }
            return Outcome.success(new ProviderResponse.Answered(response.getCode(), headers, body, truncated));
        } catch (InterruptedIOException e) {
            return new Outcome.ProviderTimedOut<>("The provider did not finish its answer in time.");
        } catch (IOException e) {
            return new Outcome.ProviderFailed<>("The provider's answer could not be read (" + e.getClass().getSimpleName() + ").", null);
        }
    }

    /** The first value of a header, by name in any case; null when absent. */
    public static String header(ProviderResponse.Answered answer, String name) {
        return answer.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** Every value of a header, by name in any case. */
    static List<String> headers(ProviderResponse.Answered answer, String name) {
        return answer.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
