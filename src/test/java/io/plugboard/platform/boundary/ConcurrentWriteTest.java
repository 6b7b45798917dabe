package io.plugboard.platform.boundary;

import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lost race between two writes is recognised through the wrapping each server adds. */
class ConcurrentWriteTest {

    @Test
    void anOptimisticLockFailureWrappedByTheTransactionInterceptorIsAConcurrentWrite() {
        var rollback = new RollbackException("commit failed");
        rollback.initCause(new OptimisticLockException("version changed"));
        assertTrue(ErrorMappers.isConcurrentWrite(new TransactionalException("rolled back", rollback)));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ErrorMappers.isConcurrentWrite(new IllegalStateException("bug", new RuntimeException("cause"))));
        assertFalse(ErrorMappers.isConcurrentWrite(new TransactionalException("rolled back", new RollbackException("other"))));
    }
}
