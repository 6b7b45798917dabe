package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleEvents;
import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.InstanceDetail;
import io.plugboard.console.control.ConsoleViews.Notice;
import io.plugboard.instances.control.InstanceQueries.Status;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One instance: its configuration (secrets masked), credential health and history, and the
 * operator's actions. Request-scoped, like every console bean: the console keeps no state between
 * requests but its session cookie, so any node can answer any post. A post therefore carries what
 * the page needs in the request: the instance id as a hidden {@code id} field in each form, and
 * the delete confirmation as its own form, whose submission (the form's id among the parameters)
 * is what keeps it shown while it is decoded. Every action reloads the instance through the
 * facade, so what is shown after an action is what is stored, not what the page assumed.
 */
@Named("instance")
@RequestScoped
public class InstanceBean {

    /** The confirmation form's id: present among the parameters when that form was posted. */
    static final String CONFIRM_FORM = "confirm";

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;
    @Inject
    ConsoleEvents consoleEvents;

    private String id;
    private long instanceId;
    private InstanceDetail detail;
    private boolean loaded;
    private String name;
    private String tags;
    private Boolean confirmingDelete;
    private ConsoleEvents.EventsPanel events;

    /** The page's view action: an unknown id, or another organization's, is "not found" (404). */
    public void load() {
        if (detail() == null) {
            Pages.notFound();
        }
    }

    /**
     * Loaded on first use, in whatever phase that is: on a post the forms' {@code rendered}
     * conditions are asked while the request is decoded, before view parameters are applied, so
     * the id is read from the request itself when the view parameter has not set it yet.
     */
    private InstanceDetail detail() {
        if (!loaded) {
            loaded = true;
            String raw = id != null ? id : Pages.parameter("id");
            try {
                instanceId = Long.parseLong(raw == null ? "" : raw.strip());
                detail = facade.instance(identity.caller(), instanceId).orElse(null);
            } catch (NumberFormatException e) {
                detail = null;
            }
            if (detail != null) {
                // Not over values a post already applied (should a later phase load it first).
                name = name != null ? name : detail.instance().name();
                tags = tags != null ? tags : String.join(", ", detail.instance().tags());
            }
        }
        return detail;
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
        return detail() != null;
    }

    public void toggleEnabled() {
        if (detail() == null) {
            return;
        }
        boolean enable = detail.instance().status() == Status.DISABLED;
        Pages.show(facade.setEnabled(identity.caller(), instanceId, enable));
        reload();
    }

    public void refresh() {
        detail();
        Pages.show(facade.refresh(identity.caller(), instanceId));
        reload();
    }

    public void save() {
        detail();
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
        detail();
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

    /** Turns the instance's events on or off (on needs a callback URL in its configuration). */
    public void toggleEvents() {
        if (detail() == null) {
            return;
        }
        Pages.show(consoleEvents.setEnabled(identity.caller(), instanceId, !getEvents().enabled()));
        events = null;
        reload();
    }

    /**
     * Redelivers the queued event whose row button was pressed: the button posts the event id as
     * the value of the (hidden) redeliver command. The facade takes only an event of this
     * instance in the caller's organization, whatever id is posted.
     */
    public void redeliverChosen() {
        if (detail() == null) {
            return;
        }
        try {
            long eventId = Long.parseLong(String.valueOf(Pages.parameter("eventActions:redeliverEvent")).strip());
            Pages.show(consoleEvents.redeliver(identity.caller(), instanceId, eventId));
        } catch (NumberFormatException e) {
            Pages.error("Choose an event to redeliver.");
        }
        events = null;
    }

    public void redeliverQueued() {
        if (detail() == null) {
            return;
        }
        Pages.show(consoleEvents.redeliverQueued(identity.caller(), instanceId));
        events = null;
    }

    /** The events card: on or off, the poller, the latest events and their deliveries. */
    public ConsoleEvents.EventsPanel getEvents() {
        if (events == null && detail() != null) {
            events = consoleEvents.panel(identity.caller(), instanceId).orElse(null);
        }
        return events;
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

    /** The view parameter, or on a post that failed validation (no model update), the posted field. */
    public String getId() {
        return id != null ? id : Pages.parameter("id");
    }

    public void setId(String id) {
        this.id = id;
    }

    public InstanceDetail getDetail() {
        return detail();
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
        if (confirmingDelete == null) {
            confirmingDelete = Pages.parameter(CONFIRM_FORM) != null;
        }
        return confirmingDelete;
    }
}
