package io.plugboard.connect.control;

/**
 * Why a launch link or a callback came to nothing, with the sentence for the person in the
 * browser. One type for both, because both end on the same kind of page and nothing was stored.
 */
public record ConnectFailed(Failure failure, String message) implements ConnectLaunch.Result, ConnectCallback.Result {

    /** Why nothing was provisioned. */
    public enum Failure {
        /** No state, or one this hub did not sign, or one for another element or connect. */
        INVALID_STATE,
        EXPIRED,
        /** The browser's cookie is missing or is not the one the state was issued to. */
        WRONG_SESSION,
        /** The state (or the launch link) was used before. */
        REPLAYED,
        /** The provider sent an error (the user declined, typically). */
        PROVIDER_DENIED,
        /** The provider's redirect lacks what the exchange needs, or does not match the connect. */
        INVALID_CALLBACK,
        /** Provisioning refused (configuration, element gone, user gone). */
        NOT_PROVISIONED,
        PROVIDER_FAILED,
        PROVIDER_TIMED_OUT
    }

    /** No control characters: text from a request must not be able to forge log lines. */
    static String printable(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", " ");
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
