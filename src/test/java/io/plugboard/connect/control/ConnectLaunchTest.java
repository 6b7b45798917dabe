package io.plugboard.connect.control;

import io.plugboard.connect.control.ConnectFailed.Failure;
import io.plugboard.connect.control.ConnectFakes.MemoryConnects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launch link without a server: once, for its own element, with what is left of the connect's time. */
class ConnectLaunchTest {

    private final MemoryConnects pending = new MemoryConnects();
    private final ConnectLaunch launch = new ConnectLaunch();

    @BeforeEach
    void wire() {
        launch.pending = pending;
        launch.elements = ConnectFakes.elements(ConnectFakes.element("sample", "oauth2"), ConnectFakes.element("other", "oauth2"));
    }

    @Test
    void anOpenedLinkHandsOverTheSessionForTheRestOfTheConnectsLife() {
        pending.launch = new PendingConnects.Launch.Opened("sample", 3, ConnectFakes.SESSION, "https://provider.example.com/a",
                Instant.now().plus(Duration.ofMinutes(4)));

        ConnectLaunch.Launched launched = assertInstanceOf(ConnectLaunch.Launched.class, launch.launch("sample", "id", "t"));

        assertEquals(ConnectFakes.SESSION, launched.session());
        assertEquals("https://provider.example.com/a", launched.authorizationUrl());
        assertTrue(launched.lifetime().compareTo(Duration.ofMinutes(4)) <= 0 && launched.lifetime().toSeconds() > 200);
    }

    @Test
    void aLinkOpensOnceAndOnlyForItsElement() {
        pending.launch = new PendingConnects.Launch.Spent();
        assertEquals(Failure.REPLAYED, assertInstanceOf(ConnectFailed.class, launch.launch("sample", "id", "t")).failure());

        pending.launch = new PendingConnects.Launch.Opened("sample", 3, ConnectFakes.SESSION, "u", Instant.now());
        assertEquals(Failure.INVALID_STATE, assertInstanceOf(ConnectFailed.class, launch.launch("other", "id", "t")).failure());

        assertEquals(Failure.INVALID_STATE, assertInstanceOf(ConnectFailed.class, launch.launch("sample", "id", " ")).failure(),
                "no token: not even asked");
    }
}
