package io.plugboard.connect.boundary;

import io.plugboard.connect.control.ConnectStart;
import io.plugboard.platform.control.Urls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the hosted connect's pages are, as browsers and providers reach them, and the cookie that
 * binds a connect to the browser. The one place that knows the routes of {@link ConnectResource},
 * {@link ConnectLaunchResource} and {@link ConnectCallbackResource}, so the flow's control needs
 * none, and the console, which starts connects too, writes the very same cookie.
 */
@ApplicationScoped
public class ConnectRoutes {

    /** The cookie that binds a connect's state to the browser that started it. */
    public static final String SESSION_COOKIE = "PLUGBOARD_CONNECT";

    @Inject
    @ConfigProperty(name = "plugboard.connect.public-url")
    Optional<String> publicUrl;

    /** The api-v2 base as browsers and providers reach it: {@code plugboard.connect.public-url}, else the request's. */
    public URI apiBase(URI requestApiBase) {
        Optional<String> configured = publicUrl.map(String::strip).filter(u -> !u.isEmpty());
        if (configured.isEmpty()) {
            return requestApiBase;
        }
        String url = configured.get().endsWith("/") ? configured.get() : configured.get() + "/";
        return Urls.httpUrl(url).orElseThrow(() -> new IllegalStateException(
                "plugboard.connect.public-url must be the absolute http(s) URL of the api-v2 base, such as"
                        + " https://hub.example.com/elements/api-v2"));
    }

    /** The callback of each element, below the api-v2 base the request came to (resolved when asked). */
    public ConnectStart.CallbackUrl callbacks(URI requestApiBase) {
        return elementKey -> apiBase(requestApiBase).resolve("elements/" + elementKey + "/oauth/callback").toString();
    }

    /** The one-time launch link of a connect an application's server started, if it has one. */
    public Optional<String> launchUrl(URI requestApiBase, ConnectStart.Started started) {
        return started.launch().map(token -> apiBase(requestApiBase)
                .resolve("elements/" + started.elementKey() + "/oauth/launch/" + started.connectId()) + "?t=" + token);
    }

    /**
     * The {@code Set-Cookie} value: scoped to the hub's {@code elements/} (the connect, launch and
     * callback routes all live below it), HttpOnly, SameSite=Lax so it rides along on the
     * provider's top-level redirect back, Secure over https. Written out by hand: {@code SameSite}
     * is not in every JAX-RS runtime's cookie type. The value is URL-safe base64, so it needs no
     * quoting.
     */
    public String sessionCookie(URI requestApiBase, String session, Duration lifetime) {
        URI apiBase = apiBase(requestApiBase);
        return SESSION_COOKIE + "=" + session
                + "; Path=" + apiBase.getRawPath() + "elements/"
                + "; Max-Age=" + lifetime.toSeconds()
                + "; HttpOnly; SameSite=Lax"
                + ("https".equalsIgnoreCase(apiBase.getScheme()) ? "; Secure" : "");
    }
}
