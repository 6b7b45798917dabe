package io.plugboard.platform.boundary;

/**
 * The api-v2 error body: {@code {"requestId", "message"}} and, when a provider answered with an
 * error, {@code "providerMessage"} (omitted when null).
 */
public record ApiError(String requestId, String message, String providerMessage) {
}
