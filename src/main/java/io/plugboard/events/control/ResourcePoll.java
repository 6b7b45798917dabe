package io.plugboard.events.control;

import io.plugboard.events.control.PolledRecords.Polled;
import io.plugboard.events.control.PollerConfiguration.Paging;
import io.plugboard.events.control.PollerConfiguration.Resource;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.proxy.control.HubUrl;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one resource of a poller configuration for one window: the URL with its date
 * placeholders filled in, every page up to a short or empty page or {@code maxPages}, each
 * record classified. Any failure (an answer that is not 2xx, not JSON, cut off, a date that does
 * not match its format) fails the whole resource, so a window is stored whole or not at all.
 * The reading of a page is given, so this runs without a server.
 */
final class ResourcePoll {

    private ResourcePoll() {
    }

    /** The window {@code (start, end]}: start is where the last window ended less the resource's pollDelay. */
    static Outcome<List<Polled>> read(Resource resource, OffsetDateTime polledUntil, OffsetDateTime windowEnd,
                                      Function<String, String> configuration,
                                      Function<HubUrl, Outcome<ProviderResponse.Answered>> page) {
        OffsetDateTime windowStart = polledUntil.minusSeconds(resource.pollDelay());
        Outcome<HubUrl> parsed = PollerUrls.resolve(resource.url(), windowStart, configuration).flatMap(HubUrl::parse);
        if (!(parsed instanceof Outcome.Success<HubUrl> success)) {
            return parsed.asFailure();
        }
        HubUrl base = success.value();
        if (resource.pageSize() != null && resource.paging().sizeParameter() != null) {
            base = base.with(resource.paging().sizeParameter(), String.valueOf(resource.pageSize()));
        }
        Paging paging = resource.paging();
        List<Polled> changed = new ArrayList<>();
        for (int index = 0; index < paging.maxPages(); index++) {
            HubUrl url = switch (paging.type()) {
                case NONE -> base;
                case PAGE -> base.with(paging.pageParameter(), String.valueOf(paging.first() + index));
                case OFFSET -> base.with(paging.pageParameter(), String.valueOf(paging.first() + (long) index * resource.pageSize()));
            };
            Outcome<List<JsonValue>> records = page.apply(url).flatMap(answer -> answered(resource, url, answer))
                    .flatMap(answer -> PolledRecords.records(resource, answer.body()));
            if (!(records instanceof Outcome.Success<List<JsonValue>> read)) {
                return records.asFailure();
            }
            for (JsonValue record : read.value()) {
                Outcome<Optional<Polled>> classified = PolledRecords.classify(resource, record, windowStart, windowEnd);
                if (!(classified instanceof Outcome.Success<Optional<Polled>> kept)) {
                    return classified.asFailure();
                }
                kept.value().ifPresent(changed::add);
            }
            int count = read.value().size();
            if (paging.type() == Paging.Type.NONE || count == 0
                    || (resource.pageSize() != null && count < resource.pageSize())) {
                break;
            }
        }
        return Outcome.success(changed);
    }

    private static Outcome<ProviderResponse.Answered> answered(Resource resource, HubUrl url, ProviderResponse.Answered answer) {
        if (!answer.isSuccessful()) {
            return new Outcome.ProviderFailed<>("Resource '" + resource.name() + "': GET " + url + " answered "
                    + answer.status() + ".", answer.providerMessage());
        }
        if (answer.truncated()) {
            return new Outcome.ProviderFailed<>("Resource '" + resource.name() + "': GET " + url
                    + " answered more than the hub reads in one page; lower pageSize.", null);
        }
        return Outcome.success(answer);
    }

    /**
     * The resource's changes as notifications of at most {@link Notification#POLLING_BATCH}, each
     * with the records of its slice as raw data: {@code {"objectType": name, name: [records]}}.
     */
    static List<Notification> notifications(String resourceName, List<Polled> polled) {
        Map<Change, JsonValue> recordOf = new IdentityHashMap<>();
        List<Change> changes = new ArrayList<>(polled.size());
        for (Polled p : polled) {
            changes.add(p.change());
            recordOf.put(p.change(), p.record());
        }
        return Notification.batches(changes, Notification.POLLING_BATCH, slice -> {
            JsonArrayBuilder records = Json.createArrayBuilder();
            slice.forEach(change -> records.add(recordOf.get(change)));
            return Json.createObjectBuilder().add("objectType", resourceName).add(resourceName, records).build().toString();
        });
    }
}
