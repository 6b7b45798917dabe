package io.plugboard.connect.boundary;

import io.plugboard.connect.control.ConnectFailed;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The page a person sees when a hosted connect's callback cannot finish: what went wrong, in
 * plain words, that nothing was saved, and the request id to quote to the operator. No stack
 * trace, no provider body, nothing from the request echoed except the escaped message.
 *
 * <p>A string template rather than a view technology: one static page needs no engine, and the
 * strict Content-Security-Policy (no scripts, no external resources, inline style only) is easy
 * to keep when everything is in one place.
 */
final class ConnectPages {

    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ConnectPages() {
    }

    static Response failure(ConnectFailed failed, String requestId) {
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%1$s</title>
                <style>
                body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f7f9;color:#1f2933;margin:0}
                main{max-width:34rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
                h1{font-size:1.35rem;margin:0 0 1rem}
                p{line-height:1.5}
                .ref{color:#616e7c;font-size:.85rem}
                </style>
                </head>
                <body>
                <main>
                <h1>%1$s</h1>
                <p>%2$s</p>
                <p>%3$s</p>
                <p class="ref">Reference: %4$s</p>
                </main>
                </body>
                </html>
                """.formatted(escape(title(failed.failure())), escape(failed.message()), escape(advice(failed.failure())),
                escape(requestId));
        return Response.status(status(failed.failure()))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    static int status(ConnectFailed.Failure failure) {
        return switch (failure) {
            case PROVIDER_FAILED -> 502;
            case PROVIDER_TIMED_OUT -> 504;
            default -> 400;
        };
    }

    static String title(ConnectFailed.Failure failure) {
        return switch (failure) {
            case INVALID_STATE, INVALID_CALLBACK -> "This connection link is not valid";
            case EXPIRED -> "This connection attempt has expired";
            case WRONG_SESSION -> "Please finish connecting in the browser you started in";
            case REPLAYED -> "This connection link has already been used";
            case PROVIDER_DENIED -> "The connection was not authorized";
            case NOT_PROVISIONED -> "The connection could not be set up";
            case PROVIDER_FAILED, PROVIDER_TIMED_OUT -> "The provider did not complete the connection";
        };
    }

    static String advice(ConnectFailed.Failure failure) {
        return switch (failure) {
            case REPLAYED -> "Nothing more was saved. If the connection did not appear in the application, go back to it"
                    + " and connect again.";
            case PROVIDER_FAILED, PROVIDER_TIMED_OUT -> "Nothing was saved. Go back to the application and try again in a"
                    + " moment.";
            default -> "Nothing was saved. Go back to the application and start the connection again.";
        };
    }

    /** HTML text and attribute escaping. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
