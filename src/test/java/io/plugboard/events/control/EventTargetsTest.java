package io.plugboard.events.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.PrivateElementChanged;
import io.plugboard.instances.control.InstanceDirectory;
import io.plugboard.instances.entity.InstanceChanged;
import io.plugboard.platform.persistence.CacheTrust;
import io.plugboard.platform.persistence.DatabaseChangesMissed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhooks and deliveries read instances and elements once, and again after every announced write. */
class EventTargetsTest {

    private final AtomicInteger settingsReads = new AtomicInteger();
    private final AtomicInteger ownerReads = new AtomicInteger();
    private String callback = "https://app.example.com/v1";
    private boolean exists = true;
    private EventTargets targets;

    @BeforeEach
    void setUp() {
        targets = new EventTargets();
        targets.trust = new CacheTrust();   // not constructed by CDI: one node, always current
        targets.cacheSeconds = 10;
        targets.instances = new InstanceDirectory() {
            @Override
            public Optional<Settings> settings(long id) {
                settingsReads.incrementAndGet();
                return exists ? Optional.of(new Settings(id, 1, "sample", false, true,
                        Map.of("event.notification.callback.url", callback))) : Optional.empty();
            }
        };
        targets.elements = new ElementService() {
            @Override
            public List<Owned> everyOwnerOf(String key) {
                ownerReads.incrementAndGet();
                return List.of();
            }
        };
        targets.createCaches();
    }

    private String callbackOf(long id) {
        return targets.settings(id).orElseThrow().configuration().get("event.notification.callback.url");
    }

    @Test
    void aSteadyStreamReadsOnce() {
        for (int i = 0; i < 5; i++) {
            callbackOf(7);
            targets.ownersOf("sample");
        }
        assertEquals(1, settingsReads.get());
        assertEquals(1, ownerReads.get());
    }

    @Test
    void anInstanceWriteIsSeenByTheNextWebhook() {
        callbackOf(7);
        callback = "https://app.example.com/v2";
        targets.instanceWritten(new InstanceChanged(7));
        assertEquals("https://app.example.com/v2", callbackOf(7));
        callback = "https://app.example.com/v3";
        targets.instanceCommitted(new InstanceChanged(7));
        assertEquals("https://app.example.com/v3", callbackOf(7));
    }

    @Test
    void aDeletedInstanceIsGoneAndAnUnknownOneIsNotRemembered() {
        callbackOf(7);
        exists = false;
        targets.instanceCommitted(new InstanceChanged(7));
        assertTrue(targets.settings(7).isEmpty());
        exists = true;
        assertEquals("https://app.example.com/v1", callbackOf(7), "created since: found, the miss was not kept");
    }

    @Test
    void anElementChangeOrMissedChangesDropEverything() {
        callbackOf(7);
        targets.ownersOf("sample");
        targets.elementCommitted(new PrivateElementChanged(1, "sample"));
        callbackOf(7);
        targets.ownersOf("sample");
        targets.changesMissed(new DatabaseChangesMissed());
        callbackOf(7);
        targets.ownersOf("sample");
        assertEquals(3, settingsReads.get(), "an element's defaults are in every instance's settings");
        assertEquals(3, ownerReads.get());
    }
}
