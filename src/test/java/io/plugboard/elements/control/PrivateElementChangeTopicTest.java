package io.plugboard.elements.control;

import io.plugboard.elements.entity.PrivateElementChanged;
import io.plugboard.platform.persistence.DatabaseChange;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrivateElementChangeTopicTest {

    @Test
    void privateElementNoticesNameTheOrganizationAndTheKey() {
        assertEquals(Optional.of(new PrivateElementChanged(7, "mycrm")),
                PrivateElementChangeTopic.translate(DatabaseChange.parse("private_element 7 mycrm").orElseThrow()));
        assertEquals(Optional.empty(), PrivateElementChangeTopic.translate(DatabaseChange.parse("instance 7").orElseThrow()));
    }
}
