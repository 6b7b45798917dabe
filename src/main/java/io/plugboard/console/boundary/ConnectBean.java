package io.plugboard.console.boundary;

import io.plugboard.console.control.ConsoleFacade;
import io.plugboard.console.control.ConsoleViews.ConnectForm;
import io.plugboard.connect.boundary.ConnectRoutes;
import io.plugboard.connect.control.ConnectStart;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connect wizard: asks for the element's application credentials, then starts the hosted
 * connect flow for the signed-in user and sends the browser to the provider. The browser itself
 * carries the connect cookie, so the provider's redirect back to the hub's callback finishes the
 * dance and lands on {@code connected.xhtml} with the new instance.
 *
 * <p>With {@code instance=<id>} it re-authenticates that instance in place instead: the same
 * dance, but the callback renews the instance's credentials (its id and token stay), and every
 * field may be left blank to keep the stored value.
 *
 * <p>Request-scoped: the form posts the element key and the instance id itself (hidden
 * {@code element} and {@code instance} fields, the page's view parameters), so any node can take
 * the post.
 */
@Named("connect")
@RequestScoped
public class ConnectBean {

    @Inject
    ConsoleFacade facade;
    @Inject
    ConsoleIdentity identity;
    @Inject
    ConnectRoutes routes;

    private String key;
    private Long instance;
    private String instanceName;
    private ConnectForm form;
    private boolean loaded;
    private String name;
    private String tags;
    private String siteAddress;
    private String authorizationUrl;

    /** The page's view action: an element that does not use OAuth, or is not the caller's to see, is "not found". */
    public void load() {
        if (form() == null) {
            Pages.notFound();
        }
    }

    /**
     * Loaded on first use: on a post the page's {@code rendered} conditions are asked while the
     * request is decoded, before view parameters are applied, so the key and instance are read
     * from the request itself when the view parameters have not set them yet.
     */
    private ConnectForm form() {
        if (loaded) {
            return form;
        }
        loaded = true;
        String instanceParameter = instance != null ? instance.toString() : Pages.trimToNull(Pages.parameter("instance"));
        String keyParameter = key != null ? key : Pages.parameter("element");
        if (instanceParameter != null) {
            try {
                instance = Long.valueOf(instanceParameter);
            } catch (NumberFormatException e) {
                return null;
            }
            var detail = facade.instance(identity.caller(), instance).filter(d -> d.reconnectable()).orElse(null);
            if (detail == null) {
                return null;
            }
            keyParameter = detail.instance().elementKey();
            instanceName = detail.instance().name();
        }
        key = keyParameter;
        form = facade.connectForm(identity.caller(), key).orElse(null);
        return form;
    }

    public void start() {
        if (form() == null) {
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        URI apiBase = URI.create(origin + external.getRequestContextPath() + "/api-v2/");
        String returnUrl = origin + Pages.url("connected.xhtml", Map.of());
        // The fields are plain inputs named after the element's configuration keys, which vary per element.
        Map<String, String> parameters = external.getRequestParameterMap();
        Map<String, String> configuration = new LinkedHashMap<>();
        form.fields().forEach(field -> configuration.put(field.key(), parameters.get("field-" + field.key())));
        List<String> tagList = InstanceBean.parseTags(tags);
        String presented = request.getCookies() == null ? null : Arrays.stream(request.getCookies())
                .filter(c -> ConnectRoutes.SESSION_COOKIE.equals(c.getName())).map(Cookie::getValue).findFirst().orElse(null);
        Outcome<ConnectStart.Started> started = facade.startConnect(identity.caller(), form.elementKey(), configuration,
                name, tagList, siteAddress, presented, routes.callbacks(apiBase), returnUrl, instance);
        if (started instanceof Outcome.Success<ConnectStart.Started> success) {
            // The console's policy allows forms to post only to the console (form-action 'self'),
            // which also forbids redirecting a post to the provider; the browser follows a link instead.
            external.addResponseHeader("Set-Cookie",
                    routes.sessionCookie(apiBase, success.value().session(), success.value().lifetime()));
            authorizationUrl = success.value().authorizationUrl();
            return;
        }
        Pages.error(message(started));
    }

    private static String message(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Invalid<?> invalid) {
            return invalid.message();
        }
        if (outcome instanceof Outcome.NotFound<?> notFound) {
            return notFound.message();
        }
        if (outcome instanceof Outcome.ProviderFailed<?> failed) {
            return failed.message();
        }
        if (outcome instanceof Outcome.ProviderTimedOut<?> timedOut) {
            return timedOut.message();
        }
        return "The connection could not be started.";
    }

    public String getAuthorizationUrl() {
        return authorizationUrl;
    }

    public boolean isReauthenticating() {
        form();
        return instance != null && instanceName != null;
    }

    public String getInstanceName() {
        form();
        return instanceName;
    }

    public Long getInstance() {
        return instance;
    }

    public void setInstance(Long instance) {
        this.instance = instance;
    }

    public boolean isFound() {
        return form() != null;
    }

    public ConnectForm getForm() {
        return form();
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
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

    public String getSiteAddress() {
        return siteAddress;
    }

    public void setSiteAddress(String siteAddress) {
        this.siteAddress = siteAddress;
    }
}
