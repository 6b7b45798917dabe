package io.plugboard.platform.boundary;

import jakarta.ws.rs.core.Response;

/** Caller-facing wording for the statuses the runtime and the container raise on their own. */
final class StatusMessages {

    private StatusMessages() {
    }

    static String forStatus(int status) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "Method not allowed on this resource.";
            case 406 -> "None of the accepted media types can be produced; this API answers application/json.";
            case 415 -> "Unsupported media type; send application/json.";
            case 500 -> "Unexpected server error; quote the requestId to your operator.";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "Request failed.";
            }
        };
    }
}
