package io.plugboard.connect.control;

import io.plugboard.connect.entity.PendingConnect;
import io.plugboard.tokens.control.BearerSecrets;
import io.plugboard.tokens.control.CredentialCipher;
import io.plugboard.tokens.control.ReencryptsPendingSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores and claims pending hosted connects ({@link PendingConnect}): encryption of what is
 * secret on the way in, and on the way out the one atomic step that makes a state single-use.
 *
 * <p>The claim is a conditional {@code UPDATE ... SET used = true WHERE used = false AND
 * expires_at > now}: of two callbacks racing with the same state, on one node or two, the
 * database lets exactly one change the row, and only that one gets the row's contents. The
 * secrets are wiped in the same transaction. Expired rows are deleted as new ones arrive.
 */
@ApplicationScoped
public class PendingConnects implements ReencryptsPendingSecrets {

    @PersistenceContext(unitName = "plugboard")
    EntityManager em;
    @Inject
    CredentialCipher cipher;

    /** The instance settings a connect will provision with, as the start received them. */
    public record InstanceSettings(Map<String, String> configuration, String name, List<String> tags) {
        public InstanceSettings {
            configuration = configuration == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        /** The configuration may hold the client secret: only its keys are shown. */
        @Override
        public String toString() {
            return "InstanceSettings[configuration=" + configuration.keySet() + ", name=" + name + ", tags=" + tags + "]";
        }
    }

    /**
     * The one-time launch link of a connect started by an application's server: its token, and
     * what opening it hands the browser (the connect cookie's value and the provider's URL).
     */
    public record LaunchLink(String token, String session, String authorizationUrl) {
        @Override
        public String toString() {
            return "LaunchLink[********]";
        }
    }

    /** A connect to remember, in plaintext; {@link #store} encrypts what is secret. {@code launch} may be null. */
    public record NewConnect(String id, long organizationId, long userId, String elementKey, PendingConnect.Flow flow,
                             InstanceSettings settings, String pkceVerifier, String requestToken,
                             String requestTokenSecret, String sessionHash, String returnUrl, Instant expiresAt,
                             LaunchLink launch, Long instanceId) {
        @Override
        public String toString() {
            return "NewConnect[id=" + id + ", element=" + elementKey + ", flow=" + flow + "]";
        }
    }

    /**
     * A claimed connect, decrypted: everything the callback needs to provision, or to
     * re-authenticate {@code instanceId} when that is not null.
     */
    public record ClaimedConnect(String id, long organizationId, long userId, String elementKey, PendingConnect.Flow flow,
                                 InstanceSettings settings, String pkceVerifier, String requestTokenDigest,
                                 String requestTokenSecret, String returnUrl, Long instanceId) {
        @Override
        public String toString() {
            return "ClaimedConnect[id=" + id + ", element=" + elementKey + ", flow=" + flow + "]";
        }
    }

    /** What claiming a connect came to. */
    public sealed interface Claim {
        record Claimed(ClaimedConnect connect) implements Claim {
        }

        /** No such connect (never stored here, or expired and deleted). */
        record Unknown() implements Claim {
        }

        /** Claimed before: a replay. */
        record Spent() implements Claim {
        }

        record Expired() implements Claim {
        }

        /** Its secrets cannot be decrypted any more (the key that sealed them is gone). */
        record Unreadable() implements Claim {
        }
    }

    /** What opening a launch link came to. */
    public sealed interface Launch {
        /** Opened now, for the first time: hand these to the browser. */
        record Opened(String elementKey, long organizationId, String session, String authorizationUrl, Instant expiresAt) implements Launch {
            @Override
            public String toString() {
                return "Opened[element=" + elementKey + "]";
            }
        }

        /** No such connect, no launch link, or the wrong token (which of these is not said). */
        record Unknown() implements Launch {
        }

        /** Opened before, or the connect was already finished. */
        record Spent() implements Launch {
        }

        record Expired() implements Launch {
        }

        record Unreadable() implements Launch {
        }
    }

    @Transactional
    public void store(NewConnect connect) {
        OffsetDateTime now = now();
        em.createQuery("DELETE FROM PendingConnect p WHERE p.expiresAt < :now").setParameter("now", now).executeUpdate();
        CredentialCipher.Sealed settings = cipher.encrypt(settingsJson(connect.settings()), context(connect.id(), "settings"));
        PendingConnect row = new PendingConnect(connect.id(), connect.organizationId(), connect.userId(),
                connect.elementKey(), connect.flow(), settings.keyId(), settings.ciphertext(), connect.sessionHash(),
                connect.returnUrl(), now, connect.expiresAt().atOffset(ZoneOffset.UTC));
        if (connect.pkceVerifier() != null) {
            row.setVerifierCiphertext(sealUnder(settings.keyId(), connect.pkceVerifier(), context(connect.id(), "verifier")));
        }
        if (connect.requestToken() != null) {
            row.setRequestToken(BearerSecrets.digest(connect.requestToken()),
                    sealUnder(settings.keyId(), connect.requestTokenSecret(), context(connect.id(), "request-token")));
        }
        row.setInstanceId(connect.instanceId());
        if (connect.launch() != null) {
            String handover = Json.createObjectBuilder().add("session", connect.launch().session())
                    .add("authorizationUrl", connect.launch().authorizationUrl()).build().toString();
            row.setLaunch(BearerSecrets.digest(connect.launch().token()),
                    sealUnder(settings.keyId(), handover, context(connect.id(), "launch")));
        }
        em.persist(row);
    }

    /**
     * Opens the launch link of connect {@code id}: at most once, before the connect expires or is
     * finished, and only with its token. The token is checked before anything changes, so a wrong
     * guess cannot spend someone else's link.
     */
    @Transactional
    public Launch launch(String id, String presentedToken) {
        PendingConnect found = em.find(PendingConnect.class, id);
        if (found == null || found.getLaunchDigest() == null || presentedToken == null || !MessageDigest.isEqual(
                BearerSecrets.digest(presentedToken).getBytes(StandardCharsets.US_ASCII),
                found.getLaunchDigest().getBytes(StandardCharsets.US_ASCII))) {
            return new Launch.Unknown();
        }
        OffsetDateTime now = now();
        int changed = em.createQuery("UPDATE PendingConnect p SET p.launched = true"
                        + " WHERE p.id = :id AND p.launched = false AND p.used = false AND p.expiresAt > :now")
                .setParameter("id", id)
                .setParameter("now", now)
                .executeUpdate();
        em.refresh(found);
        if (changed == 0) {
            return found.isLaunched() || found.isUsed() ? new Launch.Spent() : new Launch.Expired();
        }
        try {
            String handover = open(found, found.getLaunchCiphertext(), "launch");
            if (handover == null) {
                return new Launch.Unreadable();
            }
            try (var reader = Json.createReader(new StringReader(handover))) {
                JsonObject json = reader.readObject();
                return new Launch.Opened(found.getElementKey(), found.getOrganizationId(), json.getString("session"), json.getString("authorizationUrl"),
                        found.getExpiresAt().toInstant());
            }
        } catch (IllegalStateException e) {
            return new Launch.Unreadable();
        } finally {
            found.markLaunched();
        }
    }

    /**
     * Claims the connect {@code id} for one callback: at most once, and only before it expires.
     * The row stays (spent, without secrets) until it expires, so a replay is recognized as one.
     */
    @Transactional
    public Claim claim(String id) {
        OffsetDateTime now = now();
        int changed = em.createQuery("UPDATE PendingConnect p SET p.used = true"
                        + " WHERE p.id = :id AND p.used = false AND p.expiresAt > :now")
                .setParameter("id", id)
                .setParameter("now", now)
                .executeUpdate();
        PendingConnect row = em.find(PendingConnect.class, id);
        if (row == null) {
            return new Claim.Unknown();
        }
        if (changed == 0) {
            return row.isUsed() ? new Claim.Spent() : new Claim.Expired();
        }
        try {
            ClaimedConnect claimed = new ClaimedConnect(row.getId(), row.getOrganizationId(), row.getUserId(),
                    row.getElementKey(), row.getFlow(),
                    parseSettings(open(row, row.getRequestCiphertext(), "settings")),
                    open(row, row.getVerifierCiphertext(), "verifier"),
                    row.getRequestTokenDigest(),
                    open(row, row.getRequestTokenCiphertext(), "request-token"),
                    row.getReturnUrl(), row.getInstanceId());
            return new Claim.Claimed(claimed);
        } catch (IllegalStateException e) {
            // The cipher names neither the value nor the key material in its messages.
            return new Claim.Unreadable();
        } finally {
            row.markUsed();
        }
    }

    /**
     * None: a connect whose key is gone is answered as expired ({@link Claim.Unreadable}) and the
     * user starts again, so it must not stop the hub from starting.
     */
    @Override
    public Set<String> keyIdsInUse() {
        return Set.of();
    }

    /** Connects live minutes, so those under an old key are dropped; the user starts again. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long rotatePendingSecrets(String currentKeyId) {
        return em.createQuery("DELETE FROM PendingConnect p WHERE p.keyId <> :current")
                .setParameter("current", currentKeyId)
                .executeUpdate();
    }

    private String sealUnder(String keyId, String plaintext, String context) {
        CredentialCipher.Sealed sealed = cipher.encrypt(plaintext, context);
        if (!sealed.keyId().equals(keyId)) {
            // The current key changed between two encryptions of one row: vanishingly rare, but
            // the row has a single key id, so refuse rather than store what cannot be read.
            throw new IllegalStateException("The encryption key changed while a connect was being stored");
        }
        return sealed.ciphertext();
    }

    private String open(PendingConnect row, String ciphertext, String field) {
        return ciphertext == null ? null
                : cipher.decrypt(new CredentialCipher.Sealed(row.getKeyId(), ciphertext), context(row.getId(), field));
    }

    private static String context(String id, String field) {
        return "pending-connect/" + id + "/" + field;
    }

    static String settingsJson(InstanceSettings settings) {
        JsonObjectBuilder configuration = Json.createObjectBuilder();
        settings.configuration().forEach(configuration::add);
        JsonArrayBuilder tags = Json.createArrayBuilder();
        settings.tags().forEach(tags::add);
        JsonObjectBuilder json = Json.createObjectBuilder().add("configuration", configuration).add("tags", tags);
        if (settings.name() != null) {
            json.add("name", settings.name());
        }
        return json.build().toString();
    }

    static InstanceSettings parseSettings(String text) {
        if (text == null) {
            throw new IllegalStateException("A pending connect has no instance settings");
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            Map<String, String> configuration = new LinkedHashMap<>();
            json.getJsonObject("configuration").forEach((key, value) -> configuration.put(key, ((JsonString) value).getString()));
            List<String> tags = new ArrayList<>();
            for (JsonValue tag : json.getJsonArray("tags")) {
                tags.add(((JsonString) tag).getString());
            }
            return new InstanceSettings(configuration, json.getString("name", null), tags);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
