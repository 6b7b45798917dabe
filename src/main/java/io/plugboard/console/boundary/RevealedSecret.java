package io.plugboard.console.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * A new secret on its way to the browser, for the one response that shows it. Request-scoped on
 * purpose: it is gone when the response is written, so it never lands in the session, the view
 * state or a later page, and nothing but that response ever holds it.
 */
@Named("revealed")
@RequestScoped
public class RevealedSecret {

    private String subject;
    private String secret;

    void show(String subject, String secret) {
        this.subject = subject;
        this.secret = secret;
    }

    public boolean isPresent() {
        return secret != null;
    }

    public String getSubject() {
        return subject;
    }

    public String getSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return "RevealedSecret[" + (secret == null ? "none" : subject) + "]";
    }
}
