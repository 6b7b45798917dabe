package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.InstanceDetail;
import io.plugboard.console.control.ConsoleViews.Notice;
import io.plugboard.instances.control.InstanceQueries.Status;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One instance: its configuration (secrets masked), credential health and history, and the
 * operator's actions. View-scoped so the two-step delete (ask, then confirm) and the edit form
 * keep their state across postbacks of the same page; every action reloads the instance through
 * the facade, so what is shown after an action is what is stored, not what the page assumed.
 */
@Named("instance")
@ViewScoped
public class InstanceBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;

    private String id;
    private long instanceId;
    private InstanceDetail detail;
    private String name;
    private String tags;
    private boolean confirmingDelete;

    /** The page's view action: an unknown id, or another organization's, is "not found" (404). */
    public void load() {
        try {
            instanceId = Long.parseLong(id == null ? "" : id.strip());
            detail = facade.instance(identity.caller(), instanceId).orElse(null);
        } catch (NumberFormatException e) {
            detail = null;
        }
        if (detail == null) {
            Pages.notFound();
            return;
        }
        resetForm();
    }

    private void reload() {
        detail = facade.instance(identity.caller(), instanceId).orElse(null);
        if (detail == null) {
            Pages.notFound();
        }
    }

    private void resetForm() {
        name = detail.instance().name();
        tags = String.join(", ", detail.instance().tags());
    }

    public boolean isFound() {
        return detail != null;
    }

    public void toggleEnabled() {
        boolean enable = detail.instance().status() == Status.DISABLED;
        Pages.show(facade.setEnabled(identity.caller(), instanceId, enable));
        reload();
    }

    public void refresh() {
        Pages.show(facade.refresh(identity.caller(), instanceId));
        reload();
    }

    public void save() {
        Pages.show(facade.update(identity.caller(), instanceId, name, parseTags(tags)));
        reload();
        if (detail != null) {
            resetForm();
        }
    }

    public void askDelete() {
        confirmingDelete = true;
    }

    public void cancelDelete() {
        confirmingDelete = false;
    }

    /** Deletes, then shows the table with the outcome; on failure stays here with the message. */
    public void delete() {
        Notice notice = facade.delete(identity.caller(), instanceId);
        confirmingDelete = false;
        if (notice.ok()) {
            Pages.showAfterRedirect(notice);
            Pages.redirect(Pages.url("instances.xhtml", Map.of()));
        } else {
            Pages.show(notice);
            reload();
        }
    }

    /** The connect wizard for this instance: the hosted flow renews its credentials in place. */
    public String getReconnectUrl() {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("element", detail.element().key());
        parameters.put("instance", String.valueOf(instanceId));
        return Pages.url("connect.xhtml", parameters);
    }

    /** The tags typed in one field, comma-separated (also the connect wizard's). */
    static List<String> parseTags(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public InstanceDetail getDetail() {
        return detail;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public boolean isConfirmingDelete() {
        return confirmingDelete;
    }
}
