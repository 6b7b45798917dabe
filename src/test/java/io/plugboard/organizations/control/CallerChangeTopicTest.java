package io.plugboard.organizations.control;

import io.plugboard.platform.persistence.DatabaseChange;
import io.plugboard.platform.security.CallersChanged;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallerChangeTopicTest {

    @Test
    void callerNoticesNameTheOrganization() {
        assertEquals(Optional.of(new CallersChanged(51)), CallerChangeTopic.translate(DatabaseChange.parse("callers 51").orElseThrow()));
        assertEquals(Optional.empty(), CallerChangeTopic.translate(DatabaseChange.parse("instance 51").orElseThrow()));
    }
}
