package io.plugboard.proxy.boundary;

import io.plugboard.platform.boundary.ErrorResponses;
import io.plugboard.platform.boundary.ServletResponses;
import io.plugboard.platform.security.ApiAuthentication;
import io.plugboard.proxy.control.ProxyCall;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw passthrough ({@code /proxy/{path}} and {@code /instances/{id}/proxy/{path}}) served
 * as a servlet filter, before Jersey: no resource matching, no JAX-RS filter chain, no
 * request-scoped lookups beyond the error factory. The passthrough is the hub's hottest path, and
 * profiles put most of its time in the container's request stack rather than in the call itself
 * (docs/performance.md).
 *
 * <p>Nothing else differs: the same {@link ApiAuthentication} decision, the same
 * {@link Passthrough} logic, the same error and response factories; only the bytes are put on the
 * wire by {@link ServletResponses} instead of Jersey. Methods other than the five the resources
 * serve (HEAD, OPTIONS) go on to Jersey, which answers them as before. Declared in
 * {@code web.xml} after {@code RequestIdFilter}, so a request has its id and its header-size check
 * first. {@code plugboard.proxy.fast-path=false} hands every call to the JAX-RS resources.
 */
public class ProxyFastPath extends HttpFilter {

    static final String SETTING = "plugboard.proxy.fast-path";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** Below the API's path: the call by token, or by instance id; what follows is the provider's path. */
    private static final Pattern BY_TOKEN = Pattern.compile("/proxy(?:/(.*))?");
    private static final Pattern BY_ID = Pattern.compile("/instances/([0-9]+)/proxy(?:/(.*))?");

    @Inject
    ApiAuthentication authentication;
    @Inject
    Passthrough passthrough;
    @Inject
    ErrorResponses errors;

    private boolean enabled;
    private String apiPrefix;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        enabled = ConfigProvider.getConfig(ProxyFastPath.class.getClassLoader())
                .getOptionalValue(SETTING, Boolean.class).orElse(true);
        apiPrefix = config.getServletContext().getContextPath() + "/api-v2";
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        String uri = request.getRequestURI();
        if (!enabled || !METHODS.contains(method) || !uri.startsWith(apiPrefix)) {
            chain.doFilter(request, response);
            return;
        }
        String below = uri.substring(apiPrefix.length());
        Matcher byToken = BY_TOKEN.matcher(below);
        Matcher byId = byToken.matches() ? null : BY_ID.matcher(below);
        if (byId != null && !byId.matches()) {
            chain.doFilter(request, response);
            return;
        }
        Response answer;
        ApiAuthentication.Decision decision = authentication.require(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (decision instanceof ApiAuthentication.Decision.Authenticated authenticated) {
            InputStream body = WITH_BODY.contains(method) ? request.getInputStream() : null;
            answer = byId == null
                    ? passthrough.byToken(authenticated.caller(), call(method, byToken.group(1), request, body))
                    : passthrough.byInstanceId(authenticated.caller(), byId.group(1), call(method, byId.group(2), request, body));
        } else {
            answer = errors.unauthorized(((ApiAuthentication.Decision.Refused) decision).message());
        }
        ServletResponses.write(answer, response);
    }

    private static ProxyCall call(String method, String rawPath, HttpServletRequest request, InputStream body) {
        return ProxyCalls.of(method, rawPath == null ? "" : rawPath, request, body);
    }
}
