package io.plugboard.elements.control;

import io.plugboard.elements.entity.PrivateElementRecord;

import java.util.List;
import java.util.Optional;

/**
 * Storage of organizations' private elements; every query is scoped to one organization, except
 * {@link #findByKeyInEveryOrganization}: a provider's webhook names an element key and no
 * organization, and the instance it routes to tells which organization's element it meant.
 */
public interface PrivateElementRepository {

    List<PrivateElementRecord> findAll(long organizationId);

    Optional<PrivateElementRecord> findById(long organizationId, long id);

    Optional<PrivateElementRecord> findByKey(long organizationId, String key);

    /** Every organization's private element with this key (the key is unique per organization only). */
    List<PrivateElementRecord> findByKeyInEveryOrganization(String key);

    PrivateElementRecord save(PrivateElementRecord record);

    void delete(PrivateElementRecord record);
}
