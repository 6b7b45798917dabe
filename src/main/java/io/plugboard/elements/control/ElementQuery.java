package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;

import java.util.Locale;

/**
 * Which elements {@code GET /elements} lists: those of one hub ({@code hub}, exact, any case)
 * whose name or key contains {@code name} (any case). An absent or blank criterion matches every
 * element, so the plain list is the query with neither.
 */
public record ElementQuery(String hub, String name) {

    public ElementQuery {
        hub = blankToNull(hub);
        name = blankToNull(name);
    }

    public boolean matches(ElementDefinition element) {
        if (hub != null && !hub.equalsIgnoreCase(element.hub())) {
            return false;
        }
        if (name == null) {
            return true;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return contains(element.name(), wanted) || contains(element.key(), wanted);
    }

    private static boolean contains(String text, String wanted) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(wanted);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
