package io.plugboard.proxy.control.where;

import java.util.Map;

/**
 * {@code {name}} placeholders of a where mapping's templates filled in one pass from left to
 * right: a value is copied as it is and never read again, so a caller's value that happens to
 * contain {@code {field}} or {@code {value}} stays text. A placeholder without a value is kept
 * (the element rules refuse templates with unknown placeholders).
 */
final class Templates {

    private Templates() {
    }

    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i + 1) : -1;
            if (close > i + 1) {
                String name = template.substring(i + 1, close);
                String value = name.indexOf('{') < 0 ? values.get(name) : null;
                if (value != null) {
                    out.append(value);
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
