package io.plugboard.proxy.control;

import io.plugboard.elements.entity.AuthenticationType;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.Authentication;
import io.plugboard.elements.entity.PrivateElementChanged;
import io.plugboard.instances.entity.InstanceChanged;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.persistence.CacheTrust;
import io.plugboard.platform.persistence.TestCacheTrust;
import io.plugboard.platform.persistence.DatabaseChangesMissed;
import io.plugboard.platform.security.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-node copy of proxy targets: kept between calls, dropped by every write, never leaked across organizations. */
class ProxyTargetsTest {

    private static final ElementDefinition ELEMENT = new ElementDefinition(7L, "Sample", "sample", List.of(), "d", null,
            true, false, false, false, null, null, false, false, false, false, new Authentication("oauth2"), "crm",
            List.of(), List.of(), List.of(), null);

    /** Reads that count themselves, with a hook that runs in the middle of a read. */
    static final class CountingReads extends TargetReads {
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger tokenLookups = new AtomicInteger();
        String token = "v1";
        boolean exists = true;
        Runnable duringRead = () -> { };

        @Override
        public Optional<Long> idForToken(Caller caller) {
            tokenLookups.incrementAndGet();
            return exists && caller.organizationId() == 1 ? Optional.of(42L) : Optional.empty();
        }

        @Override
        public Outcome<ProxyTargets.Target> load(long organizationId, long instanceId) {
            loads.incrementAndGet();
            String seen = token;
            duringRead.run();
            if (!exists || organizationId != 1) {
                return Outcome.notFound("no instance " + instanceId);
            }
            return Outcome.success(new ProxyTargets.Target(instanceId, 1, ELEMENT, AuthenticationType.OAUTH2,
                    Map.of("oauth.user.token", seen), false, true, OffsetDateTime.now()));
        }
    }

    CountingReads reads;
    ProxyTargets targets;

    @BeforeEach
    void setUp() {
        reads = new CountingReads();
        targets = targets(10);
    }

    private ProxyTargets targets(int seconds) {
        return targets(seconds, new CacheTrust());   // not constructed by CDI: one node, always current
    }

    private ProxyTargets targets(int seconds, CacheTrust trust) {
        ProxyTargets created = new ProxyTargets();
        created.reads = reads;
        created.trust = trust;
        created.cacheSeconds = seconds;
        created.createCaches();
        return created;
    }

    private static String token(Outcome<ProxyTargets.Target> outcome) {
        return ((Outcome.Success<ProxyTargets.Target>) outcome).value().configuration().get("oauth.user.token");
    }

    @Test
    void aSecondCallReadsNothing() {
        Caller caller = new Caller(1, 1, false, "instance-token");
        assertEquals("v1", token(targets.loadByToken(caller).orElseThrow()));
        assertEquals("v1", token(targets.loadByToken(caller).orElseThrow()));
        assertEquals("v1", token(targets.load(1, 42)));
        assertEquals(1, reads.loads.get());
        assertEquals(1, reads.tokenLookups.get());
    }

    @Test
    void aWriteIsSeenByTheNextCall() {
        targets.load(1, 42);
        reads.token = "v2";
        targets.instanceWritten(new InstanceChanged(42));
        assertEquals("v2", token(targets.load(1, 42)));
        reads.token = "v3";
        targets.elementWritten(new PrivateElementChanged(1, "sample"));
        assertEquals("v3", token(targets.load(1, 42)));
    }

    @Test
    void aReadInFlightDuringAWriteIsNotKept() {
        reads.duringRead = () -> {
            reads.duringRead = () -> { };
            reads.token = "v2";
            targets.instanceCommitted(new InstanceChanged(42));   // committed while the first read still ran
        };
        assertEquals("v1", token(targets.load(1, 42)));   // that call saw the old state...
        assertEquals("v2", token(targets.load(1, 42)));   // ...but did not keep it
        assertEquals(2, reads.loads.get());
    }

    @Test
    void anotherOrganizationNeverGetsTheCopy() {
        targets.load(1, 42);
        assertTrue(targets.load(2, 42) instanceof Outcome.NotFound);
        assertTrue(targets.loadByToken(new Caller(2, 9, false, "instance-token")).isEmpty());
    }

    @Test
    void aDeletedInstanceTurnsItsTokenAway() {
        Caller caller = new Caller(1, 1, false, "instance-token");
        targets.loadByToken(caller);
        reads.exists = false;
        targets.instanceWritten(new InstanceChanged(42));
        assertTrue(targets.loadByToken(caller).isEmpty());
    }

    @Test
    void zeroSecondsTurnsTheCopyOff() {
        ProxyTargets uncached = targets(0);
        uncached.load(1, 42);
        uncached.load(1, 42);
        assertEquals(2, reads.loads.get());
    }

    @Test
    void reloadAlwaysReads() {
        targets.load(1, 42);
        reads.token = "refreshed elsewhere";
        assertEquals("refreshed elsewhere", token(targets.reload(1, 42)));
        assertEquals("refreshed elsewhere", token(targets.load(1, 42)));
    }

    /** While this node may be missing other nodes' changes, every call reads, and nothing read then is kept. */
    @Test
    void noCopyIsUsedOrKeptWhileChangesMayBeMissed() {
        TestCacheTrust clock = new TestCacheTrust();
        targets = targets(10, clock.trust);
        targets.load(1, 42);
        targets.load(1, 42);
        assertEquals(2, reads.loads.get(), "not listening yet: no copy");

        clock.listening();
        targets.changesMissed(new DatabaseChangesMissed());
        targets.load(1, 42);
        targets.load(1, 42);
        assertEquals(3, reads.loads.get(), "listening: the copy serves");

        clock.advanceMillis(400);
        targets.load(1, 42);
        assertEquals(3, reads.loads.get(), "heard from 400 ms ago: still trusted");

        clock.advanceMillis(200);   // 600 ms without a confirmed round trip (at most 500 ms)
        reads.token = "changed while unheard";
        assertEquals("changed while unheard", token(targets.load(1, 42)));
        assertEquals(4, reads.loads.get());

        clock.alive();
        clock.lost();   // a failed connection: bypassed at once, without waiting for the silence
        assertEquals("changed while unheard", token(targets.load(1, 42)));
        assertEquals("changed while unheard", token(targets.load(1, 42)));
        assertEquals(6, reads.loads.get());
    }

    @Test
    void missedChangesDropEveryCopy() {
        Caller caller = new Caller(1, 1, false, "instance-token");
        targets.loadByToken(caller);
        reads.token = "v2";
        targets.changesMissed(new DatabaseChangesMissed());
        assertEquals("v2", token(targets.loadByToken(caller).orElseThrow()));
        assertEquals(2, reads.tokenLookups.get(), "the token's instance is looked up again too");
    }
}
