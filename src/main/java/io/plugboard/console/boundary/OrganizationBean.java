package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.Notice;
import io.plugboard.console.control.ConsoleViews.OrganizationPage;
import io.plugboard.console.control.ConsoleViews.Rotation;
import io.plugboard.console.control.ConsoleViews.UserRow;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Map;

/**
 * The Organization page: its users, and the actions on their secrets. Anyone rotates their own
 * user secret; an administrator also rotates other users' secrets and the organization's, and
 * removes users (after a confirmation). The facade decides who may do what, from the stored rows;
 * the page only hides buttons a member could not use.
 *
 * <p>A new secret is put in the request-scoped {@link RevealedSecret} and rendered by this one
 * response only: it is never kept in this view-scoped bean (so never in the session or the view
 * state), and a reload by GET does not show it again. After rotating their own user secret or the
 * organization secret, the signed-in user's session carries on ({@link ConsoleIdentity#renew}):
 * they must be able to copy the secret. Their other sessions, and every other user's session that
 * used a replaced secret, end at the next request.
 */
@Named("organization")
@ViewScoped
public class OrganizationBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;
    @Inject
    RevealedSecret revealed;

    private OrganizationPage page;
    /** The user whose removal waits for confirmation, or null. */
    private Long confirmingRemove;

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
        rotated(facade.rotateUserSecret(identity.caller(), identity.caller().userId()));
    }

    public void rotateUserSecret(long userId) {
        rotated(facade.rotateUserSecret(identity.caller(), userId));
    }

    public void rotateOrganizationSecret() {
        rotated(facade.rotateOrganizationSecret(identity.caller()));
    }

    private void rotated(Rotation rotation) {
        confirmingRemove = null;
        Pages.show(rotation.notice());
        if (rotation.secret() != null) {
            revealed.show(rotation.subject(), rotation.secret());
            identity.renew(rotation.sessionStamp());
        }
        load();
    }

    public void askRemove(long userId) {
        confirmingRemove = userId;
    }

    public void cancelRemove() {
        confirmingRemove = null;
    }

    /** Removes, then shows the page again by GET; removing oneself ends one's session there. */
    public void remove() {
        if (confirmingRemove == null) {
            return;
        }
        Notice notice = facade.removeUser(identity.caller(), confirmingRemove);
        confirmingRemove = null;
        if (notice.ok()) {
            Pages.showAfterRedirect(notice);
            Pages.redirect(Pages.url("organization.xhtml", Map.of()));
        } else {
            Pages.show(notice);
            load();
        }
    }

    public boolean isConfirmingRemove() {
        return confirmingRemove != null;
    }

    /** The user awaiting confirmation, as listed. */
    public UserRow getRemoving() {
        return confirmingRemove == null ? null
                : getPage().users().stream().filter(u -> u.id() == confirmingRemove).findFirst().orElse(null);
    }
}
