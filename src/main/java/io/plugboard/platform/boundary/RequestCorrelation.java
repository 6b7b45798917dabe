package io.plugboard.platform.boundary;

import jakarta.enterprise.context.RequestScoped;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The id that ties one HTTP exchange to its log lines and its error body. Assigned by
 * {@link RequestIdFilter} before anything else runs, so every response, JAX-RS or not, can carry
 * the same {@code Elements-Request-Id} that an error body reports.
 */
@RequestScoped
public class RequestCorrelation {

    public static final String HEADER = "Elements-Request-Id";
    static final String ATTRIBUTE = RequestCorrelation.class.getName();

    private static final SecureRandom RANDOM = new SecureRandom();

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

    static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
