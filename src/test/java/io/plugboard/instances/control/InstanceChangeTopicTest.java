package io.plugboard.instances.control;

import io.plugboard.instances.entity.InstanceChanged;
import io.plugboard.platform.persistence.DatabaseChange;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstanceChangeTopicTest {

    @Test
    void instanceNoticesBecomeInstanceChangedAndOthersAreNotOurs() {
        assertEquals(Optional.of(new InstanceChanged(42)), InstanceChangeTopic.translate(DatabaseChange.parse("instance 42").orElseThrow()));
        assertEquals(Optional.empty(), InstanceChangeTopic.translate(DatabaseChange.parse("callers 42").orElseThrow()));
    }
}
