package io.plugboard.instances.control;

import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceEvent;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Instances kept in a map by the id a test gives them: the repository, without a database. */
final class MemoryInstances implements InstanceRepository {

    final Map<Long, Instance> rows = new LinkedHashMap<>();
    final List<InstanceEvent> events = new ArrayList<>();

    /** Stores the instance under {@code id}, and gives it that id as the database would. */
    Instance put(long id, Instance instance) {
        try {
            var field = Instance.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(instance, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        rows.put(id, instance);
        return instance;
    }

    @Override
    public Instance save(Instance instance) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void delete(Instance instance) {
        rows.values().remove(instance);
    }

    @Override
    public Optional<Instance> find(long organizationId, long id) {
        return Optional.ofNullable(rows.get(id)).filter(i -> i.getOrganizationId() == organizationId);
    }

    @Override
    public Optional<Instance> findByTokenDigest(String tokenDigest) {
        return rows.values().stream().filter(i -> tokenDigest.equals(i.getTokenDigest())).findFirst();
    }

    @Override
    public Optional<Instance> lock(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<Instance> page(Filter filter, Long afterId, int limit) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public long count(Filter filter) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public List<Long> dueForRefresh(OffsetDateTime now, int limit) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public List<Long> dueForVerification(OffsetDateTime now, int limit) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void record(InstanceEvent event) {
        events.add(event);
    }

    @Override
    public List<InstanceEvent> events(long organizationId, long instanceId, int limit) {
        return events.stream().limit(limit).toList();
    }
}
