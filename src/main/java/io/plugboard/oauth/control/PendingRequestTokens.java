package io.plugboard.oauth.control;

import io.plugboard.oauth.entity.PendingRequestToken;
import io.plugboard.tokens.control.BearerSecrets;
import io.plugboard.tokens.control.CredentialCipher;
import io.plugboard.tokens.control.ReencryptsPendingSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps request-token secrets from step 1 for {@link #LIFETIME}, in the database so any node of a
 * cluster can finish the dance; expired ones are removed as new ones arrive.
 */
@ApplicationScoped
public class PendingRequestTokens implements ReencryptsPendingSecrets {

    static final Duration LIFETIME = Duration.ofMinutes(15);

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    CredentialCipher cipher;

    @Transactional
    public void remember(String requestToken, String secret) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createQuery("DELETE FROM PendingRequestToken p WHERE p.expiresAt < :now").setParameter("now", now).executeUpdate();
        String digest = BearerSecrets.digest(requestToken);
        var sealed = cipher.encrypt(secret, context(digest));
        PendingRequestToken existing = em.find(PendingRequestToken.class, digest);
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        em.persist(new PendingRequestToken(digest, sealed.keyId(), sealed.ciphertext(), now.plus(LIFETIME)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> secretFor(String requestToken) {
        if (requestToken == null || requestToken.isBlank()) {
            return Optional.empty();
        }
        String digest = BearerSecrets.digest(requestToken);
        PendingRequestToken pending = em.find(PendingRequestToken.class, digest);
        if (pending == null || pending.getExpiresAt().isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            return Optional.empty();
        }
        return Optional.of(cipher.decrypt(new CredentialCipher.Sealed(pending.getKeyId(), pending.getSecretCiphertext()),
                context(digest)));
    }

    /** Once the access token is obtained the request token is spent. */
    @Transactional
    public void forget(String requestToken) {
        if (requestToken != null) {
            PendingRequestToken pending = em.find(PendingRequestToken.class, BearerSecrets.digest(requestToken));
            if (pending != null) {
                em.remove(pending);
            }
        }
    }

    /** Every key a pending request token is sealed under: the start-up check refuses a key it lacks. */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> keyIdsInUse() {
        return new TreeSet<>(em.createQuery("SELECT DISTINCT p.keyId FROM PendingRequestToken p", String.class)
                .getResultList());
    }

    /** Request tokens live minutes, so those under an old key are dropped; the user starts again. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long rotatePendingSecrets(String currentKeyId) {
        return em.createQuery("DELETE FROM PendingRequestToken p WHERE p.keyId <> :current")
                .setParameter("current", currentKeyId)
                .executeUpdate();
    }

    private static String context(String digest) {
        return "request-token/" + digest;
    }
}
