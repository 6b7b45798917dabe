package io.plugboard.connect.control;

import io.plugboard.tokens.control.EncryptionKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the start and the callback of a connect must agree on: the key that signs and checks
 * states ({@link SignedState}, derived from the encryption keys, so every node has the same one
 * without a setting of its own) and how long a connect lives.
 */
@ApplicationScoped
public class ConnectStates {

    static final int MIN_LIFETIME_MINUTES = 1;
    static final int MAX_LIFETIME_MINUTES = 60;

    @Inject
    EncryptionKeys keys;

    @Inject
    @ConfigProperty(name = "plugboard.connect.lifetime-minutes", defaultValue = "10")
    int lifetimeMinutes;

    private volatile SignedState signedState;

    /** For CDI. */
    public ConnectStates() {
    }

    /** Fixed state and lifetime, for tests. */
    ConnectStates(SignedState signedState, int lifetimeMinutes) {
        this.signedState = signedState;
        this.lifetimeMinutes = lifetimeMinutes;
    }

    /** How long a started connect stays valid: {@code plugboard.connect.lifetime-minutes}, 1 to 60. */
    public Duration lifetime() {
        return Duration.ofMinutes(Math.max(MIN_LIFETIME_MINUTES, Math.min(MAX_LIFETIME_MINUTES, lifetimeMinutes)));
    }

    /** Signs with the current key, accepts every configured one (a rotation does not break connects in flight). */
    public SignedState signedState() {
        SignedState s = signedState;
        if (s == null) {
            byte[] current = SignedState.deriveKey(keys.current().secret().getEncoded());
            List<byte[]> all = new ArrayList<>();
            keys.all().values().forEach(key -> all.add(SignedState.deriveKey(key.secret().getEncoded())));
            s = new SignedState(current, all, Clock.systemUTC());
            signedState = s;
        }
        return s;
    }
}
