package io.plugboard.elements.control;

import io.plugboard.elements.entity.PrivateElementRecord;

import java.util.List;
import java.util.Optional;

/** Storage of organizations' private elements; every query is scoped to one organization. */
public interface PrivateElementRepository {

    List<PrivateElementRecord> findAll(long organizationId);

    Optional<PrivateElementRecord> findById(long organizationId, long id);

    Optional<PrivateElementRecord> findByKey(long organizationId, String key);

    PrivateElementRecord save(PrivateElementRecord record);

    void delete(PrivateElementRecord record);
}
