package io.plugboard.oauth.control;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PkceTest {

    /** RFC 7636, appendix B. */
    @Test
    void s256ChallengeMatchesTheRfcExample() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void verifiersAreFreshUnreservedAndOfAllowedLength() {
        Pattern unreserved = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String verifier = Pkce.newVerifier();
            assertTrue(unreserved.matcher(verifier).matches(), verifier);
            assertTrue(seen.add(verifier), "no repeats");
            assertEquals(43, Pkce.challenge(verifier).length());
        }
    }

    @Test
    void onUnlessTheConfigurationSaysFalse() {
        assertTrue(Pkce.enabled(Map.of()));
        assertTrue(Pkce.enabled(Map.of("oauth.pkce", "true")));
        assertTrue(Pkce.enabled(Map.of("oauth.pkce", "")));
        assertFalse(Pkce.enabled(Map.of("oauth.pkce", "false")));
        assertFalse(Pkce.enabled(Map.of("oauth.pkce", " FALSE ")));
    }
}
