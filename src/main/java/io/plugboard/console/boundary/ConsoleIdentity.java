package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.Who;
import io.plugboard.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.Optional;

/**
 * The signed-in user for the pages: the caller every facade call is made for, the name in the
 * header, and sign-out. Request-scoped and read from the session on each request, so signing out
 * (or the session timing out) takes effect at once, with nothing cached in a longer-lived bean.
 * The caller is the one {@link ConsoleAccessFilter} re-checked against the database for this
 * request (a removed user or a rotated secret never gets this far), so its administrator flag is
 * current too.
 */
@Named("identity")
@RequestScoped
public class ConsoleIdentity {

    @Inject
    ConsoleFacade facade;

    /** The request attribute where {@link ConsoleAccessFilter} leaves the re-checked caller. */
    static final String CALLER = ConsoleIdentity.class.getName() + ".caller";

    private Who who;
    private Caller caller;

    /** The signed-in caller; the access filter guarantees one on every page but the login page. */
    public Caller caller() {
        if (caller == null) {
            Object checked = FacesContext.getCurrentInstance().getExternalContext().getRequestMap().get(CALLER);
            caller = checked instanceof Caller c ? c
                    : signedIn().flatMap(s -> facade.stillSignedIn(s.organizationId(), s.userId(), s.credentials()))
                    .orElseThrow(() -> new IllegalStateException("Console page reached without a signed-in session"));
        }
        return caller;
    }

    /**
     * Keeps this session signed in after its user rotated their own secret or the organization's:
     * they just saw the new secret, and signing them out before they could copy it would lose it.
     * Every other session of theirs (other browsers, other nodes) ends at its next request.
     */
    void renew(String credentials) {
        if (credentials == null) {
            return;
        }
        HttpSession session = (HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false);
        SignedIn.in(session).ifPresent(s -> session.setAttribute(SignedIn.ATTRIBUTE, s.withCredentials(credentials)));
    }

    public boolean isSignedIn() {
        return signedIn().isPresent();
    }

    public Who getWho() {
        if (who == null) {
            who = facade.who(caller());
        }
        return who;
    }

    /** Ends the session entirely (view state included) and shows the login page. */
    public void signOut() throws IOException {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        context.invalidateSession();
        context.redirect(context.getRequestContextPath() + ConsoleAccessFilter.LOGIN + "?signedOut=true");
    }

    private static Optional<SignedIn> signedIn() {
        return SignedIn.in((HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false));
    }
}
