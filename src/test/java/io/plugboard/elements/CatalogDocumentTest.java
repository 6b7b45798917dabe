package io.plugboard.elements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code docs/catalog.md} is generated from the element files, so the catalog's documentation
 * cannot drift from what ships: this test writes it when run with
 * {@code -Dplugboard.catalog.write=true} and otherwise fails, with that command in its message,
 * when the committed file differs from what the element files say.
 */
class CatalogDocumentTest {

    static final Path CATALOG = Path.of("src/main/resources/elements/catalog");
    static final Path DOCUMENT = Path.of("docs/catalog.md");
    static final String REGENERATE = "./mvnw -B -ntp test -Dtest=CatalogDocumentTest -Dplugboard.catalog.write=true";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theCommittedCatalogDocumentMatchesTheElementFiles() throws IOException {
        String generated = generate(elements());
        if (Boolean.getBoolean("plugboard.catalog.write")) {
            Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, "docs/catalog.md is stale (an element file changed); regenerate it with: " + REGENERATE);
    }

    /** The indexed element files, in index order. */
    static List<JsonNode> elements() throws IOException {
        List<JsonNode> elements = new ArrayList<>();
        for (String line : Files.readAllLines(CATALOG.resolve("index.txt"), StandardCharsets.UTF_8)) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                elements.add(MAPPER.readTree(CATALOG.resolve(file).toFile()));
            }
        }
        return elements;
    }

    static String generate(List<JsonNode> elements) {
        Map<String, List<JsonNode>> byHub = new TreeMap<>();
        for (JsonNode element : elements) {
            byHub.computeIfAbsent(element.path("hub").asText(), h -> new ArrayList<>()).add(element);
        }
        byHub.values().forEach(list -> list.sort((a, b) -> a.path("name").asText().compareToIgnoreCase(b.path("name").asText())));
        StringBuilder md = new StringBuilder();
        md.append("# The element catalog\n\n");
        md.append("<!-- Generated from src/main/resources/elements/catalog by CatalogDocumentTest; do not edit.\n");
        md.append("     Regenerate: ").append(REGENERATE).append(" -->\n\n");
        md.append("The WAR ships ").append(elements.size()).append(" elements in ").append(byHub.size())
                .append(" hubs. Each is one JSON file ([elements.md](elements.md) describes the format); ")
                .append("`GET /elements?hub=<hub>` lists a hub's elements, and the console's Elements page filters ")
                .append("by hub and authentication and shows each element's setup guide.\n\n");
        md.append("| hub | element | key | authentication | resources | events | register the app |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        byHub.forEach((hub, list) -> list.forEach(element -> md.append("| ").append(hub)
                .append(" | [").append(cell(element.path("name").asText())).append("](#").append(anchor(element)).append(")")
                .append(" | `").append(element.path("key").asText()).append('`')
                .append(" | ").append(cell(authentication(element)))
                .append(" | ").append(element.path("resources").size())
                .append(" | ").append(events(element))
                .append(" | ").append(signup(element)).append(" |\n")));
        byHub.forEach((hub, list) -> {
            md.append("\n## ").append(hub).append("\n");
            for (JsonNode element : list) {
                md.append("\n### ").append(element.path("name").asText()).append(" (`").append(element.path("key").asText())
                        .append("`)\n\n");
                String description = element.path("description").asText("");
                if (!description.isBlank()) {
                    md.append(description.strip()).append("\n\n");
                }
                md.append("- Authentication: ").append(authentication(element)).append("\n");
                md.append("- Register the app: ").append(signup(element)).append("\n");
                Map<String, String> fill = configurationToFill(element);
                if (!fill.isEmpty()) {
                    md.append("- Configuration to fill: ").append(String.join(", ", fill.keySet().stream().map(k -> "`" + k + "`").toList()))
                            .append("\n");
                }
                md.append("- Events: ").append(events(element)).append("\n");
                md.append("- Resources (under `/hubs/").append(hub).append("`):\n");
                for (JsonNode resource : element.path("resources")) {
                    md.append("  - `").append(resource.path("method").asText()).append(' ').append(resource.path("path").asText())
                            .append("` → `").append(resource.path("vendorMethod").asText()).append(' ')
                            .append(resource.path("vendorPath").asText()).append('`');
                    if (resource.has("paging") || resource.has("root")) {
                        md.append(" (list");
                        if (resource.has("paging")) {
                            md.append(", ").append(resource.path("paging").path("type").asText()).append(" paging");
                        }
                        md.append(')');
                    }
                    md.append('\n');
                }
            }
        });
        return md.toString();
    }

    /** The authentication style in words, from the type and the contract's configuration keys. */
    static String authentication(JsonNode element) {
        Map<String, String> settings = settings(element);
        String type = element.path("authentication").path("type").asText();
        List<String> details = new ArrayList<>();
        switch (type) {
            case "oauth2" -> {
                if ("client_credentials".equals(settings.get("oauth.grant.type"))) {
                    return "OAuth 2.0 client credentials";
                }
                if ("false".equalsIgnoreCase(settings.getOrDefault("oauth.pkce", "true"))) {
                    details.add("no PKCE");
                }
                if ("true".equalsIgnoreCase(settings.get("oauth.basic.header"))) {
                    details.add("client in a Basic header");
                }
                if ("json".equalsIgnoreCase(settings.get("oauth.token.body.format"))) {
                    details.add("JSON token body");
                }
                if (settings.containsKey("oauth.token.header")) {
                    details.add("token in `" + settings.get("oauth.token.header") + "`");
                }
                if (settings.containsKey("oauth.lookup.url")) {
                    details.add("post-connect lookup");
                }
                if (!element.path("configuration").findValuesAsText("key").contains("oauth.token.refresh_url")
                        && !element.path("configuration").findValuesAsText("key").contains("oauth.user.refresh_token")) {
                    details.add("tokens do not expire");
                }
                return "OAuth 2.0 authorization code" + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
            }
            case "oauth1" -> {
                return "OAuth 1.0a";
            }
            case "basic" -> {
                return "Basic";
            }
            case "apiKey" -> {
                if (settings.containsKey("api.key.query.parameter")) {
                    return "API key (query parameter `" + settings.get("api.key.query.parameter") + "`)";
                }
                return "API key (header `" + settings.getOrDefault("api.key.header", "Authorization") + "`)";
            }
            default -> {
                return type;
            }
        }
    }

    /** The entries whose defaults are set, as the element fixes them. */
    static Map<String, String> settings(JsonNode element) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (JsonNode entry : element.path("configuration")) {
            JsonNode value = entry.path("defaultValue");
            if (value.isTextual() && !value.asText().isBlank()) {
                settings.put(entry.path("key").asText(), value.asText().strip());
            }
        }
        return settings;
    }

    /** What an operator fills: required, visible entries without a default. */
    static Map<String, String> configurationToFill(JsonNode element) {
        Map<String, String> fill = new LinkedHashMap<>();
        for (JsonNode entry : element.path("configuration")) {
            JsonNode value = entry.path("defaultValue");
            boolean hasDefault = value.isTextual() && !value.asText().isBlank();
            if (entry.path("required").asBoolean(false) && !entry.path("hidden").asBoolean(false) && !hasDefault) {
                fill.put(entry.path("key").asText(), entry.path("name").asText());
            }
        }
        return fill;
    }

    static String events(JsonNode element) {
        JsonNode events = element.path("events");
        if (!events.path("supported").asBoolean(false)) {
            return "no";
        }
        List<String> methods = new ArrayList<>();
        events.path("methods").forEach(m -> methods.add(m.asText()));
        return methods.isEmpty() ? "yes" : String.join(", ", methods);
    }

    static String signup(JsonNode element) {
        String url = element.path("signupURL").asText("");
        return url.isBlank() ? "—" : "<" + url + ">";
    }

    static String anchor(JsonNode element) {
        String heading = element.path("name").asText() + " " + element.path("key").asText();
        return heading.toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
