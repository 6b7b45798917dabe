package io.plugboard.events.control;

import io.plugboard.elements.control.ElementCodec;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.proxy.control.HubUrl;
import io.plugboard.proxy.control.ResourceMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped element that polls has a poller configuration the poller accepts, whose URLs name
 * the element's own hub and one of its GET resources, and whose configuration placeholders are
 * keys the element defines; and the default reaches the element's configuration, where instances
 * read it.
 */
class ShippedPollerConfigurationsTest {

    @TestFactory
    Stream<DynamicTest> shippedPollerConfigurationsAreUsable() {
        return shipped().stream().filter(e -> e.events() != null && e.events().supports(ElementDefinition.Events.POLLING))
                .map(element -> DynamicTest.dynamicTest(element.key(), () -> check(element)));
    }

    @TestFactory
    Stream<DynamicTest> theSeedElementsPoll() {
        return Stream.of("base", "magento", "acton", "etsy", "instagram").map(key -> DynamicTest.dynamicTest(key, () ->
                assertTrue(shipped().stream().anyMatch(e -> e.key().equals(key) && e.events() != null
                        && e.events().supports(ElementDefinition.Events.POLLING) && e.events().polling() != null))));
    }

    private static void check(ElementDefinition element) {
        ElementDefinition normalized = element.normalized();
        String configured = normalized.defaultValue(ElementDefinition.POLLER_CONFIGURATION_KEY).orElseThrow();
        Outcome<PollerConfiguration> parsed = PollerConfiguration.parse(configured);
        PollerConfiguration poller = ((Outcome.Success<PollerConfiguration>) assertInstanceOf(Outcome.Success.class, parsed,
                parsed::toString)).value();
        for (PollerConfiguration.Resource resource : poller.resources()) {
            Outcome<String> resolved = PollerUrls.resolve(resource.url(), OffsetDateTime.now(), key ->
                    normalized.configurationEntry(key).isPresent() ? "value-of-" + key : null);
            String url = ((Outcome.Success<String>) assertInstanceOf(Outcome.Success.class, resolved,
                    () -> resource.name() + ": " + resolved)).value();
            HubUrl hubUrl = ((Outcome.Success<HubUrl>) HubUrl.parse(url)).value();
            assertEquals(element.hub(), hubUrl.hub(), resource.name());
            var mapped = ResourceMapper.map(element, "GET", hubUrl.path(), hubUrl.query(), Map.of());
            assertInstanceOf(Outcome.Success.class, mapped, () -> resource.name() + ": " + mapped);
        }
    }

    static List<ElementDefinition> shipped() {
        try (InputStream index = ShippedPollerConfigurationsTest.class.getResourceAsStream("/elements/catalog/index.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            return lines.lines().map(String::strip).filter(l -> !l.isEmpty()).map(file -> {
                try (InputStream in = ShippedPollerConfigurationsTest.class.getResourceAsStream("/elements/catalog/" + file)) {
                    return ElementCodec.read(in).orElseThrow();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
