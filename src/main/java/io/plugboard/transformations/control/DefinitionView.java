package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.ObjectField;

import java.time.OffsetDateTime;
import java.util.List;

/** A common object's definition as read: a value, never the entity. */
public record DefinitionView(String name, List<ObjectField> fields, OffsetDateTime createdDate,
                             OffsetDateTime updatedDate) {
}
