package io.plugboard.events.control;

import io.plugboard.events.entity.DeliveryAttempt;
import io.plugboard.events.entity.ProviderEvent;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.platform.control.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading an organization's provider events (newest first, paged by an opaque token) and putting
 * queued ones back into delivery. Every read is scoped to the caller's organization, and to one
 * of its instances when one is named: another organization's event or instance is not found.
 */
@ApplicationScoped
public class EventQueries {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;
    private static final String TOKEN_PREFIX = "before:";

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    InstanceService instances;
    @Inject
    Event<EventStore.EventsStored> redelivered;

    /** An event as the API answers it. */
    public record EventView(long id, long eventId, long instanceId, String elementKey, String origin, String status,
                            OffsetDateTime eventDate, OffsetDateTime updatedDate, String webhookId, JsonArray events,
                            String providerData, OffsetDateTime nextAttemptDate, List<AttemptView> deliveries) {
        @Override
        public String toString() {
            return "EventView[id=" + id + ", status=" + status + "]";
        }
    }

    /** One delivery attempt. {@code statusCode} is null when the callback never answered. */
    public record AttemptView(int attempt, OffsetDateTime date, Integer statusCode, String error, long durationMs) {
    }

    public record Page(List<EventView> events, String nextPage) {
    }

    /** Where an instance's poller stands; {@code lastError} is null after a successful poll. */
    public record PollerView(OffsetDateTime polledUntil, OffsetDateTime lastPollDate, OffsetDateTime nextPollDate,
                             int failures, String lastError, OffsetDateTime lastErrorDate) {
    }

    /** The poller of the organization's instance; empty when its events do not come from polling. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<Optional<PollerView>> poller(long organizationId, long instanceId) {
        return instanceOf(organizationId, Optional.of(instanceId)).map(unused -> Optional
                .ofNullable(em.find(io.plugboard.events.entity.EventPoller.class, instanceId))
                .map(p -> new PollerView(p.getPolledUntil(), p.getLastPollAt(), p.getNextPollAt(), p.getFailures(),
                        p.getLastError(), p.getLastErrorAt())));
    }

    /** How many of an instance's events wait in the queue for a redelivery. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long queuedCount(long organizationId, long instanceId) {
        return em.createQuery("SELECT COUNT(e) FROM ProviderEvent e WHERE e.organizationId = :org"
                        + " AND e.instanceId = :instance AND e.status = :queued", Long.class)
                .setParameter("org", organizationId).setParameter("instance", instanceId)
                .setParameter("queued", ProviderEvent.Status.QUEUED).getSingleResult();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<Page> page(long organizationId, Optional<Long> instanceId, Integer pageSize, String nextPage) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize));
        Optional<Long> before = Optional.empty();
        if (nextPage != null && !nextPage.isBlank()) {
            before = decodeToken(nextPage);
            if (before.isEmpty()) {
                return Outcome.invalid("nextPage is not a page token this endpoint issued.");
            }
        }
        Optional<Long> from = before;
        return instanceOf(organizationId, instanceId).map(unused -> {
            String jpql = "SELECT e FROM ProviderEvent e WHERE e.organizationId = :org"
                    + (instanceId.isPresent() ? " AND e.instanceId = :instance" : "")
                    + (from.isPresent() ? " AND e.id < :before" : "")
                    + " ORDER BY e.id DESC";
            TypedQuery<ProviderEvent> query = em.createQuery(jpql, ProviderEvent.class).setParameter("org", organizationId)
                    .setMaxResults(size + 1);
            instanceId.ifPresent(id -> query.setParameter("instance", id));
            from.ifPresent(id -> query.setParameter("before", id));
            List<ProviderEvent> rows = query.getResultList();
            boolean more = rows.size() > size;
            List<ProviderEvent> shown = more ? rows.subList(0, size) : rows;
            String token = more ? encodeToken(shown.get(shown.size() - 1).getId()) : null;
            return new Page(views(shown), token);
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<EventView> one(long organizationId, Optional<Long> instanceId, long eventId) {
        return found(organizationId, instanceId, eventId).map(event -> views(List.of(event)).get(0));
    }

    /** Puts one queued event back into delivery now; an event in any other state is a conflict. */
    @Transactional
    public Outcome<EventView> redeliver(long organizationId, Optional<Long> instanceId, long eventId) {
        return found(organizationId, instanceId, eventId).flatMap(event -> {
            if (!event.redeliver(EventStore.now())) {
                return Outcome.conflict("Event " + eventId + " is " + event.getStatus().name()
                        + "; only QUEUED events are redelivered.");
            }
            redelivered.fire(EventStore.EventsStored.inDatabase(1));
            return Outcome.success(views(List.of(event)).get(0));
        });
    }

    /** Puts every queued event of an instance back into delivery; answers how many. */
    @Transactional
    public Outcome<Integer> redeliverQueued(long organizationId, long instanceId) {
        return instanceOf(organizationId, Optional.of(instanceId)).map(unused -> {
            OffsetDateTime now = EventStore.now();
            List<ProviderEvent> queued = em.createQuery("SELECT e FROM ProviderEvent e WHERE e.organizationId = :org"
                            + " AND e.instanceId = :instance AND e.status = :queued", ProviderEvent.class)
                    .setParameter("org", organizationId).setParameter("instance", instanceId)
                    .setParameter("queued", ProviderEvent.Status.QUEUED).getResultList();
            queued.forEach(event -> event.redeliver(now));
            if (!queued.isEmpty()) {
                redelivered.fire(EventStore.EventsStored.inDatabase(queued.size()));
            }
            return queued.size();
        });
    }

    private Outcome<Long> instanceOf(long organizationId, Optional<Long> instanceId) {
        if (instanceId.isEmpty()) {
            return Outcome.success(0L);
        }
        return instances.found(organizationId, instanceId.get()).map(instance -> instance.getId());
    }

    private Outcome<ProviderEvent> found(long organizationId, Optional<Long> instanceId, long eventId) {
        ProviderEvent event = em.find(ProviderEvent.class, eventId);
        if (event == null || event.getOrganizationId() != organizationId
                || instanceId.map(id -> id != event.getInstanceId()).orElse(false)) {
            return Outcome.notFound("No event with id " + eventId + (instanceId.map(id -> " on instance " + id).orElse("")) + ".");
        }
        return Outcome.success(event);
    }

    private List<EventView> views(List<ProviderEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AttemptView>> attempts = new LinkedHashMap<>();
        em.createQuery("SELECT a FROM DeliveryAttempt a WHERE a.eventId IN :ids ORDER BY a.eventId, a.attempt", DeliveryAttempt.class)
                .setParameter("ids", events.stream().map(ProviderEvent::getId).toList())
                .getResultList()
                .forEach(a -> attempts.computeIfAbsent(a.getEventId(), id -> new ArrayList<>())
                        .add(new AttemptView(a.getAttempt(), a.getAttemptedAt(), a.getStatusCode(), a.getError(), a.getDurationMs())));
        return events.stream().map(e -> new EventView(e.getId(), e.getId(), e.getInstanceId(), e.getElementKey(),
                e.getOrigin().name().toLowerCase(Locale.ROOT), e.getStatus().name(), e.getReceivedAt(), e.getUpdatedAt(),
                e.getWebhookId(), Change.storedArray(e.getChanges()), e.getRaw(),
                e.awaitsDelivery() ? e.getNextAttemptAt() : null, List.copyOf(attempts.getOrDefault(e.getId(), List.of()))))
                .toList();
    }

    private static String encodeToken(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Long> decodeToken(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return decoded.startsWith(TOKEN_PREFIX) ? Optional.of(Long.parseLong(decoded.substring(TOKEN_PREFIX.length())))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
