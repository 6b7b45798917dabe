package io.plugboard.transformations.entity;

import jakarta.json.JsonObject;

/**
 * One {@code configuration} entry of a mapping or of one of its fields, as Cloud Elements writes
 * it: {@code {"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}}, or a
 * date mask {@code {"type": "date", "properties": {"pattern": "yyyy-MM-dd"}}}. Which types and
 * properties are understood is the rules' business ({@code TransformationRules}).
 */
public record ConfigurationEntry(String type, JsonObject properties) {
}
