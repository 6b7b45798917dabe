package io.plugboard.transformations.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.proxy.control.HubExchange;
import io.plugboard.proxy.control.ProxyResult;
import io.plugboard.proxy.control.ProxyTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * A call on a common object, {@code METHOD /hubs/{hub}/{name}[/{id}]}: the application's body
 * mapped to the provider's shape, the element resource {@code /{vendorName}[/{id}]} called
 * through the proxy ({@link HubExchange}: credentials, refresh, retries, rate limit, egress
 * guard), and the provider's answer mapped to the common shape.
 *
 * <p>Only JSON travels this way: a body that is not JSON is the application's error, an answer
 * that is not JSON the provider's. A list ({@code GET} without an id) must come back as a JSON
 * array: a list resource pages and shapes it as every hub list ({@link HubExchange}); any other
 * collection resource must answer an array itself, and an object there is a 502 rather than
 * being read as one object with no fields. The provider's error answers are passed on with its
 * status and message, unmapped.
 */
@ApplicationScoped
public class CommonObjectCalls {

    private static final String JSON_TYPE = "application/json";

    @Inject
    HubExchange exchange;

    @Inject
    @ConfigProperty(name = "plugboard.transformations.max-body-bytes", defaultValue = "4194304")
    int maxBodyBytes;

    /** What came of the call. */
    public sealed interface Result {

        /** A 2xx answer in the common shape; {@code body} null when the provider sent none. */
        record Mapped(int status, Map<String, List<String>> headers, JsonValue body, Timing timing) implements Result {
        }

        /** The provider's refusal (any status but 2xx), passed on with its message. */
        record VendorError(int status, String providerMessage, Map<String, List<String>> headers, Timing timing)
                implements Result {
        }

        /** Nothing to map: the proxy's own refusal, a bad body, or a provider that did not answer usably. */
        record NotAnswered(ProxyResult result) implements Result {
        }
    }

    /** The element and the times of a relayed call, for the latency headers and metrics. */
    public record Timing(String elementKey, long upstreamMillis, long hubMillis) {
    }

    /** The largest request body or answer the mapping reads. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param id   the object's id, decoded, or null for the collection
     * @param body the request body (null or empty: none)
     */
    public Result call(long organizationId, ProxyTargets.Target target, CommonObjectSet.Effective object, String method,
                       String id, Map<String, List<String>> query, byte[] body) {
        Mapping mapping = object.mapping();
        byte[] vendorBody = null;
        if (body != null && body.length > 0) {
            Outcome<JsonValue> mapped = parse(body).flatMap(mapping::toVendor);
            if (!(mapped instanceof Outcome.Success<JsonValue> json)) {
                return new Result.NotAnswered(new ProxyResult.Failed(mapped));
            }
            vendorBody = json.value().toString().getBytes(StandardCharsets.UTF_8);
        }
        String path = "/" + mapping.vendorName() + (id == null ? "" : "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", JSON_TYPE);
        HubExchange.Result result = exchange.call(organizationId, target, method, path, query, headers, vendorBody,
                vendorBody == null ? null : JSON_TYPE, maxBodyBytes);
        if (result instanceof HubExchange.Result.NotAnswered notAnswered) {
            return new Result.NotAnswered(notAnswered.result());
        }
        var answered = (HubExchange.Result.Answered) result;
        ProviderResponse.Answered answer = answered.response();
        Timing timing = new Timing(answered.elementKey(), answered.upstreamMillis(), answered.hubMillis());
        if (!answer.isSuccessful()) {
            return new Result.VendorError(answer.status(), answer.providerMessage(), answer.headers(), timing);
        }
        return answer(answer, mapping, "GET".equals(method) && id == null, timing);
    }

    static Result answer(ProviderResponse.Answered answer, Mapping mapping, boolean list, Timing timing) {
        if (answer.truncated()) {
            return failed("The provider's answer is larger than the " + answer.body().length
                    + " bytes a common object maps (plugboard.transformations.max-body-bytes).", null);
        }
        if (answer.body().length == 0 || answer.bodyText().isBlank()) {
            return list ? failed("The provider answered the list with no body.", null)
                    : new Result.Mapped(answer.status(), answer.headers(), null, timing);
        }
        Outcome<JsonValue> parsed = parse(answer.body());
        if (!(parsed instanceof Outcome.Success<JsonValue> json)) {
            return failed("The provider's answer is not JSON.", answer.providerMessage());
        }
        if (list && !(json.value() instanceof JsonArray)) {
            return failed("The element's list answer is not a JSON array: its resource /" + mapping.vendorName()
                    + " must say where the list sits in the provider's answer (element data).", null);
        }
        return new Result.Mapped(answer.status(), answer.headers(), mapping.fromVendor(json.value()), timing);
    }

    private static Result failed(String message, String providerMessage) {
        return new Result.NotAnswered(new ProxyResult.Failed(new Outcome.ProviderFailed<>(message, providerMessage)));
    }

    private static Outcome<JsonValue> parse(byte[] body) {
        try (var reader = JSON.createReader(new ByteArrayInputStream(body))) {
            return Outcome.success(reader.readValue());
        } catch (JsonException e) {
            return Outcome.invalid("The body is not JSON.");
        }
    }
}
