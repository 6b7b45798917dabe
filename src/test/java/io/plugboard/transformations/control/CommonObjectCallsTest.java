package io.plugboard.transformations.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.platform.control.Outcome;
import io.plugboard.platform.control.ProviderResponse;
import io.plugboard.proxy.control.HubExchange;
import io.plugboard.proxy.control.ProxyResult;
import io.plugboard.proxy.control.ProxyTargets;
import io.plugboard.transformations.entity.Level;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.plugboard.transformations.control.FieldPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A common object's call: the body mapped out, the element resource called through the proxy, the answer mapped back. */
class CommonObjectCallsTest {

    static final Mapping MAPPING = MappingTest.mapping("""
            {"vendorName": "people", "configuration": [{"type": "passThrough", "properties": {"fromVendor": false, "toVendor": false}}],
             "fields": [{"path": "id", "vendorPath": "Id", "vendorType": "number",
                         "configuration": [{"type": "remove", "properties": {"fromVendor": false, "toVendor": true}}]},
                        {"path": "name.first", "vendorPath": "First"}]}""");
    static final CommonObjectSet.Effective CONTACTS = new CommonObjectSet.Effective("contacts", Level.ORGANIZATION, MAPPING,
            MappingTest.CONTACT);
    static final ProxyTargets.Target TARGET = new ProxyTargets.Target(7, 1, new ElementDefinition(1L, "CRM", "crm1", null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, "crm", null, null, List.of(), null),
            null, Map.of(), false, true, null);

    /** The proxy's side, scripted: what it was asked, and one answer. */
    static final class ScriptedExchange extends HubExchange {
        final List<String> calls = new ArrayList<>();
        byte[] sentBody;
        Map<String, String> sentHeaders;
        Result answer;

        @Override
        public Result call(long organizationId, ProxyTargets.Target target, String method, String path,
                           Map<String, List<String>> query, Map<String, String> headers, byte[] body, String contentType,
                           int maxBodyBytes) {
            calls.add(method + " " + path + " " + query + " " + contentType);
            sentBody = body;
            sentHeaders = headers;
            return answer;
        }
    }

    static CommonObjectCalls calls(ScriptedExchange exchange) {
        CommonObjectCalls calls = new CommonObjectCalls();
        calls.exchange = exchange;
        calls.maxBodyBytes = 1000;
        return calls;
    }

    static HubExchange.Result answered(int status, String body) {
        return new HubExchange.Result.Answered(new ProviderResponse.Answered(status, Map.of("X-RateLimit-Remaining", List.of("9")),
                body.getBytes(StandardCharsets.UTF_8), false), "crm1", 12, 3);
    }

    @Test
    void aWriteSendsTheProvidersShapeAndAnswersTheCommonOne() {
        ScriptedExchange exchange = new ScriptedExchange();
        exchange.answer = answered(201, "{\"Id\": 42, \"First\": \"Ada\", \"Secret\": \"x\"}");
        var result = calls(exchange).call(1, TARGET, CONTACTS, "POST", null, Map.of(),
                "{\"id\": \"9\", \"name\": {\"first\": \"Ada\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("POST /people {} application/json"), exchange.calls);
        assertEquals(json("{\"First\": \"Ada\"}"), json(new String(exchange.sentBody, StandardCharsets.UTF_8)),
                "the id is not sent back (remove toVendor)");
        assertEquals("application/json", exchange.sentHeaders.get("Accept"));
        var mapped = assertInstanceOf(CommonObjectCalls.Result.Mapped.class, result);
        assertEquals(201, mapped.status());
        assertEquals(json("{\"id\": \"42\", \"name\": {\"first\": \"Ada\"}}"), mapped.body());
        assertEquals(List.of("9"), mapped.headers().get("X-RateLimit-Remaining"));
        assertEquals(new CommonObjectCalls.Timing("crm1", 12, 3), mapped.timing());
    }

    @Test
    void theIdGoesToTheItemResourceAsOneSegmentAndTheQueryAsItIs() {
        ScriptedExchange exchange = new ScriptedExchange();
        exchange.answer = answered(200, "{\"Id\": 1}");
        calls(exchange).call(1, TARGET, CONTACTS, "GET", "a/b c", Map.of("page", List.of("2")), null);
        assertEquals(List.of("GET /people/a%2Fb+c {page=[2]} null"), exchange.calls);
        assertNull(exchange.sentBody);
    }

    @Test
    void aListMustComeAsAnArray() {
        ScriptedExchange exchange = new ScriptedExchange();
        exchange.answer = answered(200, "[{\"Id\": 1}, {\"Id\": 2, \"First\": \"B\"}]");
        var list = assertInstanceOf(CommonObjectCalls.Result.Mapped.class, calls(exchange).call(1, TARGET, CONTACTS, "GET", null, Map.of(), null));
        assertEquals(json("[{\"id\": \"1\"}, {\"id\": \"2\", \"name\": {\"first\": \"B\"}}]"), list.body());

        exchange.answer = answered(200, "{\"items\": [{\"Id\": 1}]}");
        var wrapped = assertInstanceOf(CommonObjectCalls.Result.NotAnswered.class,
                calls(exchange).call(1, TARGET, CONTACTS, "GET", null, Map.of(), null));
        var failure = ((ProxyResult.Failed) wrapped.result()).failure();
        assertTrue(((Outcome.ProviderFailed<?>) failure).message().contains("not a JSON array"), failure::toString);
    }

    @Test
    void theProvidersRefusalIsPassedOnUnmapped() {
        ScriptedExchange exchange = new ScriptedExchange();
        exchange.answer = answered(422, "{\"errors\": [\"last_name is required\"]}");
        var refused = assertInstanceOf(CommonObjectCalls.Result.VendorError.class,
                calls(exchange).call(1, TARGET, CONTACTS, "POST", null, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(422, refused.status());
        assertEquals("{\"errors\": [\"last_name is required\"]}", refused.providerMessage());
    }

    @Test
    void aBadBodyIsTheApplicationsErrorAndNothingIsSent() {
        ScriptedExchange exchange = new ScriptedExchange();
        var notJson = assertInstanceOf(CommonObjectCalls.Result.NotAnswered.class,
                calls(exchange).call(1, TARGET, CONTACTS, "POST", null, Map.of(), "first=Ada".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(Outcome.Invalid.class, ((ProxyResult.Failed) notJson.result()).failure());
        var badValue = assertInstanceOf(CommonObjectCalls.Result.NotAnswered.class, calls(exchange).call(1, TARGET, CONTACTS,
                "PATCH", "1", Map.of(), "{\"name\": {\"first\": {\"x\": 1}}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(((Outcome.Invalid<?>) ((ProxyResult.Failed) badValue.result()).failure()).message().startsWith("name.first:"));
        assertEquals(List.of(), exchange.calls);
    }

    @Test
    void answersWithoutUsableJson() {
        ScriptedExchange exchange = new ScriptedExchange();
        exchange.answer = answered(204, "");
        var deleted = assertInstanceOf(CommonObjectCalls.Result.Mapped.class,
                calls(exchange).call(1, TARGET, CONTACTS, "DELETE", "1", Map.of(), null));
        assertEquals(204, deleted.status());
        assertNull(deleted.body());

        exchange.answer = answered(200, "<html>maintenance</html>");
        var html = assertInstanceOf(CommonObjectCalls.Result.NotAnswered.class,
                calls(exchange).call(1, TARGET, CONTACTS, "GET", "1", Map.of(), null));
        var failure = (Outcome.ProviderFailed<?>) ((ProxyResult.Failed) html.result()).failure();
        assertEquals("<html>maintenance</html>", failure.providerMessage());

        exchange.answer = new HubExchange.Result.Answered(new ProviderResponse.Answered(200, Map.of(),
                "{\"Id\":".getBytes(StandardCharsets.UTF_8), true), "crm1", 1, 1);
        var truncated = assertInstanceOf(CommonObjectCalls.Result.NotAnswered.class,
                calls(exchange).call(1, TARGET, CONTACTS, "GET", "1", Map.of(), null));
        assertTrue(((Outcome.ProviderFailed<?>) ((ProxyResult.Failed) truncated.result()).failure()).message().contains("larger"));
    }

    @Test
    void theProxysRefusalIsKeptAsIs() {
        ScriptedExchange exchange = new ScriptedExchange();
        exchange.answer = new HubExchange.Result.NotAnswered(new ProxyResult.RateLimited(3));
        var limited = assertInstanceOf(CommonObjectCalls.Result.NotAnswered.class,
                calls(exchange).call(1, TARGET, CONTACTS, "GET", "1", Map.of(), null));
        assertEquals(new ProxyResult.RateLimited(3), limited.result());
    }
}
