package io.plugboard.events.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.events.entity.ProviderEvent;
import io.plugboard.instances.control.InstanceDirectory;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonStructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Takes in a provider's webhook: finds the element and the instances it is for, checks the
 * provider's signature for each of them, reads the changes, and stores one event per notification
 * for every target instance in one transaction (shared with the webhooks that arrive at the same
 * moment, {@link IntakeWriter}), so a webhook is kept for all its instances or for none. The caller answers the provider once this returns: delivery to the applications happens
 * later, elsewhere ({@link EventStore} nudges the dispatcher after the commit).
 *
 * <p>The element key alone does not say which element is meant when it is a private one (keys are
 * unique per organization only), so every organization's element of that key is tried, and an
 * instance counts only under its own organization's element.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class.getName());

    @Inject
    EventTargets cached;
    @Inject
    InstanceDirectory instances;
    @Inject
    IntakeWriter writer;

    @Inject
    @ConfigProperty(name = "plugboard.events.max-body-bytes", defaultValue = "524288")
    int maxBodyBytes;

    /** An instance that takes the webhook, and the element data it is read with. */
    record Target(InstanceDirectory.Settings instance, ElementDefinition element) {
        ElementDefinition.Webhook webhook() {
            return element.events().webhook();
        }
    }

    /** The most body bytes a webhook may carry; the boundary reads no more than one past it. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Whether some element of this key takes provider webhooks: what a provider's reachability
     * probe (a {@code HEAD} on the URL before it is registered) needs to hear. Stores nothing.
     */
    public boolean takesWebhooks(String elementKey) {
        return cached.ownersOf(elementKey).stream().anyMatch(owner -> webhookOf(owner.definition()) != null);
    }

    /**
     * Not one transaction: everything before the write reads this node's copies (or short reads of
     * their own), and the write is the {@link IntakeWriter}'s, grouped with other webhooks'.
     */
    public WebhookResult receive(WebhookRequest request) {
        List<ElementService.Owned> owners = cached.ownersOf(request.elementKey()).stream()
                .filter(owner -> webhookOf(owner.definition()) != null)
                .toList();
        if (owners.isEmpty()) {
            return new WebhookResult.NotFound("No element with key " + request.elementKey() + " takes provider webhooks.");
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        List<ElementService.Owned> accepting = owners.stream().filter(o -> methodsOf(o.definition()).contains(method)).toList();
        if (accepting.isEmpty()) {
            List<String> allowed = owners.stream().flatMap(o -> methodsOf(o.definition()).stream()).distinct().toList();
            return new WebhookResult.MethodNotAllowed("The element " + request.elementKey() + " takes webhooks by "
                    + String.join(", ", allowed) + ", not " + method + ".", allowed);
        }
        if (request.body().length > maxBodyBytes) {
            return new WebhookResult.Invalid("The webhook body is larger than " + maxBodyBytes + " bytes.");
        }
        Outcome<JsonStructure> decoded = WebhookPayload.decode(request.body(), request.contentType(), request.query());
        if (!(decoded instanceof Outcome.Success<JsonStructure> success)) {
            return new WebhookResult.Invalid(((Outcome.Invalid<JsonStructure>) decoded).message());
        }
        JsonStructure payload = success.value();
        return targets(request, accepting, payload).fold(
                targets -> verifiedAndStored(request, targets, payload),
                failure -> new WebhookResult.NotFound(((Outcome.NotFound<List<Target>>) failure).message()));
    }

    /** The instances the webhook names that exist, belong to the element, and take events. */
    private Outcome<List<Target>> targets(WebhookRequest request, List<ElementService.Owned> owners, JsonStructure payload) {
        Map<Long, Target> targets = new LinkedHashMap<>();
        int known = 0;
        String reason = null;
        for (ElementService.Owned owner : owners) {
            ElementDefinition element = owner.definition();
            WebhookRouting.Selection selection = WebhookRouting.select(webhookOf(element), request.pathSegment(),
                    request.header(WebhookRouting.INSTANCES_HEADER), payload);
            List<Long> ids;
            if (selection instanceof WebhookRouting.Selection.Ids named) {
                ids = named.ids();
            } else if (selection instanceof WebhookRouting.Selection.ByValue byValue) {
                ids = instances.idsWithValue(element.key(), byValue.configurationKey(), byValue.value());
            } else {
                reason = ((WebhookRouting.Selection.Nothing) selection).reason();
                ids = List.of();
            }
            for (long id : ids) {
                var settings = cached.settings(id)
                        .filter(s -> s.elementKey().equals(element.key()))
                        .filter(s -> owner.organizationId() == null || owner.organizationId() == s.organizationId());
                if (settings.isEmpty() || targets.containsKey(id)) {
                    continue; // an unknown id, or another element's instance, is no target
                }
                known++;
                if (!settings.get().disabled() && settings.get().eventsEnabled()) {
                    targets.put(id, new Target(settings.get(), element));
                }
            }
        }
        if (!targets.isEmpty()) {
            return Outcome.success(List.copyOf(targets.values()));
        }
        if (known > 0) {
            return Outcome.notFound("No instance takes this webhook: the instances it names are disabled or have events turned off.");
        }
        return Outcome.notFound(reason != null ? reason
                : "No instance of element " + request.elementKey() + " matches this webhook.");
    }

    private WebhookResult verifiedAndStored(WebhookRequest request, List<Target> targets, JsonStructure payload) {
        for (Target target : targets) {
            ElementDefinition.Signature signature = target.webhook().signature();
            if (signature != null && !WebhookSignature.verifies(signature,
                    target.instance().value(signature.configurationKey()).orElse(null),
                    request.body(), request.header(signature.header()))) {
                LOG.info(() -> "Refused a webhook for " + request.elementKey() + " instance " + target.instance().id()
                        + ": its " + signature.header() + " signature is missing or does not verify");
                return new WebhookResult.Unauthorized("The webhook's " + signature.header()
                        + " signature is missing or does not verify.");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String raw = payload.toString();
        List<EventStore.Batch> batches = new ArrayList<>();
        for (Target target : targets) {
            List<Change> changes = WebhookChanges.extract(target.webhook().changes(), payload, now);
            EventStore.Recipient recipient = new EventStore.Recipient(target.instance().organizationId(),
                    target.instance().id(), target.instance().elementKey());
            // Each notification repeats the whole payload, as Cloud Elements sends a split webhook.
            batches.add(new EventStore.Batch(recipient, ProviderEvent.Origin.WEBHOOK,
                    Notification.batches(changes, Notification.WEBHOOK_BATCH, slice -> raw)));
        }
        return writer.store(batches)
                .<WebhookResult>map(ids -> new WebhookResult.Accepted(ids.stream().flatMap(List::stream).toList()))
                .orElseGet(() -> new WebhookResult.Unavailable("The webhook could not be stored in time; send it again."));
    }

    private static ElementDefinition.Webhook webhookOf(ElementDefinition element) {
        return element.events() == null ? null : element.events().webhook();
    }

    /** The methods the provider uses; POST when the element does not say. */
    private static List<String> methodsOf(ElementDefinition element) {
        List<String> methods = webhookOf(element).methods();
        return methods == null || methods.isEmpty() ? List.of("POST")
                : methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
    }
}
