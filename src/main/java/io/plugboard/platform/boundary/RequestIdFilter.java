package io.plugboard.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * Gives every response an {@code Elements-Request-Id}. A servlet filter rather than a JAX-RS one
 * because the container's own answers (unknown context paths, error pages) must carry it too.
 *
 * <p>It is also the first code of the hub a request meets, so it refuses a header over
 * {@link HeaderSizeLimit} here, before any filter or resource reads one. One filter rather than
 * two, because the refusal needs the id. Declared in {@code web.xml}, not by annotation, because
 * only the descriptor fixes the order of filters, and this one must come first.
 */
public class RequestIdFilter extends HttpFilter {

    @Inject
    RequestCorrelation correlation;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestCorrelation.newId();
        correlation.assign(id);
        request.setAttribute(RequestCorrelation.ATTRIBUTE, id);
        response.setHeader(RequestCorrelation.HEADER, id);
        Optional<String> tooLarge = HeaderSizeLimit.violation(request);
        if (tooLarge.isPresent()) {
            ContainerErrorServlet.writeJson(response, HeaderSizeLimit.STATUS, id, tooLarge.get());
            return;
        }
        chain.doFilter(request, response);
    }

    /** The id assigned to this request, also when read from an error dispatch. */
    static String idOf(HttpServletRequest request) {
        Object id = request.getAttribute(RequestCorrelation.ATTRIBUTE);
        return id != null ? id.toString() : RequestCorrelation.newId();
    }
}
