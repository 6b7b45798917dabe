package io.plugboard.console.control;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleSessionsTest {

    private static ConsoleSessions configured(String key, int idleMinutes, int maximumHours) {
        ConsoleSessions sessions = new ConsoleSessions();
        sessions.configuredKey = Optional.ofNullable(key);
        sessions.idleMinutes = idleMinutes;
        sessions.maximumHours = maximumHours;
        return sessions;
    }

    @Test
    void twoNodesWithTheSameConfiguredKeyAcceptEachOthersCookies() {
        String key = Base64.getEncoder().encodeToString(new byte[48]);
        ConsoleSessionCodec a = configured(key, 30, 12).codec();
        ConsoleSessionCodec b = configured(" " + key + " ", 30, 12).codec();
        String cookie = a.encode(a.start(1, 2, a.credentialsVersion("o", "u")));
        assertInstanceOf(ConsoleSessionCodec.Verification.Valid.class, b.verify(cookie));
        assertEquals(30, a.idleTimeout().toMinutes());
    }

    @Test
    void aShortOrMalformedKeyIsRefusedWithoutQuotingIt() {
        String shortKey = Base64.getEncoder().encodeToString("too-short-key-material".getBytes());
        IllegalStateException tooShort = assertThrows(IllegalStateException.class, () -> configured(shortKey, 30, 12).codec());
        assertTrue(tooShort.getMessage().contains("PLUGBOARD_CONSOLE_SESSION_KEY"));
        assertFalse(tooShort.getMessage().contains(shortKey));
        IllegalStateException malformed = assertThrows(IllegalStateException.class, () -> configured("not base64 !!", 30, 12).codec());
        assertFalse(malformed.getMessage().contains("not base64 !!"));
    }

    @Test
    void lifetimesMustBePositive() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThrows(IllegalStateException.class, () -> configured(key, 0, 12).codec());
        assertThrows(IllegalStateException.class, () -> configured(key, 30, 0).codec());
    }
}
