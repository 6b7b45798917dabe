package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.Level;
import io.plugboard.transformations.entity.TransformationDefinition;

import java.time.OffsetDateTime;

/**
 * A stored mapping as read: which object, for which element, at which level (with the instance
 * for an instance's own), and the mapping itself.
 */
public record TransformationView(String objectName, String elementKey, Level level, Long instanceId,
                                 TransformationDefinition mapping, OffsetDateTime createdDate,
                                 OffsetDateTime updatedDate) {
}
