package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The element list's filters: one hub exactly, a name or key fragment, either case; blank is no filter. */
class ElementQueryTest {

    private static ElementDefinition element(String name, String key, String hub) {
        return new ElementDefinition(1L, name, key, List.of(), "d", null, true, false, false, false, null, null,
                false, false, false, false, new ElementDefinition.Authentication("oauth2"), hub, List.of(), List.of(),
                List.of(), null);
    }

    private static final ElementDefinition BASE = element("Base CRM", "base", "crm");
    private static final ElementDefinition ETSY = element("Etsy", "etsy", "ecommerce");

    @Test
    void aHubMatchesExactlyInAnyCase() {
        assertTrue(new ElementQuery("CRM", null).matches(BASE));
        assertFalse(new ElementQuery("cr", null).matches(BASE), "a hub is not a fragment");
        assertFalse(new ElementQuery("crm", null).matches(ETSY));
    }

    @Test
    void aNameMatchesAFragmentOfTheNameOrTheKey() {
        assertTrue(new ElementQuery(null, "crm").matches(BASE), "in the name");
        assertTrue(new ElementQuery(null, "BAS").matches(BASE), "in the key, any case");
        assertFalse(new ElementQuery(null, "shop").matches(ETSY));
        assertTrue(new ElementQuery("crm", "base").matches(BASE));
        assertFalse(new ElementQuery("ecommerce", "base").matches(BASE), "both must hold");
    }

    @Test
    void blankCriteriaListEverything() {
        ElementQuery none = new ElementQuery(" ", "");
        assertEquals(new ElementQuery(null, null), none);
        assertTrue(none.matches(BASE) && none.matches(ETSY));
    }
}
