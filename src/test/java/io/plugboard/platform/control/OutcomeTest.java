package io.plugboard.platform.control;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** flatMap runs the next step only on a success; fold hands each side to its own function. */
class OutcomeTest {

    @Test
    void flatMapRunsTheNextStepOnASuccess() {
        Outcome<Integer> next = Outcome.success("41").flatMap(text -> Outcome.success(Integer.parseInt(text) + 1));
        assertEquals(new Outcome.Success<>(42), next);
    }

    @Test
    void flatMapReturnsTheNextStepsFailure() {
        Outcome<Integer> next = Outcome.success("x").flatMap(text -> Outcome.invalid("not a number: " + text));
        assertEquals(new Outcome.Invalid<>("not a number: x"), next);
    }

    @Test
    void flatMapSkipsTheNextStepOnAFailureAndKeepsIt() {
        AtomicInteger calls = new AtomicInteger();
        Outcome<String> failed = new Outcome.ProviderFailed<>("refused", "provider says no");
        Outcome<Integer> next = failed.flatMap(text -> {
            calls.incrementAndGet();
            return Outcome.success(1);
        });
        assertEquals(0, calls.get());
        assertSame(failed, next);
        assertEquals(new Outcome.ProviderFailed<>("refused", "provider says no"), next);
    }

    @Test
    void foldGivesTheValueOfASuccess() {
        assertEquals("value 7", Outcome.success(7).fold(v -> "value " + v, f -> "failure " + f));
    }

    @Test
    void foldGivesAFailureAsItself() {
        Outcome<Integer> missing = Outcome.notFound("No instance with id 3.");
        assertEquals("No instance with id 3.",
                missing.fold(v -> "value " + v, f -> ((Outcome.NotFound<Integer>) f).message()));
        Outcome<Integer> late = new Outcome.ProviderTimedOut<>("late");
        assertSame(late, late.fold(v -> null, f -> f));
    }

    @Test
    void succeededTellsTheSides() {
        assertTrue(Outcome.success(1).succeeded());
        assertFalse(Outcome.invalid("no").succeeded());
    }

    @Test
    void mapStillMapsAndASuccessIsNoFailure() {
        assertEquals(new Outcome.Success<>(2), Outcome.success(1).map(v -> v + 1));
        assertEquals(new Outcome.Invalid<>("no"), Outcome.<Integer>invalid("no").map(v -> v + 1));
        assertThrows(IllegalStateException.class, () -> Outcome.success(1).asFailure());
    }
}
