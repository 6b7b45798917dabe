package io.plugboard.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.NottableString;
import org.mockserver.model.Parameter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.plugboard.it.HubClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * {@code where} on {@code /hubs} over HTTP, against MockServer playing the providers: for each way
 * element data maps it (the seed elements' own query parameters and Magento 1 filter groups, dates
 * as patterns and epoch seconds; a private element's OData-style expression with {@code or} and
 * Magento 2 {@code searchCriteria} groups), exactly the query the provider receives, and
 * {@code where} itself never; and every refusal as an api-v2 {@code 400} with nothing sent.
 */
class HubWhereIT extends OrganizationTestBase {

    private static final String CALLBACK = "https://www.mycoolapp.com/auth";

    private JsonObject importInstance(String element, String configuration) {
        var reply = hub.post("instances", """
                {"element": {"key": "%s"}, "externalAuthentication": "initial",
                 "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "%s"%s}}
                """.formatted(element, CALLBACK, configuration), owner);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private HubClient.Reply list(String path, String where, JsonObject instance) {
        return hub.get(path + (path.contains("?") ? "&" : "?") + "where=" + URLEncoder.encode(where, StandardCharsets.UTF_8),
                elementAuth(instance));
    }

    /** The one request the provider got at {@code path}, and its query as decoded parameters in order. */
    private static Map<String, List<String>> sentQuery(String path) {
        HttpRequest[] sent = received(path);
        assertEquals(1, sent.length, "one request to " + path);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Parameter parameter : sent[0].getQueryStringParameterList()) {
            query.put(parameter.getName().getValue(), parameter.getValues().stream().map(NottableString::getValue).toList());
        }
        return query;
    }

    private void answerEverything() {
        provider.when(request()).respond(response().withStatusCode(200).withHeader("Content-Type", "application/json").withBody("[]"));
    }

    @Test
    void ownParametersOfTheSeedCrm() {
        answerEverything();
        JsonObject base = importInstance("base", ", \"oauth.user.token\": \"bc\"");

        var reply = list("hubs/crm/contacts?page=2", "email = 'ada+1@example.com' and is_organization = false"
                + " and id in (1, 2) and address.city = 'São Paulo'", base);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(Map.of("page", List.of("2"), "email", List.of("ada+1@example.com"), "is_organization", List.of("false"),
                "ids", List.of("1,2"), "address[city]", List.of("São Paulo"), "per_page", List.of("100")),
                sentQuery("/api.getbase.com/v2/contacts"), "with the page size the hub asks of a paged list");
    }

    @Test
    void filterGroupsOfTheSeedStore() {
        answerEverything();
        JsonObject magento = importInstance("magento", ", \"store.url\": \"" + TestEnvironment.mockServerUrl() + "/mage\""
                + ", \"oauth.user.token\": \"mt\", \"oauth.user.token.secret\": \"ms\"");

        var reply = list("hubs/ecommerce/products?limit=20",
                "updated_at > '2024-05-01T14:00:00+02:00' and sku in ('A&1', 'B 2') and price <= 19.95", magento);

        assertEquals(200, reply.status(), reply::toString);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("limit", List.of("20"));
        expected.put("filter[1][attribute]", List.of("updated_at"));
        expected.put("filter[1][gt]", List.of("2024-05-01 12:00:00"));
        expected.put("filter[2][attribute]", List.of("sku"));
        expected.put("filter[2][in][0]", List.of("A&1"));
        expected.put("filter[2][in][1]", List.of("B 2"));
        expected.put("filter[3][attribute]", List.of("price"));
        expected.put("filter[3][to]", List.of("19.95"));
        assertEquals(expected, sentQuery("/mage/api/rest/products"));
    }

    @Test
    void epochDatesOfTheSeedMarketplace() {
        answerEverything();
        JsonObject etsy = importInstance("etsy", """
                , "shop.id": "myshop", "oauth.user.token": "etsy-token", "oauth.user.token.secret": "etsy-token-secret\"""");

        var reply = list("hubs/ecommerce/shops/myshop/receipts", "last_modified_tsz >= '2024-05-01' and was_paid = true", etsy);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(Map.of("min_last_modified", List.of("1714521600"), "was_paid", List.of("true"), "limit", List.of("100")),
                sentQuery("/openapi.etsy.com/v2/shops/myshop/receipts"), "with the page size the hub asks of a paged list");
    }

    @Test
    void anExpressionWithOrAndSearchCriteriaGroupsOfAPrivateElement() {
        answerEverything();
        String key = unique("filtering").toLowerCase();
        var element = hub.post("elements", """
                {"name": "Filtering CRM", "key": "%s", "hub": "crm", "authentication": {"type": "basic"},
                 "configuration": [
                   {"key": "username", "name": "User", "type": "TEXTFIELD_128", "required": true, "hidden": false},
                   {"key": "password", "name": "Password", "type": "PASSWORD", "required": true, "hidden": false},
                   {"key": "base.url", "name": "Base", "type": "TEXTFIELD_1000", "required": false, "hidden": true, "defaultValue": "%s"}],
                 "resources": [
                   {"path": "/contacts", "method": "GET", "vendorPath": "/people", "vendorMethod": "GET",
                    "where": {"expression": {"parameter": "$filter", "or": " or "},
                              "fields": [
                                {"name": "email", "operators": [{"operator": "=", "vendorOperator": "eq"},
                                                                {"operator": "in", "vendorOperator": "in", "condition": "{field} in ({value})"}]},
                                {"name": "createdDateTime", "type": "date", "operators": [{"operator": ">", "vendorOperator": "gt"}]},
                                {"name": "since", "type": "date", "format": "epochMillis", "operators": [{"operator": ">=", "parameter": "since"}]}]}},
                   {"path": "/orders", "method": "GET", "vendorPath": "/V1/orders", "vendorMethod": "GET",
                    "where": {"filters": {"parameters": [
                                {"name": "searchCriteria[filter_groups][{index}][filters][0][field]", "value": "{field}"},
                                {"name": "searchCriteria[filter_groups][{index}][filters][0][value]", "value": "{value}"},
                                {"name": "searchCriteria[filter_groups][{index}][filters][0][condition_type]", "value": "{operator}"}]},
                              "fields": [
                                {"name": "status", "operators": [{"operator": "in", "vendorOperator": "in", "list": "join"}]},
                                {"name": "created_at", "type": "date", "format": "yyyy-MM-dd HH:mm:ss", "timezone": "America/Denver",
                                 "operators": [{"operator": ">=", "vendorOperator": "gteq"}]}]}}]}
                """.formatted(key, TestEnvironment.mockServerUrl() + "/" + key), owner);
        assertEquals(200, element.status(), element::toString);
        var created = hub.post("instances", """
                {"element": {"key": "%s"}, "name": "%s", "configuration": {"username": "ada", "password": "p4ss"}}
                """.formatted(key, unique("filtering")), owner);
        assertEquals(200, created.status(), created::toString);
        JsonObject instance = created.json();

        var contacts = list("hubs/crm/contacts", "(email = 'o''brien@example.com' or email in ('a@x.io', 'b@x.io'))"
                + " and createdDateTime > '2024-05-01' and since >= '2024-04-01T00:00:00Z'", instance);
        assertEquals(200, contacts.status(), contacts::toString);
        Map<String, List<String>> expression = new LinkedHashMap<>();
        expression.put("since", List.of("1711929600000"));
        expression.put("$filter", List.of("(email eq 'o''brien@example.com' or email in ('a@x.io','b@x.io'))"
                + " and createdDateTime gt 2024-05-01T00:00:00Z"));
        assertEquals(expression, sentQuery("/" + key + "/people"));

        var orders = list("hubs/crm/orders", "status in ('pending', 'processing') and created_at >= '2024-05-01'", instance);
        assertEquals(200, orders.status(), orders::toString);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("searchCriteria[filter_groups][0][filters][0][field]", List.of("status"));
        groups.put("searchCriteria[filter_groups][0][filters][0][value]", List.of("pending,processing"));
        groups.put("searchCriteria[filter_groups][0][filters][0][condition_type]", List.of("in"));
        groups.put("searchCriteria[filter_groups][1][filters][0][field]", List.of("created_at"));
        groups.put("searchCriteria[filter_groups][1][filters][0][value]", List.of("2024-05-01 00:00:00"));
        groups.put("searchCriteria[filter_groups][1][filters][0][condition_type]", List.of("gteq"));
        assertEquals(groups, sentQuery("/" + key + "/V1/orders"));

        var refused = list("hubs/crm/contacts", "email = 'a' or since >= '2024-04-01'", instance);
        assertApiError(refused, 400);
        assertEquals("where: 'since >=' at column 16 cannot be part of an 'or' on the resource /contacts (its provider takes it as"
                + " a parameter of its own)", refused.json().getString("message"));
        assertEquals(1, received("/" + key + "/people").length, "nothing more sent");
    }

    @Test
    void whatTheResourceCannotRunIsA400AndNothingIsSent() {
        answerEverything();
        String baseToken = unique("bc");
        String instagramToken = unique("ig");
        JsonObject base = importInstance("base", ", \"oauth.user.token\": \"" + baseToken + "\"");
        JsonObject instagram = importInstance("instagram", ", \"oauth.user.token\": \"" + instagramToken + "\"");

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("hubs/social/users/self/media|id = '1'",
                "where: the resource /users/self/media cannot be filtered (its element declares no where fields)");
        refusals.put("hubs/crm/contacts/7|id = 7",
                "where: the resource /contacts/{id} cannot be filtered (its element declares no where fields)");
        refusals.put("hubs/crm/contacts|phone = '555'",
                "where: the resource /contacts cannot filter on 'phone' (it can filter on: id, email, name, first_name, last_name,"
                        + " is_organization, contact_id, address.city, address.postal_code, address.country)");
        refusals.put("hubs/crm/contacts|email > 'a'", "where: the resource /contacts cannot use '>' on 'email' (it can use: =)");
        refusals.put("hubs/crm/contacts|email = 'a' or email = 'b'",
                "where: the resource /contacts cannot combine conditions with 'or' (column 13); its provider takes only conditions"
                        + " that must all hold");
        refusals.put("hubs/crm/contacts|first_name =",
                "where: expected a value after '=' at column 13, found the end of the query");
        refusals.put("hubs/crm/contacts|id = 'seven'", "where: 'id' is a number; 'seven' at column 6 is not one");
        refusals.put("hubs/crm/contacts|email = 'a' and email = 'b'",
                "where: 'email' (column 1) and 'email' (column 17) both set the provider's parameter email on the resource"
                        + " /contacts, which takes one value there");
        refusals.put("hubs/crm/contacts?email=b|email = 'a'",
                "where: the provider's parameter email is set both by where and by the query parameter email; give it once");
        refusals.forEach((call, message) -> {
            String[] parts = call.split("\\|", 2);
            var reply = list(parts[0], parts[1], parts[0].startsWith("hubs/social") ? instagram : base);
            assertApiError(reply, 400);
            assertEquals(message, reply.json().getString("message"), call);
        });

        var twice = hub.get("hubs/crm/contacts?where=id%20%3D%201&where=id%20%3D%202", elementAuth(base));
        assertApiError(twice, 400);
        assertEquals("where: the query has 2 where parameters; give one, its conditions joined with 'and'",
                twice.json().getString("message"));
        assertEquals(0, receivedCarrying(baseToken).length + receivedCarrying(instagramToken).length, "nothing reached a provider");
    }
}
