package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.ElementCard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The element catalog with search by name and hub; like the instance table, its state is the URL. */
@Named("elements")
@RequestScoped
public class ElementsBean {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;

    private String q;
    private String hub;
    private List<ElementCard> cards;

    public List<ElementCard> getCards() {
        if (cards == null) {
            cards = facade.elements(identity.caller(), q, hub);
        }
        return cards;
    }

    public List<Option> getHubOptions() {
        return facade.hubs(identity.caller()).stream().map(h -> new Option(h, ConsoleFormat.label(h))).toList();
    }

    public boolean isFiltered() {
        return q != null || hub != null;
    }

    public void search() {
        Pages.redirect(Pages.url("elements.xhtml", Pages.parameters("q", q, "hub", hub)));
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
}
