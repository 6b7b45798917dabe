package io.plugboard.oauth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderTokensFieldsTest {

    @Test
    void jsonScalarsBecomeText() {
        Map<String, String> fields = ProviderTokens.fields("""
                {"access_token": "at-1", "token_type": "Bearer", "expires_in": 3600,
                 "refresh_token": "rt-1", "active": true, "revoked": false}
                """);
        assertEquals("at-1", fields.get("access_token"));
        assertEquals("Bearer", fields.get("token_type"));
        assertEquals("3600", fields.get("expires_in"));
        assertEquals("rt-1", fields.get("refresh_token"));
        assertEquals("true", fields.get("active"));
        assertEquals("false", fields.get("revoked"));
        assertEquals(List.of("access_token", "token_type", "expires_in", "refresh_token", "active", "revoked"),
                List.copyOf(fields.keySet()), "order of the answer kept");
    }

    @Test
    void numbersKeepTheirPlainForm() {
        Map<String, String> fields = ProviderTokens.fields(
                "{\"a\": 3600.0, \"b\": 1e3, \"c\": -5, \"d\": 12345678901234567890, \"e\": 0.5}");
        assertEquals("3600.0", fields.get("a"), "a decimal number keeps its scale");
        assertEquals("1000", fields.get("b"), "exponent notation expanded, never 1E+3");
        assertEquals("-5", fields.get("c"));
        assertEquals("12345678901234567890", fields.get("d"));
        assertEquals("0.5", fields.get("e"));
    }

    @Test
    void nestedValuesAndJsonNullBecomeNull() {
        Map<String, String> fields = ProviderTokens.fields(
                "{\"access_token\": \"x\", \"user\": {\"id\": 1}, \"scopes\": [\"a\"], \"id_token\": null}");
        assertEquals("x", fields.get("access_token"));
        assertTrue(fields.containsKey("user"));
        assertNull(fields.get("user"));
        assertTrue(fields.containsKey("scopes"));
        assertNull(fields.get("scopes"));
        assertTrue(fields.containsKey("id_token"));
        assertNull(fields.get("id_token"));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals("x", ProviderTokens.fields("\n  {\"access_token\":\"x\"}  \r\n").get("access_token"));
    }

    @Test
    void jsonStringEscapesAreDecoded() {
        assertEquals("a\"b/é", ProviderTokens.fields("{\"t\": \"a\\\"b\\/\\u00e9\"}").get("t"));
    }

    @Test
    void formEncodedBody() {
        Map<String, String> fields = ProviderTokens.fields(
                "oauth_token=tok%2F1&oauth_token_secret=s+e%3Dcret&oauth_callback_confirmed=true&empty=&flag");
        assertEquals("tok/1", fields.get("oauth_token"));
        assertEquals("s e=cret", fields.get("oauth_token_secret"));
        assertEquals("true", fields.get("oauth_callback_confirmed"));
        assertEquals("", fields.get("empty"));
        assertEquals("", fields.get("flag"));
    }

    @Test
    void formEncodedOAuth2Body() {
        Map<String, String> fields = ProviderTokens.fields("access_token=abc&expires_in=3600&token_type=bearer");
        assertEquals(Map.of("access_token", "abc", "expires_in", "3600", "token_type", "bearer"), fields);
    }

    @Test
    void malformedJsonIsEmpty() {
        assertEquals(Map.of(), ProviderTokens.fields("{\"a\":"));
        assertEquals(Map.of(), ProviderTokens.fields("{\"a\": 1,"));
        assertEquals(Map.of(), ProviderTokens.fields("{not json}"));
        assertEquals(Map.of(), ProviderTokens.fields("{"));
    }

    @Test
    void jsonArrayYieldsNoTokenFields() {
        Map<String, String> fields = ProviderTokens.fields("[{\"access_token\": \"x\", \"refresh_token\": \"r\"}]");
        assertNull(fields.get("access_token"));
        assertNull(fields.get("refresh_token"));
        assertNull(fields.get("error"));
    }

    @Test
    void jsonArrayIsEmpty() {
        assertEquals(Map.of(), ProviderTokens.fields("[1,2]"));
        assertEquals(Map.of(), ProviderTokens.fields("[{\"access_token\": \"x\"}]"));
    }

    @Test
    void blankIsEmpty() {
        assertEquals(Map.of(), ProviderTokens.fields(""));
        assertEquals(Map.of(), ProviderTokens.fields("   \n\t "));
    }
}
