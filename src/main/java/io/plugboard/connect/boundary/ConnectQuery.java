package io.plugboard.connect.boundary;

import io.plugboard.connect.control.ConnectStart;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The query of {@code GET /elements/{keyOrId}/oauth/connect}, bound by JAX-RS and checked by Bean
 * Validation. {@code config[<key>]} parameters have keys that vary per element, so they are read
 * from the whole query; a key given twice is refused by {@link #repeatedConfigParameter}, since
 * it is not clear which value was meant.
 */
public class ConnectQuery {

    private static final java.util.regex.Pattern CONFIG_PARAMETER = java.util.regex.Pattern.compile("config\\[(.+)]");

    @QueryParam("returnUrl")
    String returnUrl;
    @QueryParam("name")
    String name;
    @QueryParam("siteAddress")
    String siteAddress;
    @QueryParam("tags")
    List<String> tags;
    /** The same, as some clients' query builders write a list. */
    @QueryParam("tags[]")
    List<String> bracketTags;
    /** Blank is "not given"; otherwise an id, surrounding white space allowed. */
    @QueryParam("instanceId")
    @Pattern(regexp = "\\p{javaWhitespace}*([0-9]{1,18}\\p{javaWhitespace}*)?",
            message = "must be the id of one of the organization's instances.")
    String instanceId;

    @Context
    UriInfo uriInfo;

    /** The first {@code config[<key>]} parameter that is given more than once, if any. */
    public Optional<String> repeatedConfigParameter() {
        return uriInfo.getQueryParameters().entrySet().stream()
                .filter(parameter -> CONFIG_PARAMETER.matcher(parameter.getKey()).matches() && parameter.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** What the flow takes: the configuration, the tags without blanks, the instance id if one was given. */
    public ConnectStart.ConnectRequest request() {
        Map<String, String> configuration = new LinkedHashMap<>();
        uriInfo.getQueryParameters().forEach((key, values) -> {
            Matcher config = CONFIG_PARAMETER.matcher(key);
            if (config.matches()) {
                configuration.put(config.group(1), values.get(0));
            }
        });
        List<String> allTags = new ArrayList<>();
        for (List<String> values : java.util.Arrays.asList(tags, bracketTags)) {
            if (values != null) {
                values.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).forEach(allTags::add);
            }
        }
        Long instance = instanceId == null || instanceId.isBlank() ? null : Long.parseLong(instanceId.strip());
        return new ConnectStart.ConnectRequest(returnUrl, configuration, name, allTags, siteAddress, instance);
    }
}
