package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleSession;
import io.plugboard.console.control.ConsoleViews.Who;
import io.plugboard.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Optional;

/**
 * The signed-in user for the pages: the caller every facade call is made for, the name in the
 * header, and sign-out. Request-scoped and read from what {@link ConsoleAccessFilter} found in
 * this request's session cookie, so signing out (or the session expiring) takes effect at once,
 * with nothing cached in a longer-lived bean. The caller is the one the filter re-read from the
 * database for this request (a removed user or a replaced secret never gets this far), so its
 * administrator flag is current too.
 */
@Named("identity")
@RequestScoped
public class ConsoleIdentity {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleCookies cookies;

    private Who who;

    /** The signed-in caller; the access filter guarantees one on every page but the login page. */
    public Caller caller() {
        return signedIn().map(SignedIn::caller)
                .orElseThrow(() -> new IllegalStateException("Console page reached without a signed-in session"));
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

    /**
     * Keeps this browser signed in after its user replaced their own secret or the organization's:
     * they have just been shown the new secret, and signing them out before they could copy it
     * would lose it. The renewed session (same id, so the page's forms keep their CSRF token,
     * bound to the new secrets) goes out with this response; every other session of the
     * organization that the change concerns ends at its next request.
     */
    void continueAs(ConsoleSession renewed) {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) context.getRequest();
        signedIn().ifPresent(current -> request.setAttribute(SignedIn.ATTRIBUTE,
                new SignedIn(current.caller(), renewed, current.csrfToken())));
        context.addResponseHeader("Set-Cookie", cookies.sessionCookie(request, renewed));
    }

    /** The session this request was signed in with. */
    Optional<ConsoleSession> session() {
        return signedIn().map(SignedIn::session);
    }

    /** Ends the session on every node, removes its cookie from the browser and shows the login page. */
    public void signOut() throws IOException {
        session().ifPresent(facade::endSession);
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        context.addResponseHeader("Set-Cookie", cookies.clearSession((HttpServletRequest) context.getRequest()));
        context.redirect(context.getRequestContextPath() + ConsoleAccessFilter.LOGIN + "?signedOut=true");
    }

    static Optional<SignedIn> signedIn() {
        return SignedIn.in((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }
}
