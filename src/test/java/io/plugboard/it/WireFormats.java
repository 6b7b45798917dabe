package io.plugboard.it;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the hub sent a provider, as MockServer recorded it: OAuth 1.0a headers and form bodies. */
final class WireFormats {

    private static final Pattern HEADER_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private WireFormats() {
    }

    /** The parameters of an {@code Authorization: OAuth ...} header, percent-decoded. */
    static Map<String, String> oauthHeader(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = HEADER_PARAMETER.matcher(header);
        while (matcher.find()) {
            parameters.put(matcher.group(1), URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** An {@code application/x-www-form-urlencoded} body (or query string), decoded. */
    static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
