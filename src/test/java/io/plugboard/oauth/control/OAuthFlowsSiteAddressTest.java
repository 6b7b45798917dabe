package io.plugboard.oauth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OAuthFlowsSiteAddressTest {

    @Test
    void bareHostGetsHttps() {
        assertEquals("https://shop.example.com", OAuthFlows.normalizeSite("shop.example.com"));
    }

    @Test
    void bareHostWithPortAndPathGetsHttps() {
        assertEquals("https://shop.example.com:8443/store", OAuthFlows.normalizeSite("shop.example.com:8443/store"));
    }

    @Test
    void httpIsKept() {
        assertEquals("http://localhost:8080", OAuthFlows.normalizeSite("http://localhost:8080"));
    }

    @Test
    void httpsIsKept() {
        assertEquals("https://shop.example.com", OAuthFlows.normalizeSite("https://shop.example.com"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://shop.example.com/         | https://shop.example.com",
            "https://shop.example.com///       | https://shop.example.com",
            "shop.example.com/                 | https://shop.example.com",
            "http://shop.example.com/magento/  | http://shop.example.com/magento",
            "'  shop.example.com/  '           | https://shop.example.com"})
    void trailingSlashesAndSurroundingWhitespaceAreStripped(String input, String expected) {
        assertEquals(expected, OAuthFlows.normalizeSite(input));
    }

    @Test
    void innerSlashesAreKept() {
        assertEquals("https://shop.example.com/a//b", OAuthFlows.normalizeSite("https://shop.example.com/a//b/"));
    }
}
