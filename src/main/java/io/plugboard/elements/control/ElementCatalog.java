package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The public catalog: the element definitions shipped in the WAR, overlaid by the operator's
 * files in {@code PLUGBOARD_ELEMENTS_DIR} (a file whose key matches a shipped element replaces
 * it; others add to the catalog). Loaded once at start-up and immutable afterwards; a file that
 * breaks a rule stops the start with the file name and every problem, because a hub silently
 * missing a connector is worse than one that does not start.
 */
@ApplicationScoped
public class ElementCatalog {

    static final String SHIPPED_INDEX = "elements/catalog/index.txt";
    static final String SHIPPED_DIRECTORY = "elements/catalog/";
    /** Private elements' ids start here (see the private_element_seq migration). */
    public static final long FIRST_PRIVATE_ID = 100_000;

    private static final Logger LOG = Logger.getLogger(ElementCatalog.class.getName());

    @Inject
    @ConfigProperty(name = "plugboard.elements.dir")
    Optional<String> operatorDirectory;

    private volatile List<ElementDefinition> elements = List.of();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        load();
    }

    /** Reads the shipped and operator definitions; throws with every problem found. */
    void load() {
        Map<String, ElementDefinition> byKey = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String file : shippedFiles()) {
            read(SHIPPED_DIRECTORY + file, ElementCatalog.class.getClassLoader().getResourceAsStream(SHIPPED_DIRECTORY + file), problems)
                    .ifPresent(element -> byKey.put(element.key(), element));
        }
        int shipped = byKey.size();
        int fromOperator = 0;
        Map<String, Path> operatorKeys = new HashMap<>();
        Optional<Path> directory = operatorDirectory.filter(d -> !d.isBlank()).map(Path::of);
        if (directory.isPresent()) {
            for (Path file : operatorFiles(directory.get())) {
                Optional<ElementDefinition> element;
                try (InputStream in = Files.newInputStream(file)) {
                    element = read(file.toString(), in, problems);
                } catch (IOException e) {
                    problems.add(file + ": cannot be read (" + e.getMessage() + ")");
                    continue;
                }
                if (element.isEmpty()) {
                    continue;
                }
                ElementDefinition replacement = element.get();
                Path earlier = operatorKeys.putIfAbsent(replacement.key(), file);
                if (earlier != null) {
                    problems.add(file + ": key " + replacement.key() + " is already defined by " + earlier);
                    continue;
                }
                ElementDefinition replaced = byKey.get(replacement.key());
                if (replacement.id() == null) {
                    if (replaced == null) {
                        problems.add(file + ": id is required for an element that adds to the catalog");
                        continue;
                    }
                    replacement = replacement.withId(replaced.id());
                }
                byKey.put(replacement.key(), replacement);
                fromOperator++;
            }
        }
        problems.addAll(clashes(byKey.values()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The element catalog is invalid:" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", problems));
        }
        elements = byKey.values().stream().map(ElementDefinition::normalized).toList();
        int operatorCount = fromOperator;
        LOG.info(() -> "Element catalog: " + elements.size() + " elements (" + shipped + " shipped, "
                + operatorCount + " from " + directory.map(Path::toString).orElse("no operator directory") + ")");
    }

    public List<ElementDefinition> all() {
        return elements;
    }

    public Optional<ElementDefinition> find(String keyOrId) {
        return elements.stream().filter(e -> e.answersTo(keyOrId)).findFirst();
    }

    /** True when a key (or alias) is taken by a catalog element, so a private element may not use it. */
    public boolean claims(String key) {
        return elements.stream().anyMatch(e -> e.key().equals(key) || e.aliases().contains(key));
    }

    private static List<String> shippedFiles() {
        InputStream index = ElementCatalog.class.getClassLoader().getResourceAsStream(SHIPPED_INDEX);
        if (index == null) {
            throw new IllegalStateException("The WAR lacks " + SHIPPED_INDEX);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + SHIPPED_INDEX, e);
        }
    }

    private static List<Path> operatorFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("PLUGBOARD_ELEMENTS_DIR " + directory.toAbsolutePath() + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list PLUGBOARD_ELEMENTS_DIR " + directory.toAbsolutePath(), e);
        }
        files.sort(null);
        return files;
    }

    private static Optional<ElementDefinition> read(String source, InputStream in, List<String> problems) {
        if (in == null) {
            problems.add(source + ": missing");
            return Optional.empty();
        }
        Optional<ElementDefinition> element = ElementCodec.read(in);
        if (element.isEmpty()) {
            problems.add(source + ": not JSON of the element shape");
            return Optional.empty();
        }
        List<String> found = ElementRules.problems(element.get());
        if (element.get().id() != null && (element.get().id() < 1 || element.get().id() >= FIRST_PRIVATE_ID)) {
            found = new ArrayList<>(found);
            found.add("id must be between 1 and " + (FIRST_PRIVATE_ID - 1));
        }
        found.forEach(problem -> problems.add(source + ": " + problem));
        return found.isEmpty() ? element : Optional.empty();
    }

    private static List<String> clashes(Iterable<ElementDefinition> elements) {
        List<String> problems = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ElementDefinition element : elements) {
            List<String> claimed = new ArrayList<>();
            claimed.add("id " + element.id());
            claimed.add("key " + element.key());
            if (element.aliases() != null) {
                element.aliases().forEach(alias -> claimed.add("key " + alias));
            }
            for (String claim : claimed) {
                String previous = names.putIfAbsent(claim, element.key());
                if (previous != null && !previous.equals(element.key())) {
                    problems.add("elements " + previous + " and " + element.key() + " share " + claim);
                }
            }
        }
        return problems;
    }
}
