package io.plugboard.instances.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Read-only questions an operator asks about an organization's instances (the admin console's
 * tables and dashboard), kept apart from {@link InstanceService}, whose job is the lifecycle.
 * Every query is scoped to one organization and selects only the columns it shows, so a page of
 * fifty rows never loads configuration entries or decrypts anything. Results are value records,
 * never entities, so nothing above this class can lazily reach into the persistence model.
 */
@ApplicationScoped
public class InstanceQueries {

    /** The event types that mean "a credential renewal went wrong". */
    public static final List<String> FAILURE_TYPES = List.of(InstanceEvent.Type.REFRESH_FAILED.name(),
            InstanceEvent.Type.INVALIDATED.name(), InstanceEvent.Type.VERIFICATION_FAILED.name());

    /** The one status an operator filters by: disabled wins over invalid, which wins over valid. */
    public enum Status {
        VALID, INVALID, DISABLED;

        public static Status of(boolean valid, boolean disabled) {
            return disabled ? DISABLED : valid ? VALID : INVALID;
        }
    }

    public enum Sort {
        NAME, ELEMENT, CREATED
    }

    /** What to list; null fields do not filter. {@code text} matches anywhere in the name, ignoring case. */
    public record Criteria(Long elementId, String tag, Status status, String text, Sort sort, boolean ascending) {
    }

    /**
     * One row of the instance table. {@code refreshDueAt} is set when the hub will renew the token
     * by itself, so an expiry close at hand is routine rather than a problem.
     */
    public record Row(long id, String name, long elementId, String elementKey, List<String> tags, Status status,
                      OffsetDateTime createdDate, OffsetDateTime tokenExpiresAt, OffsetDateTime lastRefreshedAt,
                      OffsetDateTime refreshDueAt, String lastError) implements Serializable {
    }

    /** How many instances of one element are in one status. */
    public record StatusCount(long elementId, String elementKey, Status status, long count) implements Serializable {
    }

    /** A credential failure event with the name of its instance. */
    public record FailureEvent(long instanceId, String instanceName, String type, String detail,
                               OffsetDateTime createdDate) implements Serializable {
    }

    /** The configuration as a caller may see it: secrets masked. */
    public record ConfigurationValue(String key, String name, String value, boolean secret) implements Serializable {
    }

    /** One instance in full, for its detail page: settings, credential health, masked configuration. */
    public record Detail(long id, String name, long elementId, String elementKey, List<String> tags, Status status,
                         String externalAuthentication, OffsetDateTime createdDate, OffsetDateTime updatedDate,
                         OffsetDateTime tokenExpiresAt, OffsetDateTime lastRefreshedAt, OffsetDateTime refreshDueAt,
                         OffsetDateTime verificationDueAt, String lastError, OffsetDateTime lastErrorAt,
                         int consecutiveFailures, OffsetDateTime retryNotBefore,
                         List<ConfigurationValue> configuration) implements Serializable {
    }

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    InstanceRepository repository;
    @Inject
    InstanceVault vault;
    @Inject
    ElementService elements;

    // --- the instance table ---------------------------------------------------------------------

    /** One page of the table, in the requested order; ties broken by id so pages never overlap. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Row> page(long organizationId, Criteria criteria, int first, int max) {
        String order = switch (criteria.sort() == null ? Sort.CREATED : criteria.sort()) {
            case NAME -> "sortName";
            case ELEMENT -> "i.elementKey";
            case CREATED -> "i.createdDate";
        };
        String direction = criteria.ascending() ? " ASC" : " DESC";
        // LOWER(name) as a result variable: portable JPQL can order by it, and "apple" sorts before "Zebra".
        TypedQuery<Object[]> query = em.createQuery("SELECT i.id, i.name, i.elementId, i.elementKey, i.valid, i.disabled,"
                + " i.createdDate, i.tokenExpiresAt, i.lastRefreshedAt, i.refreshDueAt, i.lastError, LOWER(i.name) AS sortName"
                + " FROM Instance i WHERE " + where(criteria)
                + " ORDER BY " + order + direction + ", i.id" + direction, Object[].class);
        bind(query, organizationId, criteria);
        List<Object[]> rows = query.setFirstResult(Math.max(first, 0)).setMaxResults(max).getResultList();
        Map<Long, List<String>> tags = tagsOf(rows.stream().map(r -> (Long) r[0]).toList());
        return rows.stream().map(r -> new Row((Long) r[0], (String) r[1], (Long) r[2], (String) r[3],
                tags.getOrDefault((Long) r[0], List.of()), Status.of((Boolean) r[4], (Boolean) r[5]),
                (OffsetDateTime) r[6], (OffsetDateTime) r[7], (OffsetDateTime) r[8], (OffsetDateTime) r[9],
                (String) r[10])).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long organizationId, Criteria criteria) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(i) FROM Instance i WHERE " + where(criteria), Long.class);
        bind(query, organizationId, criteria);
        return query.getSingleResult();
    }

    /** Every tag the organization uses, for the tag filter. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> tags(long organizationId) {
        // Sorted here: EclipseLink cannot combine DISTINCT with ORDER BY on an element collection.
        return em.createQuery("SELECT DISTINCT t FROM Instance i JOIN i.tags t WHERE i.organizationId = :org", String.class)
                .setParameter("org", organizationId)
                .getResultList().stream()
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    private static String where(Criteria criteria) {
        StringBuilder where = new StringBuilder("i.organizationId = :org");
        if (criteria.elementId() != null) {
            where.append(" AND i.elementId = :element");
        }
        if (criteria.tag() != null) {
            where.append(" AND :tag MEMBER OF i.tags");
        }
        if (criteria.status() != null) {
            where.append(switch (criteria.status()) {
                case VALID -> " AND i.disabled = FALSE AND i.valid = TRUE";
                case INVALID -> " AND i.disabled = FALSE AND i.valid = FALSE";
                case DISABLED -> " AND i.disabled = TRUE";
            });
        }
        if (criteria.text() != null) {
            // No ESCAPE clause: EclipseLink cannot bind one, and would then inline every value of the
            // statement. Backslash is the default LIKE escape of both supported databases.
            where.append(" AND LOWER(i.name) LIKE :text");
        }
        return where.toString();
    }

    private static void bind(TypedQuery<?> query, long organizationId, Criteria criteria) {
        query.setParameter("org", organizationId);
        if (criteria.elementId() != null) {
            query.setParameter("element", criteria.elementId());
        }
        if (criteria.tag() != null) {
            query.setParameter("tag", criteria.tag());
        }
        if (criteria.text() != null) {
            String escaped = criteria.text().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            query.setParameter("text", "%" + escaped + "%");
        }
    }

    /** The tags of the listed instances in one query, each list sorted. */
    private Map<Long, List<String>> tagsOf(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, TreeSet<String>> sorted = new HashMap<>();
        em.createQuery("SELECT i.id, t FROM Instance i JOIN i.tags t WHERE i.id IN :ids", Object[].class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(r -> sorted.computeIfAbsent((Long) r[0], k -> new TreeSet<>()).add((String) r[1]));
        Map<Long, List<String>> tags = new HashMap<>();
        sorted.forEach((id, set) -> tags.put(id, List.copyOf(set)));
        return tags;
    }

    // --- the dashboard --------------------------------------------------------------------------

    /** Instance counts per element and status: one grouped query, whatever the number of instances. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StatusCount> statusCounts(long organizationId) {
        return em.createQuery("SELECT i.elementId, i.elementKey, i.valid, i.disabled, COUNT(i) FROM Instance i"
                        + " WHERE i.organizationId = :org GROUP BY i.elementId, i.elementKey, i.valid, i.disabled",
                        Object[].class)
                .setParameter("org", organizationId)
                .getResultList().stream()
                .map(r -> new StatusCount((Long) r[0], (String) r[1], Status.of((Boolean) r[2], (Boolean) r[3]), (Long) r[4]))
                .toList();
    }

    /**
     * Instances an operator should look at: invalid, disabled, or whose token expires before
     * {@code expiringBefore}. Invalid ones first, then the soonest to expire.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Row> needingAttention(long organizationId, OffsetDateTime expiringBefore, int max) {
        List<Object[]> rows = em.createQuery("SELECT i.id, i.name, i.elementId, i.elementKey, i.valid, i.disabled,"
                        + " i.createdDate, i.tokenExpiresAt, i.lastRefreshedAt, i.refreshDueAt, i.lastError FROM Instance i"
                        + " WHERE " + ATTENTION
                        + " ORDER BY i.valid ASC, i.disabled ASC, i.tokenExpiresAt ASC, i.id ASC", Object[].class)
                .setParameter("org", organizationId)
                .setParameter("soon", expiringBefore)
                .setMaxResults(max)
                .getResultList();
        Map<Long, List<String>> tags = tagsOf(rows.stream().map(r -> (Long) r[0]).toList());
        return rows.stream().map(r -> new Row((Long) r[0], (String) r[1], (Long) r[2], (String) r[3],
                tags.getOrDefault((Long) r[0], List.of()), Status.of((Boolean) r[4], (Boolean) r[5]),
                (OffsetDateTime) r[6], (OffsetDateTime) r[7], (OffsetDateTime) r[8], (OffsetDateTime) r[9],
                (String) r[10])).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countNeedingAttention(long organizationId, OffsetDateTime expiringBefore) {
        return em.createQuery("SELECT COUNT(i) FROM Instance i WHERE " + ATTENTION, Long.class)
                .setParameter("org", organizationId)
                .setParameter("soon", expiringBefore)
                .getSingleResult();
    }

    private static final String ATTENTION = "i.organizationId = :org"
            + " AND (i.valid = FALSE OR i.disabled = TRUE OR i.tokenExpiresAt <= :soon)";

    /** Refresh, verification and invalidation failures since {@code since}, newest first (index on organization, date). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FailureEvent> failuresSince(long organizationId, OffsetDateTime since, int max) {
        return em.createQuery("SELECT e.instanceId, i.name, e.type, e.detail, e.createdDate"
                        + " FROM InstanceEvent e, Instance i WHERE e.organizationId = :org AND e.createdDate >= :since"
                        + " AND e.type IN :types AND i.id = e.instanceId AND i.organizationId = :org"
                        + " ORDER BY e.createdDate DESC, e.id DESC", Object[].class)
                .setParameter("org", organizationId)
                .setParameter("since", since)
                .setParameter("types", FAILURE_TYPES)
                .setMaxResults(max)
                .getResultList().stream()
                .map(r -> new FailureEvent((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (OffsetDateTime) r[4]))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countFailuresSince(long organizationId, OffsetDateTime since) {
        return em.createQuery("SELECT COUNT(e) FROM InstanceEvent e WHERE e.organizationId = :org"
                        + " AND e.createdDate >= :since AND e.type IN :types", Long.class)
                .setParameter("org", organizationId)
                .setParameter("since", since)
                .setParameter("types", FAILURE_TYPES)
                .getSingleResult();
    }

    // --- one instance ---------------------------------------------------------------------------

    /** The instance with its configuration masked; empty when it is not this organization's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Detail> detail(long organizationId, long id) {
        return repository.find(organizationId, id).map(this::detailOf);
    }

    private Detail detailOf(Instance i) {
        Optional<ElementDefinition> element = elements.find(String.valueOf(i.getElementId()),
                Optional.of(i.getOrganizationId())).map(ElementService.Element::definition);
        Map<String, String> masked = element.map(e -> vault.masked(i, e)).orElseGet(() -> vault.masked(i));
        List<ConfigurationValue> configuration = new ArrayList<>();
        masked.forEach((key, value) -> configuration.add(new ConfigurationValue(key,
                element.flatMap(e -> e.configurationEntry(key)).map(ElementDefinition.ConfigurationDefinition::name).orElse(null),
                value,
                element.map(e -> InstanceVault.isSecret(key, e)).orElse(InstanceVault.MASK.equals(value)))));
        return new Detail(i.getId(), i.getName(), i.getElementId(), i.getElementKey(), List.copyOf(new TreeSet<>(i.getTags())),
                Status.of(i.isValid(), i.isDisabled()), i.getExternalAuthentication(), i.getCreatedDate(), i.getUpdatedDate(),
                i.getTokenExpiresAt(), i.getLastRefreshedAt(), i.getRefreshDueAt(), i.getVerificationDueAt(), i.getLastError(),
                i.getLastErrorAt(), i.getConsecutiveFailures(), i.getRetryNotBefore(), List.copyOf(configuration));
    }
}
