package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with the same two secrets the api-v2 header carries. Request-scoped, and the secrets
 * are cleared as soon as they are checked: they exist for one request and are never put in the
 * session. The session id changes on sign-in, so an id planted before (session fixation) is
 * worthless afterwards. The login view is stateless (transient), so a form left open past the
 * session timeout still submits instead of failing with an expired view.
 */
@Named("login")
@RequestScoped
public class LoginBean {

    @Inject
    ConsoleFacade facade;

    private String organizationSecret;
    private String userSecret;
    private boolean expired;
    private boolean signedOut;
    private boolean revoked;

    /** A signed-in user who opens the login page goes on to the dashboard. */
    public void redirectIfSignedIn() {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        if (!expired && SignedIn.in((HttpSession) context.getSession(false)).isPresent()) {
            Pages.redirect(Pages.url("dashboard.xhtml", Map.of()));
        }
    }

    public void signIn() {
        Optional<Caller> caller = facade.signIn(organizationSecret, userSecret);
        String credentials = facade.sessionStamp(organizationSecret, userSecret);
        organizationSecret = null;
        userSecret = null;
        if (caller.isEmpty()) {
            // Like the API's 401: never say which of the two secrets was wrong.
            Pages.error("Sign-in failed. Check the organization secret and the user secret.");
            return;
        }
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        HttpSession session = request.getSession(false);
        if (session != null && SignedIn.in(session).isPresent()) {
            // Someone else (or an earlier sign-in) used this browser: nothing of theirs may carry over.
            session.invalidate();
            session = null;
        }
        if (session == null) {
            session = request.getSession(true); // a brand-new id
        } else {
            request.changeSessionId(); // an anonymous session from before sign-in keeps its data, not its id
        }
        session.setAttribute(SignedIn.ATTRIBUTE, SignedIn.of(caller.get(), credentials));
        Pages.redirect(Pages.url("dashboard.xhtml", Map.of()));
    }

    public String getOrganizationSecret() {
        return organizationSecret;
    }

    public void setOrganizationSecret(String organizationSecret) {
        this.organizationSecret = organizationSecret;
    }

    public String getUserSecret() {
        return userSecret;
    }

    public void setUserSecret(String userSecret) {
        this.userSecret = userSecret;
    }

    public boolean isExpired() {
        return expired;
    }

    public void setExpired(boolean expired) {
        this.expired = expired;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public void setRevoked(boolean revoked) {
        this.revoked = revoked;
    }

    public boolean isSignedOut() {
        return signedOut;
    }

    public void setSignedOut(boolean signedOut) {
        this.signedOut = signedOut;
    }
}
