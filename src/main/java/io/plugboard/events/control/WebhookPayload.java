package io.plugboard.events.control;

import io.plugboard.platform.control.Outcome;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.plugboard.platform.control.JsonProviders.JSON;

/**
 * A provider webhook's payload as one JSON structure, whatever way it came: a JSON body as it is,
 * a form body or (for a body-less call such as a GET webhook) the query parameters as a JSON
 * object of strings. Routing pointers and change pointers then read every provider the same way.
 * A parameter given more than once keeps its first value.
 */
public final class WebhookPayload {

    private WebhookPayload() {
    }

    /** The payload, or invalid (400) when the body is not what it claims to be. */
    public static Outcome<JsonStructure> decode(byte[] body, String contentType, Map<String, List<String>> query) {
        if (body == null || body.length == 0) {
            return Outcome.success(parameters(query));
        }
        String type = mediaType(contentType);
        Charset charset;
        try {
            charset = charset(contentType);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Outcome.invalid("The webhook body's charset is not supported.");
        }
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return Outcome.invalid("The webhook body is not valid " + charset.name() + " text.");
        }
        if ("application/x-www-form-urlencoded".equals(type)) {
            return form(text, charset);
        }
        // JSON by its type, and also when the type says nothing useful (text/plain, none): many
        // providers send JSON without saying so. Anything that does not parse is refused.
        return json(text);
    }

    /** {@code name=value&...} decoded into an object of strings. */
    static Outcome<JsonStructure> form(String text, Charset charset) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                if (seen.add(name)) {
                    object.add(name, value);
                }
            }
        } catch (IllegalArgumentException e) {
            return Outcome.invalid("The webhook's form body does not decode: " + e.getMessage());
        }
        return Outcome.success(object.build());
    }

    /** One JSON object or array and nothing after it (a reader alone would let trailing text pass). */
    static Outcome<JsonStructure> json(String text) {
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return Outcome.invalid("The webhook body is not valid JSON: it is empty.");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT && first != JsonParser.Event.START_ARRAY) {
                return Outcome.invalid("The webhook body must be a JSON object or array.");
            }
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                return Outcome.invalid("The webhook body is not valid JSON: text follows the JSON value.");
            }
            return Outcome.success((JsonStructure) value);
        } catch (JsonParsingException e) {
            return Outcome.invalid("The webhook body is not valid JSON: " + e.getMessage());
        } catch (JsonException | IllegalStateException e) {
            return Outcome.invalid("The webhook body is not valid JSON.");
        }
    }

    private static JsonStructure parameters(Map<String, List<String>> query) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        if (query != null) {
            query.forEach((name, values) -> {
                if (values != null && !values.isEmpty()) {
                    object.add(name, values.get(0) == null ? JsonValue.NULL : JSON.createValue(values.get(0)));
                }
            });
        }
        return object.build();
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.strip().split("=", 2);
                if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
