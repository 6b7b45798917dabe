package io.plugboard.elements.control;

import io.plugboard.elements.control.OAuthEntries.Pair;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.plugboard.elements.control.ElementRulesTest.config;
import static io.plugboard.elements.control.ElementRulesTest.oauth2Configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keep lists' syntax: what parses, what is refused and why, and the element rules on their defaults. */
class OAuthEntriesTest {

    private static List<Pair> pointers(String value) {
        return ((Outcome.Success<List<Pair>>) OAuthEntries.pointerPairs(OAuthEntries.TOKEN_RESPONSE_KEEP, value)).value();
    }

    private static String refusal(Outcome<List<Pair>> outcome) {
        return assertInstanceOf(Outcome.Invalid.class, outcome).message();
    }

    @Test
    void pointerPairsParseInOrderWithSpacesAndEmptyItemsIgnored() {
        assertEquals(List.of(new Pair("/instance_url", "crm.instance.url"), new Pair("/0/id", "cloud.id"),
                        new Pair("/accounts/0/base_uri", "account.base.uri"), new Pair("/a~1b/c~0d", "escaped")),
                pointers(" /instance_url=crm.instance.url,/0/id = cloud.id ,, /accounts/0/base_uri=account.base.uri,\n/a~1b/c~0d=escaped "));
    }

    @Test
    void blankIsNoPair() {
        assertEquals(List.of(), pointers(null));
        assertEquals(List.of(), pointers("  "));
    }

    @Test
    void aPointerMayHoldAnEqualsSignTheKeyCannot() {
        assertEquals(List.of(new Pair("/a=b", "k")), pointers("/a=b=k"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"instance_url=k", "=k", "/x~2=k", "/x~=k"})
    void badPointersAreRefusedWithTheEntryAndThePointer(String value) {
        String message = refusal(OAuthEntries.pointerPairs(OAuthEntries.LOOKUP_KEEP, value));
        assertTrue(message.startsWith("oauth.lookup.keep: "), message);
    }

    @Test
    void theWholeAnswerIsNoValueToKeep() {
        assertTrue(refusal(OAuthEntries.pointerPairs(OAuthEntries.TOKEN_RESPONSE_KEEP, "=k")).contains("is not a pair"));
        assertTrue(refusal(OAuthEntries.pointerPairs(OAuthEntries.TOKEN_RESPONSE_KEEP, "x=k")).contains("is not a JSON pointer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "/a=", "/a=has space", "/a=k{x}"})
    void aMissingOrMalformedKeyIsRefused(String value) {
        refusal(OAuthEntries.pointerPairs(OAuthEntries.TOKEN_RESPONSE_KEEP, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth.user.token", "oauth.api.secret", "OAuth.token.url", "egress.allow.http",
            "event.notification.enabled", "password", "api.key", "username"})
    void theHubsOwnKeysCannotBeFilledByAProvider(String key) {
        assertTrue(refusal(OAuthEntries.pointerPairs(OAuthEntries.TOKEN_RESPONSE_KEEP, "/x=" + key)).contains("cannot be kept"));
        assertTrue(refusal(OAuthEntries.parameterPairs(OAuthEntries.CALLBACK_KEEP, "x=" + key)).contains("cannot be kept"));
    }

    @Test
    void aKeyKeptTwiceIsRefused() {
        assertTrue(refusal(OAuthEntries.pointerPairs(OAuthEntries.TOKEN_RESPONSE_KEEP, "/a=k,/b=k")).contains("kept twice"));
    }

    @Test
    void parameterPairsTakeQueryParameterNames() {
        assertEquals(List.of(new Pair("realmId", "books.realm.id"), new Pair("context", "store.context")),
                ((Outcome.Success<List<Pair>>) OAuthEntries.parameterPairs(OAuthEntries.CALLBACK_KEEP,
                        "realmId=books.realm.id, context=store.context")).value());
        assertTrue(refusal(OAuthEntries.parameterPairs(OAuthEntries.CALLBACK_KEEP, "realmId")).startsWith("oauth.callback.keep: "));
    }

    @Test
    void rootPointerAndBodyFormat() {
        assertTrue(OAuthEntries.isRootPointer(null));
        assertTrue(OAuthEntries.isRootPointer(""));
        assertTrue(OAuthEntries.isRootPointer("/authed_user"));
        assertTrue(!OAuthEntries.isRootPointer("authed_user"));
        assertEquals("form", OAuthEntries.bodyFormat(null).orElseThrow());
        assertEquals("form", OAuthEntries.bodyFormat("").orElseThrow());
        assertEquals("json", OAuthEntries.bodyFormat(" JSON ").orElseThrow());
        assertTrue(OAuthEntries.bodyFormat("xml").isEmpty());
    }

    @Test
    void elementRulesCheckTheDefaultsAndThatKeptKeysAreDeclared() {
        List<ConfigurationDefinition> configuration = new ArrayList<>(oauth2Configuration());
        configuration.add(config("crm.instance.url", null));
        configuration.add(config(OAuthEntries.TOKEN_RESPONSE_KEEP, "/instance_url=crm.instance.url,/id=crm.user"));
        configuration.add(config(OAuthEntries.LOOKUP_KEEP, "dc=crm.dc"));
        configuration.add(config(OAuthEntries.CALLBACK_KEEP, "realmId=oauth.realm"));
        configuration.add(config(OAuthEntries.TOKEN_RESPONSE_ROOT, "authed_user"));
        configuration.add(config(OAuthEntries.TOKEN_BODY_FORMAT, "xml"));
        List<String> problems = ElementRules.problems(ElementRulesTest.withConfiguration(configuration));
        assertEquals(List.of(
                "configuration 'oauth.token.response.keep' keeps a value in crm.user, which is not a configuration key of this element",
                "oauth.lookup.keep: 'dc' is not a JSON pointer such as /instance_url.",
                "oauth.callback.keep: a provider's value cannot be kept in oauth.realm (credentials, OAuth, egress and events settings are the hub's).",
                "configuration 'oauth.token.response.root' must be a JSON pointer such as /authed_user",
                "configuration 'oauth.token.body.format' must be form or json"), problems);
    }

    @Test
    void wellFormedEntriesPassTheRules() {
        List<ConfigurationDefinition> configuration = new ArrayList<>(oauth2Configuration());
        configuration.add(config("crm.instance.url", null));
        configuration.add(config("crm.realm", null));
        configuration.add(config(OAuthEntries.TOKEN_RESPONSE_KEEP, "/instance_url=crm.instance.url"));
        configuration.add(config(OAuthEntries.CALLBACK_KEEP, "realmId=crm.realm"));
        configuration.add(config(OAuthEntries.CALLBACK_KEEP_PATTERN, "[0-9]+"));
        configuration.add(config(OAuthEntries.TOKEN_RESPONSE_ROOT, "/authed_user"));
        configuration.add(config(OAuthEntries.TOKEN_BODY_FORMAT, "json"));
        assertEquals(List.of(), ElementRules.problems(ElementRulesTest.withConfiguration(configuration)));
    }

    @Test
    void keepingCallbackValuesNeedsAPatternThatCompiles() {
        List<ConfigurationDefinition> configuration = new ArrayList<>(oauth2Configuration());
        configuration.add(config("crm.realm", null));
        configuration.add(config(OAuthEntries.CALLBACK_KEEP, "realmId=crm.realm"));
        assertEquals(List.of("configuration 'oauth.callback.keep' needs 'oauth.callback.keep.pattern', a regular expression"
                + " the provider's callback values must match"), ElementRules.problems(ElementRulesTest.withConfiguration(configuration)));
        configuration.add(config(OAuthEntries.CALLBACK_KEEP_PATTERN, "[0-9"));
        assertEquals(List.of("configuration 'oauth.callback.keep.pattern' is not a regular expression"),
                ElementRules.problems(ElementRulesTest.withConfiguration(configuration)));
    }
}
