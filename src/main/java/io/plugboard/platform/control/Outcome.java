package io.plugboard.platform.control;

/**
 * The result of an operation whose failures are expected (bad input, an unknown object, a
 * provider that refuses or does not answer). Services return it; boundaries turn the failures into
 * api-v2 errors through one mapping, so a given failure always gets the same status.
 */
public sealed interface Outcome<T> {

    record Success<T>(T value) implements Outcome<T> {
    }

    /** The caller's input is wrong: 400. */
    record Invalid<T>(String message) implements Outcome<T> {
    }

    /** Unknown, or not the caller's: 404. */
    record NotFound<T>(String message) implements Outcome<T> {
    }

    /** The provider refused or answered something unusable: 502 with its message. */
    record ProviderFailed<T>(String message, String providerMessage) implements Outcome<T> {
    }

    /** The provider did not answer in time: 504. */
    record ProviderTimedOut<T>(String message) implements Outcome<T> {
    }

    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> invalid(String message) {
        return new Invalid<>(message);
    }

    static <T> Outcome<T> notFound(String message) {
        return new NotFound<>(message);
    }

    /** Maps a success; passes a failure through unchanged. */
    default <U> Outcome<U> map(java.util.function.Function<T, U> mapper) {
        if (this instanceof Success<T> success) {
            return new Success<>(mapper.apply(success.value()));
        }
        return asFailure();
    }

    /** Re-types a failure so it can travel up through a caller with another success type. */
    @SuppressWarnings("unchecked")
    default <U> Outcome<U> asFailure() {
        if (this instanceof Success) {
            throw new IllegalStateException("Not a failure");
        }
        return (Outcome<U>) this;
    }
}
