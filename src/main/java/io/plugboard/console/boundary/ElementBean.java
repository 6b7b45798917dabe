package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.ElementDetail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One element: authentication, configuration definitions and resources; read-only. */
@Named("element")
@RequestScoped
public class ElementBean {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;

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

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
