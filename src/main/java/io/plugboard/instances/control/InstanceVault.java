package io.plugboard.instances.control;

import io.plugboard.elements.control.ElementConfiguration;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.entity.Instance;
import io.plugboard.instances.entity.InstanceConfigurationEntry;
import io.plugboard.tokens.control.CredentialCipher;
import io.plugboard.tokens.control.CredentialCipher.Sealed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes an instance's configuration with the secrets encrypted: which keys are
 * secret, how each ciphertext is bound to its instance and key, and how values are shown
 * (masked) to callers. The only class that sees instance credentials in plaintext besides the
 * code that sends them to the provider.
 */
@ApplicationScoped
public class InstanceVault {

    public static final String MASK = "********";

    /** Secret whatever the element says: the api-v2 reserved credential keys. */
    static final Set<String> RESERVED_SECRETS = Set.of(
            "oauth.api.secret", "oauth.user.token", "oauth.user.token.secret", "oauth.user.refresh_token",
            "password", "api.key", "event.notification.signature.key");

    @Inject
    CredentialCipher cipher;

    public static boolean isSecret(String key, ElementDefinition element) {
        return RESERVED_SECRETS.contains(key)
                || element.configurationEntry(key).map(ElementDefinition.ConfigurationDefinition::isSecret).orElse(false);
    }

    /** Sets one value; a secret is encrypted under the current key, bound to this instance and key. */
    public void put(Instance instance, ElementDefinition element, String key, String value) {
        InstanceConfigurationEntry entry = instance.entryFor(key);
        if (value != null && isSecret(key, element)) {
            Sealed sealed = cipher.encrypt(value, context(instance, key));
            entry.setSecret(sealed.keyId(), sealed.ciphertext());
        } else {
            entry.setPlain(value);
        }
    }

    public Optional<String> get(Instance instance, String key) {
        return instance.entry(key).map(entry -> value(instance, entry));
    }

    /** The instance's own values in plaintext, for the calls to the provider; never for a response. */
    public Map<String, String> plaintext(Instance instance) {
        Map<String, String> values = new LinkedHashMap<>();
        instance.getConfiguration().forEach(entry -> values.put(entry.getKey(), value(instance, entry)));
        return values;
    }

    /**
     * What the instance runs with: the element's defaults overlaid with the instance's own values.
     * Defaults are not copied into each instance, so an operator's fix to an element (a moved
     * endpoint) reaches every instance, and provisioning writes only what is the instance's own.
     */
    public Map<String, String> effective(Instance instance, ElementDefinition element) {
        return ElementConfiguration.effective(element, plaintext(instance), Map.of());
    }

    /** Every value as a caller may see it, defaults included: secrets masked. */
    public Map<String, String> masked(Instance instance, ElementDefinition element) {
        Map<String, String> values = new LinkedHashMap<>();
        for (var definition : element.configuration()) {
            String value = definition.defaultValue();
            values.put(definition.key(), value != null && isSecret(definition.key(), element) ? MASK : value);
        }
        instance.getConfiguration().forEach(entry -> values.put(entry.getKey(), maskedValue(entry)));
        return values;
    }

    /** The instance's own values only, secrets masked (when its element is gone). */
    public Map<String, String> masked(Instance instance) {
        Map<String, String> values = new LinkedHashMap<>();
        instance.getConfiguration().forEach(entry -> values.put(entry.getKey(), maskedValue(entry)));
        return values;
    }

    public static String maskedValue(InstanceConfigurationEntry entry) {
        return entry.isSecret() ? MASK : entry.getPlainValue();
    }

    /** Re-encrypts a value under the current key if an older key made it; true when it changed. */
    public boolean rotate(Instance instance, InstanceConfigurationEntry entry) {
        if (!entry.isSecret()) {
            return false;
        }
        Sealed sealed = new Sealed(entry.getKeyId(), entry.getSecretCiphertext());
        if (!cipher.needsRotation(sealed)) {
            return false;
        }
        String context = context(instance, entry.getKey());
        Sealed fresh = cipher.encrypt(cipher.decrypt(sealed, context), context);
        entry.setSecret(fresh.keyId(), fresh.ciphertext());
        return true;
    }

    public Sealed sealToken(String token, String tokenDigest) {
        return cipher.encrypt(token, tokenContext(tokenDigest));
    }

    public String token(Instance instance) {
        return cipher.decrypt(new Sealed(instance.getTokenKeyId(), instance.getTokenCiphertext()),
                tokenContext(instance.getTokenDigest()));
    }

    public boolean rotateToken(Instance instance) {
        Sealed sealed = new Sealed(instance.getTokenKeyId(), instance.getTokenCiphertext());
        if (!cipher.needsRotation(sealed)) {
            return false;
        }
        Sealed fresh = sealToken(token(instance), instance.getTokenDigest());
        instance.reencryptToken(fresh.keyId(), fresh.ciphertext());
        return true;
    }

    private String value(Instance instance, InstanceConfigurationEntry entry) {
        return entry.isSecret()
                ? cipher.decrypt(new Sealed(entry.getKeyId(), entry.getSecretCiphertext()), context(instance, entry.getKey()))
                : entry.getPlainValue();
    }

    private static String context(Instance instance, String key) {
        return "instance/" + instance.getId() + "/" + key;
    }

    private static String tokenContext(String tokenDigest) {
        return "instance-token/" + tokenDigest;
    }
}
