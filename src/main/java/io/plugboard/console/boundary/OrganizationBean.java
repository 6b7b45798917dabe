package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleSession;
import io.plugboard.console.control.ConsoleViews.Notice;
import io.plugboard.console.control.ConsoleViews.OrganizationPage;
import io.plugboard.console.control.ConsoleViews.Rotation;
import io.plugboard.console.control.ConsoleViews.UserRow;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The Organization page: its users, and the actions on their secrets. Anyone rotates their own
 * user secret; an administrator also rotates other users' secrets and the organization's, and
 * removes users (after a confirmation). The facade decides who may do what, from the stored rows;
 * the page only hides buttons a member could not use.
 *
 * <p>Request-scoped like every console bean (the views are stateless): a row's form posts the
 * user's id itself (the hidden {@code user} field), so an action never depends on a row index or
 * on state kept between requests, and the removal confirmation is its own form, whose submission
 * (the form's id among the parameters) is what keeps it on the page while it is decoded. The
 * session's CSRF token covers every form ({@link PageRenderListener}).
 *
 * <p>A new secret is put in the request-scoped {@link RevealedSecret} and rendered by the POST's
 * own response only, and a reload by GET does not show it again. After rotating their own user
 * secret or the organization secret, the signed-in user's session carries on with a renewed
 * cookie in that same response ({@link ConsoleIdentity#continueAs}): they must be able to copy the
 * secret. Their other sessions, and every other session that used a replaced secret, end at their
 * next request.
 */
@Named("organization")
@RequestScoped
public class OrganizationBean {

    /** The confirmation form's id: present among the parameters when that form was posted. */
    static final String CONFIRM_FORM = "confirm";
    /** The hidden field with the user a row's (or the confirmation's) action is for. */
    static final String USER_PARAMETER = "user";

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;
    @Inject
    RevealedSecret revealed;

    private OrganizationPage page;
    private Boolean confirmingRemove;

    public void load() {
        page = facade.organization(identity.caller());
    }

    public OrganizationPage getPage() {
        if (page == null) {
            load();
        }
        return page;
    }

    public void rotateOwnSecret() {
        rotated(facade.rotateUserSecret(identity.caller(), session(), identity.caller().userId()));
    }

    public void rotateUserSecret() {
        Long userId = postedUser();
        if (userId != null) {
            rotated(facade.rotateUserSecret(identity.caller(), session(), userId));
        }
    }

    public void rotateOrganizationSecret() {
        rotated(facade.rotateOrganizationSecret(identity.caller(), session()));
    }

    private ConsoleSession session() {
        return identity.session()
                .orElseThrow(() -> new IllegalStateException("Console page reached without a signed-in session"));
    }

    private void rotated(Rotation rotation) {
        confirmingRemove = false;
        Pages.show(rotation.notice());
        if (rotation.secret() != null) {
            revealed.show(rotation.subject(), rotation.secret());
        }
        if (rotation.session() != null) {
            identity.continueAs(rotation.session());
        }
        load();
    }

    public void askRemove() {
        confirmingRemove = postedUser() != null;
    }

    public void cancelRemove() {
        confirmingRemove = false;
    }

    /** Removes, then shows the page again by GET; removing oneself ends one's session there. */
    public void remove() {
        Long userId = postedUser();
        confirmingRemove = false;
        if (userId == null) {
            return;
        }
        Notice notice = facade.removeUser(identity.caller(), userId);
        if (notice.ok()) {
            Pages.showAfterRedirect(notice);
            Pages.redirect(Pages.url("organization.xhtml", Map.of()));
        } else {
            Pages.show(notice);
            load();
        }
    }

    /** Asked while the confirmation form is decoded too, before any action ran. */
    public boolean isConfirmingRemove() {
        if (confirmingRemove == null) {
            confirmingRemove = Pages.parameter(CONFIRM_FORM) != null && postedUser() != null;
        }
        return confirmingRemove;
    }

    /** The id the confirmation form carries (the user awaiting it). */
    public Long getRemovingId() {
        return postedUser();
    }

    /** The user awaiting confirmation, as listed now (null if no longer listed). */
    public UserRow getRemoving() {
        Long userId = postedUser();
        return userId == null ? null
                : getPage().users().stream().filter(u -> u.id() == userId).findFirst().orElse(null);
    }

    private static Long postedUser() {
        String raw = Pages.parameter(USER_PARAMETER);
        try {
            return raw == null ? null : Long.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
