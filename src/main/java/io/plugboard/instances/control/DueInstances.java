package io.plugboard.instances.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * The reads of a {@link CredentialScheduler} pass: which instances are due. A bean of its own so
 * that {@code @Transactional} applies when the scheduler calls it. A real transaction, not
 * SUPPORTS: on a managed executor thread a non-transactional entity manager is cleaned up twice
 * by Payara.
 */
@ApplicationScoped
class DueInstances {

    @Inject
    InstanceRepository repository;

    @Transactional
    List<Long> forRefresh(int limit) {
        return repository.dueForRefresh(InstanceService.now(), limit);
    }

    @Transactional
    List<Long> forVerification(int limit) {
        return repository.dueForVerification(InstanceService.now(), limit);
    }
}
