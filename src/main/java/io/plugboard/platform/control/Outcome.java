package io.plugboard.platform.control;

import java.util.function.Function;

/**
 * The result of an operation whose failures are expected (bad input, an unknown object, a
 * provider that refuses or does not answer). Services return it; boundaries turn the failures into
 * api-v2 errors through one mapping, so a given failure always gets the same status.
 */
public sealed interface Outcome<T> {

    record Success<T>(T value) implements Outcome<T> {
    }

    /**
     * The caller's input is wrong: 400. {@code providerMessage} is the provider's own word when it
     * was the provider that found the input wrong (credentials it refused), else null.
     */
    record Invalid<T>(String message, String providerMessage) implements Outcome<T> {
        public Invalid(String message) {
            this(message, null);
        }
    }

    /** Unknown, or not the caller's: 404. */
    record NotFound<T>(String message) implements Outcome<T> {
    }

    /** The object is not in a state that allows the operation: 409. */
    record Conflict<T>(String message) implements Outcome<T> {
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

    static <T> Outcome<T> conflict(String message) {
        return new Conflict<>(message);
    }

    static <T> Outcome<T> notFound(String message) {
        return new NotFound<>(message);
    }

    /** Maps a success; passes a failure through unchanged. */
    default <U> Outcome<U> map(Function<T, U> mapper) {
        if (this instanceof Success<T> success) {
            return new Success<>(mapper.apply(success.value()));
        }
        return asFailure();
    }

    /**
     * Runs the next step on a success; a failure skips it and travels on unchanged. So a flow of
     * steps that may each fail reads as one chain instead of a check after every step.
     */
    default <U> Outcome<U> flatMap(Function<? super T, ? extends Outcome<U>> next) {
        if (this instanceof Success<T> success) {
            return next.apply(success.value());
        }
        return asFailure();
    }

    /**
     * Ends a chain: the success's value goes to {@code onSuccess}, a failure (any of the failure
     * records, as itself) to {@code onFailure}, e.g. the boundary's error mapping.
     */
    default <R> R fold(Function<? super T, ? extends R> onSuccess, Function<? super Outcome<T>, ? extends R> onFailure) {
        if (this instanceof Success<T> success) {
            return onSuccess.apply(success.value());
        }
        return onFailure.apply(this);
    }

    /** Whether this is a success. */
    default boolean succeeded() {
        return this instanceof Success;
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
