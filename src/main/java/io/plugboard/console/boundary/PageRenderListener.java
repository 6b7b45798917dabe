package io.plugboard.console.boundary;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponentBase;
import jakarta.faces.component.UIForm;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.event.SystemEvent;
import jakarta.faces.event.SystemEventListener;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every console page gets just before it renders: the signed-in session's CSRF token as a
 * hidden field in each of its forms, and the notice an earlier response carried over a redirect.
 * Done once here, for every form of every page, so a page added later (or a form added to one)
 * is protected without remembering to be; {@link ConsoleAccessFilter} refuses a POST without the
 * token. Registered in faces-config.xml for {@code PreRenderViewEvent}.
 */
public class PageRenderListener implements SystemEventListener {

    @Override
    public boolean isListenerForSource(Object source) {
        return source instanceof UIViewRoot;
    }

    @Override
    public void processEvent(SystemEvent event) {
        FacesContext context = FacesContext.getCurrentInstance();
        ExternalContext external = context.getExternalContext();
        if (!(external.getRequest() instanceof HttpServletRequest request)) {
            return;
        }
        showCarriedNotice(context, request);
        SignedIn.in(request).ifPresent(user -> addTokenFields(context, (UIViewRoot) event.getSource(), user.csrfToken()));
    }

    private static void showCarriedNotice(FacesContext context, HttpServletRequest request) {
        if (request.getCookies() == null) {
            return;
        }
        ConsoleCookies cookies = CDI.current().select(ConsoleCookies.class).get();
        boolean carried = false;
        for (var cookie : request.getCookies()) {
            carried |= ConsoleCookies.NOTICE.equals(cookie.getName());
        }
        if (carried) {
            cookies.notice(request).ifPresent(notice ->
                    context.addMessage(null, new FacesMessage(Pages.severity(notice), notice.text(), null)));
            context.getExternalContext().addResponseHeader("Set-Cookie", cookies.clearNotice(request));
        }
    }

    private static void addTokenFields(FacesContext context, UIViewRoot root, String token) {
        List<UIForm> forms = new ArrayList<>();
        root.visitTree(VisitContext.createVisitContext(context), (visit, target) -> {
            if (target instanceof UIForm form) {
                forms.add(form);
            }
            return VisitResult.ACCEPT;
        });
        for (UIForm form : forms) {
            if (form.getChildren().stream().noneMatch(TokenField.class::isInstance)) {
                form.getChildren().add(new TokenField(token));
            }
        }
    }

    /** {@code <input type="hidden" name="plugboard-csrf" value="...">}; never saved in any view state. */
    public static class TokenField extends UIComponentBase {

        private String token;

        public TokenField() {
            setTransient(true);
        }

        TokenField(String token) {
            this();
            this.token = token;
        }

        @Override
        public String getFamily() {
            return "io.plugboard.console.TokenField";
        }

        @Override
        public void encodeBegin(FacesContext context) throws IOException {
            if (token == null) {
                return;
            }
            ResponseWriter writer = context.getResponseWriter();
            writer.startElement("input", this);
            writer.writeAttribute("type", "hidden", null);
            writer.writeAttribute("name", ConsoleAccessFilter.CSRF_PARAMETER, null);
            writer.writeAttribute("value", token, null);
            writer.endElement("input");
        }
    }
}
