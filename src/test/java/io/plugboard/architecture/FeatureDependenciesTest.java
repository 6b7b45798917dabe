package io.plugboard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The features' dependencies run one way, as docs/architecture.md draws them: a feature uses
 * only features on a lower level, never one on its own level or above, and no two features
 * depend on each other. A change that makes, say, {@code oauth} call {@code instances} fails
 * here, with the offending class and member named, instead of being found by a reader later.
 *
 * <p>Checked on the compiled production classes, so every kind of reference counts: imports,
 * fully qualified names, annotations, generic types. (A JPQL string naming another feature's
 * entity is not a reference; features keep their tables to themselves by convention, and the
 * key rotation goes through {@code ReencryptsPendingSecrets}.)
 */
class FeatureDependenciesTest {

    /** Lowest first; features on one level are siblings and may not use each other. */
    static final List<List<String>> LEVELS = List.of(
            List.of("platform"),
            List.of("tokens"),
            List.of("elements", "organizations"),
            List.of("oauth"),
            List.of("instances"),
            List.of("connect", "proxy"),
            List.of("events", "transformations"),
            List.of("console"));

    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.plugboard");
    }

    @Test
    void everyFeatureIsOnALevel() {
        Map<String, Integer> known = levelOf();
        List<String> unplaced = classes.stream()
                .map(c -> c.getPackageName().replaceFirst("^io\\.plugboard\\.?", "").split("\\.")[0])
                .distinct()
                .filter(feature -> !known.containsKey(feature))
                .sorted()
                .toList();
        assertEquals(List.of(), unplaced, "a new feature package must be placed in LEVELS (and in docs/architecture.md)");
    }

    @Test
    void featuresDependOnlyOnFeaturesBelowThem() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : LEVELS) {
            for (String feature : level) {
                layers = layers.layer(feature).definedBy("io.plugboard." + feature + "..");
            }
        }
        Map<String, Integer> levelOf = levelOf();
        for (List<String> level : LEVELS) {
            for (String feature : level) {
                String[] above = levelOf.entrySet().stream()
                        .filter(other -> other.getValue() > levelOf.get(feature))
                        .map(Map.Entry::getKey)
                        .toArray(String[]::new);
                layers = above.length == 0
                        ? layers.whereLayer(feature).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(feature).mayOnlyBeAccessedByLayers(above);
            }
        }
        layers.check(classes);
    }

    @Test
    void noCyclesBetweenFeatures() {
        slices().matching("io.plugboard.(*)..").should().beFreeOfCycles().check(classes);
    }

    private static Map<String, Integer> levelOf() {
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (int i = 0; i < LEVELS.size(); i++) {
            for (String feature : LEVELS.get(i)) {
                levels.put(feature, i);
            }
        }
        return levels;
    }
}
