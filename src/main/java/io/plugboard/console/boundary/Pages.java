package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleViews.Notice;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The few things every console bean does with Faces: show a notice, redirect after a POST (so
 * reload and back never repeat an action), build GET links with their query strings. Links are
 * built here, encoded once, rather than with navigation-case parameters, so filters, sorting and
 * paging produce exactly the same bookmarkable URL however they were reached.
 */
final class Pages {

    private Pages() {
    }

    static void show(Notice notice) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity(notice), notice.text(), null));
    }

    /**
     * Shows the notice on the next page, after a redirect. Carried by a short-lived signed cookie
     * ({@link PageRenderListener} shows it), not the Faces flash, which keeps it in one node's memory.
     */
    static void showAfterRedirect(Notice notice) {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.addResponseHeader("Set-Cookie", CDI.current().select(ConsoleCookies.class).get()
                .noticeCookie((HttpServletRequest) external.getRequest(), notice));
    }

    static void error(String text) {
        show(Notice.error(text));
    }

    static FacesMessage.Severity severity(Notice notice) {
        return switch (notice.kind()) {
            case SUCCESS, INFO -> FacesMessage.SEVERITY_INFO;
            case WARNING -> FacesMessage.SEVERITY_WARN;
            case ERROR -> FacesMessage.SEVERITY_ERROR;
        };
    }

    /** {@code /elements/console/<page>?a=1&b=2}, skipping blank parameters. */
    static String url(String page, Map<String, ?> parameters) {
        String base = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + "/console/" + page;
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return base + query;
    }

    static Map<String, Object> parameters(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static void redirect(String url) {
        try {
            FacesContext.getCurrentInstance().getExternalContext().redirect(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the response status for a page that renders a friendly "not found" itself. */
    static void notFound() {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        context.setResponseStatus(404);
    }

    /** A request parameter, as the browser sent it (query string or form). */
    static String parameter(String name) {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get(name);
    }

    static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
