package io.plugboard.platform.persistence;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notices' payloads as the triggers of db/postgresql write them, and what the relay fires for each. */
class ChangeRelayTest {

    @Test
    void payloadsAreTopicIdAndOptionalDetail() {
        assertEquals(Optional.of(new DatabaseChange("instance", 42, "")), DatabaseChange.parse("instance 42"));
        assertEquals(Optional.of(new DatabaseChange("private_element", 7, "my crm")), DatabaseChange.parse("private_element 7 my crm"));
        assertEquals(Optional.of(new DatabaseChange("private_element", 7, "")), DatabaseChange.parse("private_element 7 "));
        assertEquals(Optional.of(new DatabaseChange("callers", 51, "")), DatabaseChange.parse("callers 51"));
        assertTrue(DatabaseChange.parse("* 0").orElseThrow().everything());
        assertFalse(DatabaseChange.parse("instance 42").orElseThrow().everything());
    }

    @Test
    void payloadsOfAnotherFormAreIgnored() {
        for (String payload : new String[] {null, "", "instance", "instance x", " 42", "instance  42", "instance 99999999999999999999"}) {
            assertTrue(DatabaseChange.parse(payload).isEmpty(), () -> "accepted " + payload);
        }
    }

    @Test
    void eachNoticeIsFiredAsItsEventAndTruncationDropsEverything() {
        ChangeRelay relay = new ChangeRelay();
        RecordingEvent<DatabaseChange> changes = new RecordingEvent<>();
        RecordingEvent<DatabaseChangesMissed> missed = new RecordingEvent<>();
        relay.changes = changes;
        relay.missed = missed;

        relay.dispatch("instance 42");
        relay.dispatch("nonsense");
        relay.dispatch("callers 51");
        assertEquals(List.of(new DatabaseChange("instance", 42, ""), new DatabaseChange("callers", 51, "")), changes.fired);
        assertTrue(missed.fired.isEmpty());

        relay.dispatch("* 0");
        assertEquals(1, missed.fired.size());
        assertEquals(2, changes.fired.size());
    }
}
