package io.plugboard.transformations.boundary;

import io.plugboard.transformations.control.CommonObjectSet;
import io.plugboard.transformations.control.DefinitionView;
import io.plugboard.transformations.control.Mapping;
import io.plugboard.transformations.control.ObjectTemplate;
import io.plugboard.transformations.control.TransformationView;
import io.plugboard.transformations.entity.ConfigurationEntry;
import io.plugboard.transformations.entity.FieldMapping;
import io.plugboard.transformations.entity.ObjectField;
import io.plugboard.transformations.entity.TransformationDefinition;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of common objects and transformations, as Cloud Elements writes them, mapped
 * explicitly to and from the feature's own types: a request body sets only what its record names.
 * {@code script} is read only to be refused. The request records declare their canonical
 * constructor, as {@code OrganizationJson} explains (Payara's OpenAPI scanner and constraints on
 * implicit constructor parameters).
 */
public final class CommonObjectJson {

    static final String SYSTEM_LEVEL = "system";
    static final int MAX_FIELDS = 500;

    private CommonObjectJson() {
    }

    // ------------------------------------------------------------------------- requests

    /** {@code {"fields": [{"path": "name.first", "type": "string"}]}}. */
    public record DefinitionBody(@NotNull(message = "fields is required") @Size(max = MAX_FIELDS) @Valid List<Field> fields) {
        public DefinitionBody(List<Field> fields) {
            this.fields = fields;
        }

        List<ObjectField> toFields() {
            return fields.stream().map(f -> new ObjectField(f.path(), f.type())).toList();
        }
    }

    /** A field of a common object. */
    public record Field(@NotBlank @Size(max = 255) String path, @NotBlank String type) {
        public Field(String path, String type) {
            this.path = path;
            this.type = type;
        }

        static Field of(ObjectField field) {
            return new Field(field.path(), field.type());
        }
    }

    /**
     * A mapping as Cloud Elements writes it. {@code level} may repeat the level the path names;
     * {@code script} is refused. Other properties Cloud Elements writes ({@code isLegacy}) are ignored.
     */
    public record TransformationBody(String level, @NotBlank @Size(max = 100) String vendorName, JsonValue script, @Size(max = 20) @Valid List<Configuration> configuration,
                                     @NotNull(message = "fields is required") @Size(max = MAX_FIELDS) @Valid List<MappedFieldBody> fields) {
        public TransformationBody(String level, String vendorName, JsonValue script, List<Configuration> configuration,
                                  List<MappedFieldBody> fields) {
            this.level = level;
            this.vendorName = vendorName;
            this.script = script;
            this.configuration = configuration;
            this.fields = fields;
        }

        boolean hasScript() {
            return script != null && script.getValueType() != JsonValue.ValueType.NULL;
        }

        TransformationDefinition toDefinition() {
            return new TransformationDefinition(vendorName, entries(configuration),
                    fields.stream().map(MappedFieldBody::toMapping).toList());
        }
    }

    /** One mapped field of a request. */
    public record MappedFieldBody(@NotBlank @Size(max = 255) String path, String type,
                                  @NotBlank @Size(max = 255) String vendorPath, String vendorType,
                                  @Size(max = 10) @Valid List<Configuration> configuration) {
        public MappedFieldBody(String path, String type, String vendorPath, String vendorType,
                               List<Configuration> configuration) {
            this.path = path;
            this.type = type;
            this.vendorPath = vendorPath;
            this.vendorType = vendorType;
            this.configuration = configuration;
        }

        FieldMapping toMapping() {
            return new FieldMapping(path, type, vendorPath, vendorType, entries(configuration));
        }
    }

    /** {@code {"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}} and the like. */
    public record Configuration(String type, JsonObject properties) {
        static Configuration of(ConfigurationEntry entry) {
            return new Configuration(entry.type(), entry.properties());
        }
    }

    private static List<ConfigurationEntry> entries(List<Configuration> configuration) {
        return configuration == null ? List.of()
                : configuration.stream().filter(java.util.Objects::nonNull)
                .map(c -> new ConfigurationEntry(c.type(), c.properties())).toList();
    }

    // ------------------------------------------------------------------------- answers

    /** A common object's definition; {@code level} is {@code organization}, or {@code system} for a template. */
    public record Definition(String name, String level, List<Field> fields, OffsetDateTime createdDate,
                             OffsetDateTime updatedDate) {
        static Definition of(DefinitionView view) {
            return new Definition(view.name(), "organization", view.fields().stream().map(Field::of).toList(),
                    view.createdDate(), view.updatedDate());
        }

        static Definition of(ObjectTemplate template) {
            return new Definition(template.name(), SYSTEM_LEVEL, template.fields().stream().map(Field::of).toList(), null, null);
        }
    }

    /** A stored mapping: for an element ({@code level} organization) or one instance ({@code instanceId}). */
    public record Transformation(String objectName, String elementKey, String level, Long instanceId, String vendorName,
                                 List<Configuration> configuration, List<MappedField> fields,
                                 OffsetDateTime createdDate, OffsetDateTime updatedDate) {
        static Transformation of(TransformationView view) {
            TransformationDefinition mapping = view.mapping();
            String level = view.level().wire();
            return new Transformation(view.objectName(), view.elementKey(), level, view.instanceId(), mapping.vendorName(),
                    mapping.configuration().stream().map(Configuration::of).toList(),
                    mapping.fields().stream().map(f -> MappedField.of(f, level)).toList(),
                    view.createdDate(), view.updatedDate());
        }
    }

    /** A mapped field as answered; {@code level} repeats the mapping's, as Cloud Elements answers it. */
    public record MappedField(String path, String type, String vendorPath, String vendorType,
                              List<Configuration> configuration, String level) {
        static MappedField of(FieldMapping field, String level) {
            return new MappedField(field.path(), field.type(), field.vendorPath(), field.vendorType(),
                    field.configuration().stream().map(Configuration::of).toList(), level);
        }
    }

    /** A shipped example: the definition and the mapping for each element it covers, by element key. */
    public record Template(String name, String description, List<Field> fields, Map<String, TemplateMapping> transformations) {
        static Template of(ObjectTemplate template) {
            Map<String, TemplateMapping> mappings = new LinkedHashMap<>();
            template.transformations().forEach((element, mapping) -> mappings.put(element, TemplateMapping.of(mapping)));
            return new Template(template.name(), template.description(), template.fields().stream().map(Field::of).toList(),
                    mappings);
        }
    }

    /** A template's mapping for one element: the body {@code POST .../transformations/{name}} takes. */
    public record TemplateMapping(String vendorName, List<Configuration> configuration, List<MappedFieldBody> fields) {
        static TemplateMapping of(TransformationDefinition mapping) {
            return new TemplateMapping(mapping.vendorName(), mapping.configuration().stream().map(Configuration::of).toList(),
                    mapping.fields().stream().map(f -> new MappedFieldBody(f.path(), f.type(), f.vendorPath(), f.vendorType(),
                            f.configuration().stream().map(Configuration::of).toList())).toList());
        }
    }

    /** What installing a template made. */
    public record InstalledTemplate(Definition definition, Map<String, Transformation> transformations) {
    }

    /**
     * {@code GET /hubs/{hub}/objects/{name}/metadata}: every field of the object, with where the
     * instance's mapping finds it at the provider (no {@code vendorPath}: not mapped for this instance).
     */
    public record ObjectMetadata(String name, String level, String vendorName, List<MetadataField> fields) {
        static ObjectMetadata of(CommonObjectSet.Effective effective) {
            Map<String, Mapping.Field> mapped = new LinkedHashMap<>();
            effective.mapping().fields().forEach(f -> mapped.put(f.path().toString(), f));
            return new ObjectMetadata(effective.name(), effective.level().wire(), effective.mapping().vendorName(),
                    effective.fields().stream().map(f -> MetadataField.of(f, mapped.get(f.path()))).toList());
        }
    }

    /** A field of the common object and where the instance's provider keeps it. */
    public record MetadataField(String path, String type, String vendorPath, String vendorType) {
        static MetadataField of(ObjectField field, Mapping.Field mapped) {
            return new MetadataField(field.path(), field.type(), mapped == null ? null : mapped.vendorPath().toString(),
                    mapped == null || mapped.vendorType() == null ? null : mapped.vendorType().wire());
        }
    }
}
