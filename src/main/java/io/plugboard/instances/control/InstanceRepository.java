package io.plugboard.instances.control;

import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Storage of instances. Every caller-facing query is scoped to one organization. */
public interface InstanceRepository {

    /** A filter for listing: all of the tags (if any), only one element (if given), ids after a cursor. */
    record Filter(long organizationId, List<String> tags, Long elementId) {
    }

    Instance save(Instance instance);

    void delete(Instance instance);

    Optional<Instance> find(long organizationId, long id);

    Optional<Instance> findByTokenDigest(String tokenDigest);

    /** Locks the instance's row until the transaction ends: the cross-node single flight of refreshes. */
    Optional<Instance> lock(long id);

    List<Instance> page(Filter filter, Long afterId, int limit);

    long count(Filter filter);

    List<Long> dueForRefresh(OffsetDateTime now, int limit);

    List<Long> dueForVerification(OffsetDateTime now, int limit);

    void record(InstanceEvent event);

    List<InstanceEvent> events(long organizationId, long instanceId, int limit);
}
