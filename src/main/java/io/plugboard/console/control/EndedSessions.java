package io.plugboard.console.control;

import io.plugboard.console.entity.EndedConsoleSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The sessions signed out before they expired, in the shared database: a sign-out on one node
 * holds on every node at the next request, with no cache to invalidate (the console reads the
 * database on each request anyway).
 */
@ApplicationScoped
public class EndedSessions {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;

    /** Ends the session for good; rows of sessions that have expired meanwhile are dropped on the way. */
    @Transactional
    public void end(ConsoleSession session) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createQuery("DELETE FROM EndedConsoleSession e WHERE e.expiresAt < :now").setParameter("now", now).executeUpdate();
        if (em.find(EndedConsoleSession.class, session.id()) == null) {
            em.persist(new EndedConsoleSession(session.id(), OffsetDateTime.ofInstant(session.expiresAt(), ZoneOffset.UTC)));
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isEnded(ConsoleSession session) {
        return em.find(EndedConsoleSession.class, session.id()) != null;
    }
}
