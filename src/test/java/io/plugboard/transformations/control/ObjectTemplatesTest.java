package io.plugboard.transformations.control;

import io.plugboard.elements.control.ElementCodec;
import io.plugboard.elements.entity.ElementDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped template is a valid common object, and each of its mappings fits the shipped element it names. */
class ObjectTemplatesTest {

    static final Map<String, ObjectTemplate> TEMPLATES = ObjectTemplates.readShipped();

    static Optional<ElementDefinition> catalogElement(String key) {
        try (InputStream in = ObjectTemplatesTest.class.getResourceAsStream("/elements/catalog/" + key + ".json")) {
            return in == null ? Optional.empty() : ElementCodec.read(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyTemplateIsAValidObjectWithMappingsThatFitTheirElements() {
        assertFalse(TEMPLATES.isEmpty());
        List<String> problems = new ArrayList<>();
        TEMPLATES.forEach((name, template) -> {
            assertEquals(name, template.name());
            TransformationRules.nameProblems(name).forEach(p -> problems.add(name + ": " + p));
            TransformationRules.definitionProblems(template.fields()).forEach(p -> problems.add(name + ": " + p));
            template.transformations().forEach((elementKey, mapping) -> {
                Optional<ElementDefinition> element = catalogElement(elementKey);
                if (element.isEmpty()) {
                    problems.add(name + ": no shipped element " + elementKey);
                    return;
                }
                TransformationRules.problems(mapping, template.fields(), element.get())
                        .forEach(p -> problems.add(name + " for " + elementKey + ": " + p));
            });
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void contactsCoversTwoCrmProvidersWithTheSameFields() {
        ObjectTemplate contacts = TEMPLATES.get("contacts");
        assertNotNull(contacts);
        assertTrue(contacts.transformations().size() >= 2, contacts.transformations()::toString);
        contacts.transformations().forEach((elementKey, mapping) -> {
            assertEquals("crm", catalogElement(elementKey).orElseThrow().hub(), elementKey);
            assertEquals(contacts.fields().stream().map(f -> f.path()).toList(),
                    mapping.fields().stream().map(f -> f.path()).toList(), elementKey + " maps every field, in order");
        });
    }
}
