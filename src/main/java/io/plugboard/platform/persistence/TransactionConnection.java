package io.plugboard.platform.persistence;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Connection;

/**
 * Makes every JTA transaction run all of its SQL on one enlisted connection.
 *
 * <p>Why: EclipseLink normally takes its write connection only when the transaction commits,
 * inside the transaction manager's {@code beforeCompletion}. A connection taken there from the
 * application's {@code <data-source>} is not enlisted on Payara (seen with PostgreSQL's
 * {@code log_statement=all}: the INSERTs of a provisioning ran in autocommit on one connection
 * while {@code BEGIN}/{@code COMMIT} ran on another), so a crash or a failing statement half-way
 * left half an instance committed. Asking the entity manager for its connection as soon as the
 * transaction starts makes EclipseLink begin its transaction early, while the method body runs
 * and the server enlists what it hands out; every later read and write of that transaction goes
 * through that connection, and commit or rollback covers all of it.
 *
 * <p>The interceptor runs inside the container's transaction interceptor (a later priority), so
 * the transaction already exists. It is bound by the platform's own {@link Transactional} binding
 * for the two types that start a transaction; {@code SUPPORTS} methods only read and are left as
 * they are. Costs one pooled connection per transaction from its first line rather than from its
 * first statement, which every writing transaction needs anyway.
 */
public final class TransactionConnection {

    private TransactionConnection() {
    }

    /** Takes the connection of the persistence context that the current transaction uses. */
    static Object inEnlistedConnection(EntityManager entityManager, InvocationContext invocation) throws Exception {
        // The transaction-scoped persistence context is shared by every bean in this transaction.
        entityManager.unwrap(Connection.class);
        return invocation.proceed();
    }

    /** For {@code @Transactional} (REQUIRED): a transaction this interceptor's method may have joined. */
    @Transactional
    @Interceptor
    @Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
    public static class Required {

        @PersistenceContext(unitName = "plugboard")
        EntityManager entityManager;

        @AroundInvoke
        public Object enlist(InvocationContext invocation) throws Exception {
            return inEnlistedConnection(entityManager, invocation);
        }
    }

    /** For {@code @Transactional(REQUIRES_NEW)}: always a fresh transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @Interceptor
    @Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
    public static class RequiresNew {

        @PersistenceContext(unitName = "plugboard")
        EntityManager entityManager;

        @AroundInvoke
        public Object enlist(InvocationContext invocation) throws Exception {
            return inEnlistedConnection(entityManager, invocation);
        }
    }
}
