package io.plugboard.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Error page for what the servlet container answers by itself (paths outside the JAX-RS
 * application, an exception that escapes a filter): the same JSON as everywhere else instead of
 * the server's HTML page. Wired as the error page in web.xml.
 *
 * <p>The admin console is the one exception: a person reads its errors in a browser, so a request
 * under {@code /console/} gets a small HTML page in the console's style, with the request id and
 * a way back, and still never a stack trace. The decision is by path only, so the platform knows
 * nothing of the console beyond where it lives.
 */
@WebServlet(urlPatterns = "/container-error")
public class ContainerErrorServlet extends HttpServlet {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
        String message = StatusMessages.forStatus(status);
        String requestId = RequestIdFilter.idOf(request);
        response.setStatus(status);
        response.setHeader(RequestCorrelation.HEADER, requestId);
        if (isConsole(request)) {
            writeHtml(request, response, status, requestId);
            return;
        }
        writeJson(response, status, requestId, message);
    }

    /** An api-v2 error body written straight to the servlet response, outside JAX-RS. */
    static void writeJson(HttpServletResponse response, int status, String requestId, String message) throws IOException {
        response.setStatus(status);
        response.setHeader(RequestCorrelation.HEADER, requestId);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSONB.toJson(new ApiError(requestId, message, null)));
    }

    private static boolean isConsole(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String console = request.getContextPath() + "/console";
        if (!(uri instanceof String raw)) {
            return false;
        }
        // The raw URI, unlike the servlet path, keeps repeated slashes that still reach the console.
        String path = raw.replaceAll("/{2,}", "/");
        return path.equals(console) || path.startsWith(console + "/");
    }

    private static void writeHtml(HttpServletRequest request, HttpServletResponse response, int status, String requestId)
            throws IOException {
        String title = switch (status) {
            case 404 -> "Page not found";
            case 403 -> "Not allowed";
            case 405 -> "Not available";
            default -> status >= 500 ? "Something went wrong" : "Request failed";
        };
        String explanation = switch (status) {
            case 404 -> "There is nothing at this address. It may have been deleted, or the link is mistyped.";
            case 403 -> "Your account may not open this page.";
            case 405 -> "This page cannot be used that way.";
            default -> status >= 500
                    ? "The hub could not complete the request. If it keeps happening, give the request id below to your operator."
                    : "The request could not be completed.";
        };
        String context = escape(request.getContextPath());
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>%2$s · Plugboard</title>
                <link rel="stylesheet" href="%1$s/console/resources/css/console.css"/>
                </head>
                <body class="plain-page">
                <main class="plain-card" id="main">
                <p class="plain-code">Error %3$d</p>
                <h1>%2$s</h1>
                <p>%4$s</p>
                <p class="muted">Request id <code>%5$s</code></p>
                <p><a class="btn btn-primary" href="%1$s/console/">Back to the console</a></p>
                </main>
                </body>
                </html>
                """.formatted(context, title, status, explanation, escape(requestId)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
