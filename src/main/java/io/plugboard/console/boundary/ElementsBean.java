package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.ElementCard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The element catalog with search by name, hub and authentication style; like the instance
 * table, its state is the URL (GET parameters), so a filtered list works on any node and can be
 * linked to.
 */
@Named("elements")
@RequestScoped
public class ElementsBean {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;
    @Inject
    ConsoleFormat format;

    private String q;
    private String hub;
    private String auth;
    private List<ElementCard> cards;

    public List<ElementCard> getCards() {
        if (cards == null) {
            cards = facade.elements(identity.caller(), q, hub, auth);
        }
        return cards;
    }

    public List<Option> getAuthOptions() {
        return facade.styles(identity.caller()).stream().map(s -> new Option(s, format.authentication(s))).toList();
    }

    public List<Option> getHubOptions() {
        return facade.hubs(identity.caller()).stream().map(h -> new Option(h, ConsoleFormat.label(h))).toList();
    }

    public boolean isFiltered() {
        return q != null || hub != null || auth != null;
    }

    public void search() {
        Pages.redirect(Pages.url("elements.xhtml", Pages.parameters("q", q, "hub", hub, "auth", auth)));
    }


    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = Pages.trimToNull(q);
    }

    public String getHub() {
        return hub;
    }

    public void setHub(String hub) {
        this.hub = Pages.trimToNull(hub);
    }

    public String getAuth() {
        return auth;
    }

    public void setAuth(String auth) {
        this.auth = Pages.trimToNull(auth);
    }
}
