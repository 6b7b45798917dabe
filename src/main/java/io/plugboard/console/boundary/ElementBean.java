package io.plugboard.console.boundary;

import io.plugboard.connect.boundary.ConnectRoutes;
import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.ElementDetail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;

/**
 * One element: authentication, configuration definitions, resources and its setup guide;
 * read-only. The guide's callback URL is the hub's hosted-connect callback as providers reach it
 * ({@code plugboard.connect.public-url}, else this request's origin), built by the same routes the
 * connect itself uses, so what the page tells an operator to register is what the dance sends.
 */
@Named("element")
@RequestScoped
public class ElementBean {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;
    @Inject
    ConnectRoutes routes;

    private String key;
    private ElementDetail detail;

    /** The page's view action: an element the organization cannot see is "not found" (404). */
    public void load() {
        detail = facade.element(identity.caller(), key).orElse(null);
        if (detail == null) {
            Pages.notFound();
        }
    }

    public boolean isFound() {
        return detail != null;
    }

    public ElementDetail getDetail() {
        return detail;
    }

    /** Where the provider sends users back after a hosted connect of this element. */
    public String getHubCallbackUrl() {
        if (detail == null) {
            return null;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        URI apiBase = URI.create(origin + external.getRequestContextPath() + "/api-v2/");
        return routes.callbacks(apiBase).forElement(detail.card().element().key());
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
