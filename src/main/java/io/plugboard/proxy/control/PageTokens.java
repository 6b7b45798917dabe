package io.plugboard.proxy.control;

import io.plugboard.platform.control.Outcome;
import io.plugboard.tokens.control.EncryptionKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * The {@code Elements-Next-Page-Token} of a hub list: a {@link PagePosition} sealed with
 * AES-256-GCM, so an application can neither read it (a vendor cursor or URL stays the hub's)
 * nor alter it, nor move it to another instance or resource.
 *
 * <p>Format: {@code p1.<base64url(iv || ciphertext || tag)>}. The authenticated data is the
 * binding (instance, element, resource and paging type, see {@link #binding}); a token presented
 * for anything else fails its tag exactly as a tampered one does. The key is derived from the
 * hub's encryption keys with HMAC-SHA256 and a label of its own, the way the connect state and
 * the console session derive theirs: every node holds the same key without a setting or a
 * database row, the credential key itself is never used for tokens, and a key rotation keeps
 * tokens in flight readable (they are sealed with the current key and opened with any configured
 * one). A per-node random key would fail the next page on every other node.
 *
 * <p>Tokens do not expire: one only leads to the next page of a list the caller may read anyway,
 * and vendor cursors expire on their own terms.
 */
@ApplicationScoped
public class PageTokens {

    /** The derivation label; changing it invalidates every token in flight. */
    static final String KEY_LABEL = "plugboard-page-token";
    static final String PREFIX = "p1.";
    /** Longer than any token this class issues: a bound on the work a caller's input causes. */
    static final int MAX_TOKEN_LENGTH = 8192;
    /** The longest cursor or URL a token carries; a longer one is the provider's to shorten. */
    public static final int MAX_POSITION_LENGTH = 4096;

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Inject
    EncryptionKeys keys;

    private volatile Keys derived;

    /** The sealing key and every key a token may be sealed with (the sealing key first). */
    private record Keys(SecretKeySpec sealing, List<SecretKeySpec> opening) {
    }

    /** For CDI. */
    public PageTokens() {
    }

    /** Fixed encryption keys, the first one current: for tests, and for several nodes in one test. */
    PageTokens(List<byte[]> encryptionKeys) {
        List<SecretKeySpec> opening = encryptionKeys.stream().map(PageTokens::derive).toList();
        this.derived = new Keys(opening.get(0), opening);
    }

    /** What a token is bound to: the instance, the element, the resource and the paging type. */
    static String binding(long instanceId, String elementKey, String method, String resourcePath, String pagingType) {
        return "instance " + instanceId + "\nelement " + elementKey + "\nresource " + method + " " + resourcePath
                + "\npaging " + pagingType;
    }

    public String issue(String binding, PagePosition position) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys().sealing(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(write(position).getBytes(StandardCharsets.UTF_8));
            return PREFIX + ENCODER.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** The position a token carries, or a 400 for a token that is garbled, altered, or bound to something else. */
    public Outcome<PagePosition> read(String binding, String token) {
        Outcome<PagePosition> refused = Outcome.invalid("nextPage is not a page token of this resource and instance:"
                + " pass the Elements-Next-Page-Token of the previous page as it came.");
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            return refused;
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return refused;
        }
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            return refused;
        }
        for (SecretKeySpec key : keys().opening()) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
                cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
                String plain = new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
                return parse(plain).map(Outcome::success).orElse(refused);
            } catch (AEADBadTagException e) {
                // Not this key (or not genuine): the next one may have sealed it.
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is required by every Java platform", e);
            }
        }
        return refused;
    }

    private Keys keys() {
        Keys k = derived;
        if (k == null) {
            SecretKeySpec sealing = derive(keys.current().secret().getEncoded());
            List<SecretKeySpec> opening = new ArrayList<>();
            opening.add(sealing);
            keys.all().values().stream().filter(key -> !key.id().equals(keys.current().id()))
                    .forEach(key -> opening.add(derive(key.secret().getEncoded())));
            k = new Keys(sealing, List.copyOf(opening));
            derived = k;
        }
        return k;
    }

    /** The token key derived from an encryption key: HMAC-SHA256(key, "plugboard-page-token"). */
    static SecretKeySpec derive(byte[] encryptionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(encryptionKey, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(KEY_LABEL.getBytes(StandardCharsets.US_ASCII)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
        }
    }

    static String write(PagePosition position) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (position instanceof PagePosition.Numbered numbered) {
            json.add("k", "n").add("v", numbered.value());
            if (numbered.size() != null) {
                json.add("s", numbered.size());
            }
            if (numbered.previousPage() != null) {
                json.add("d", numbered.previousPage());
            }
        } else if (position instanceof PagePosition.Cursor cursor) {
            json.add("k", "c").add("c", cursor.cursor());
            if (cursor.size() != null) {
                json.add("s", cursor.size());
            }
        } else {
            json.add("k", "u").add("u", ((PagePosition.Below) position).pathAndQuery());
        }
        return json.build().toString();
    }

    /** Only what {@link #write} makes; anything else (which a genuine tag rules out) is no position. */
    static java.util.Optional<PagePosition> parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            Integer size = json.get("s") instanceof JsonNumber n ? n.intValueExact() : null;
            return switch (json.getString("k", "")) {
                case "n" -> java.util.Optional.of(new PagePosition.Numbered(json.getJsonNumber("v").longValueExact(), size,
                        json.get("d") instanceof JsonString d ? d.getString() : null));
                case "c" -> java.util.Optional.of(new PagePosition.Cursor(json.getString("c"), size));
                case "u" -> java.util.Optional.of(new PagePosition.Below(json.getString("u")));
                default -> java.util.Optional.empty();
            };
        } catch (JsonException | ClassCastException | ArithmeticException | NullPointerException | IllegalStateException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "PageTokens";
    }
}
