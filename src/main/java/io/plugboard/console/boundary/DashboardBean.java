package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.Dashboard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The dashboard: read once per request, since it must show the state as of this moment. */
@Named("dashboard")
@RequestScoped
public class DashboardBean {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;

    private Dashboard data;

    public Dashboard getData() {
        if (data == null) {
            data = facade.dashboard(identity.caller());
        }
        return data;
    }
}
