package io.plugboard.platform.boundary;

import jakarta.enterprise.context.RequestScoped;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id that ties one HTTP exchange to its log lines and its error body. Assigned by
 * {@link RequestIdFilter} before anything else runs, so every response, JAX-RS or not, can carry
 * the same {@code Elements-Request-Id} that an error body reports.
 */
@RequestScoped
public class RequestCorrelation {

    public static final String HEADER = "Elements-Request-Id";
    static final String ATTRIBUTE = RequestCorrelation.class.getName();

    private String id;

    /** The request's id; one is made on first use if no filter assigned it (e.g. an async thread). */
    public String id() {
        if (id == null) {
            id = newId();
        }
        return id;
    }

    void assign(String requestId) {
        this.id = requestId;
    }

    /**
     * 96 random bits: unique enough to find one exchange in the logs, and not a secret, so it comes
     * from the thread's own generator instead of the shared, lock-guarded {@code SecureRandom}
     * (which serialized every request on {@code /dev/urandom} under load).
     */
    static String newId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
