package io.plugboard.connect.control;

import io.plugboard.connect.control.PendingConnects.InstanceSettings;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class PendingConnectsSettingsTest {

    @Test
    void settingsSurviveTheirEncryptedJsonForm() {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("oauth.api.key", "id");
        configuration.put("oauth.api.secret", "s\"e\\cr\u00e9t\n");
        configuration.put("shop.id", "");
        InstanceSettings settings = new InstanceSettings(configuration, "Ada's \"shop\"", List.of("a", "b"));

        InstanceSettings back = PendingConnects.parseSettings(PendingConnects.settingsJson(settings));

        assertEquals(settings, back);
        assertEquals(List.copyOf(configuration.keySet()), List.copyOf(back.configuration().keySet()), "order kept");
    }

    @Test
    void anAbsentNameStaysAbsent() {
        InstanceSettings back = PendingConnects.parseSettings(
                PendingConnects.settingsJson(new InstanceSettings(Map.of(), null, null)));
        assertNull(back.name());
        assertEquals(List.of(), back.tags());
    }

    @Test
    void toStringNamesNoValue() {
        String shown = new InstanceSettings(Map.of("oauth.api.secret", "hunter2"), "n", List.of()).toString();
        assertFalse(shown.contains("hunter2"), shown);
    }
}
