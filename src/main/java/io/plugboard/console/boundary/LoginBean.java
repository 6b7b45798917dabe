package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleSession;
import io.plugboard.console.control.ConsoleSessions;
import io.plugboard.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with the same two secrets the api-v2 header carries. Request-scoped, and the secrets
 * are cleared as soon as they are checked: they exist for one request and are never put in the
 * session cookie, which holds only ids and times. Every sign-in mints a new session with a new
 * random id, whatever cookie the browser brought, so nothing planted before (session fixation)
 * or left by an earlier user carries over. The login view is stateless (transient), so a form
 * left open past the session timeout still submits.
 */
@Named("login")
@RequestScoped
public class LoginBean {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleCookies cookies;
    @Inject
    ConsoleSessions sessions;

    private String organizationSecret;
    private String userSecret;
    private boolean expired;
    private boolean signedOut;
    private boolean revoked;

    /** A signed-in user who opens the login page goes on to the dashboard. */
    public void redirectIfSignedIn() {
        if (!expired && ConsoleIdentity.signedIn().isPresent()) {
            Pages.redirect(Pages.url("dashboard.xhtml", Map.of()));
        }
    }

    public void signIn() {
        Optional<Caller> caller = facade.signIn(organizationSecret, userSecret);
        organizationSecret = null;
        userSecret = null;
        Optional<ConsoleSession> session = caller.flatMap(facade::startSession);
        if (session.isEmpty()) {
            // Like the API's 401: never say which of the two secrets was wrong.
            Pages.error("Sign-in failed. Check the organization secret and the user secret.");
            return;
        }
        // Signing in over an open session replaces it: the old cookie opens nothing any more.
        ConsoleIdentity.signedIn().map(SignedIn::session).ifPresent(facade::endSession);
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        context.addResponseHeader("Set-Cookie", cookies.sessionCookie((HttpServletRequest) context.getRequest(), session.get()));
        Pages.redirect(Pages.url("dashboard.xhtml", Map.of()));
    }

    /** For the login page's note on how long an unused session lasts. */
    public long getIdleMinutes() {
        return sessions.codec().idleTimeout().toMinutes();
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
