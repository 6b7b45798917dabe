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
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSONB.toJson(new ApiError(requestId, message, null)));
    }
}
