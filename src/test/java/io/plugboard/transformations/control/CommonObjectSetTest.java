package io.plugboard.transformations.control;

import io.plugboard.transformations.entity.Level;
import io.plugboard.transformations.entity.ObjectField;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.plugboard.transformations.control.FieldPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which mapping runs for an instance: its own, else its organization's for its element. */
class CommonObjectSetTest {

    static final List<ObjectField> FIELDS = List.of(new ObjectField("name", "string"));

    static TransformationView view(String object, String element, Long instance, String vendorPath) {
        return new TransformationView(object, element, instance == null ? Level.ORGANIZATION : Level.INSTANCE, instance,
                CommonObjectCodec.readMapping("{\"vendorName\": \"people\", \"fields\": [{\"path\": \"name\", \"vendorPath\": \""
                        + vendorPath + "\"}]}"), null, null);
    }

    static final CommonObjectSet SET = CommonObjectSet.of(Map.of("contacts", FIELDS, "leads", FIELDS), List.of(
            view("contacts", "crm1", null, "OrgName"),
            view("contacts", "crm1", 7L, "InstanceName"),
            view("leads", "crm2", null, "LeadName"),
            view("contacts", "crm1", 9L, "bad[?(@.x)]")));

    @Test
    void anInstancesOwnMappingWinsOverTheOrganizations() {
        var own = SET.effective(7, "crm1", "contacts").orElseThrow();
        assertEquals(Level.INSTANCE, own.level());
        assertEquals(json("{\"name\": \"i\", \"OrgName\": \"o\"}"),
                own.mapping().fromVendor(json("{\"InstanceName\": \"i\", \"OrgName\": \"o\"}")));
        assertEquals(Level.ORGANIZATION, SET.effective(8, "crm1", "contacts").orElseThrow().level());
    }

    @Test
    void otherElementsAndNamesHaveNothing() {
        assertTrue(SET.effective(8, "crm2", "contacts").isEmpty(), "the organization's mapping is for crm1");
        assertTrue(SET.effective(7, "crm1", "leads").isEmpty());
        assertTrue(SET.effective(7, "crm1", "deals").isEmpty());
    }

    @Test
    void theAvailableObjectsAreSortedAndCountEachNameOnce() {
        assertEquals(List.of("contacts"), List.copyOf(SET.available(7, "crm1").keySet()));
        assertEquals(List.of("leads"), List.copyOf(SET.available(3, "crm2").keySet()));
        assertEquals(Level.INSTANCE, SET.available(7, "crm1").get("contacts").level());
    }

    @Test
    void aStoredMappingThatNoLongerCompilesIsSkippedWholeNotRunHalf() {
        // Instance 9's own mapping has a path this version refuses: it is left out (and logged),
        // so the organization's mapping for the element is what runs there.
        assertEquals(Level.ORGANIZATION, SET.effective(9, "crm1", "contacts").orElseThrow().level());
    }
}
