package io.plugboard.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationHeaderTest {

    private static AuthorizationHeader parsed(String header) {
        Optional<AuthorizationHeader> result = AuthorizationHeader.parse(header);
        assertTrue(result.isPresent(), () -> "expected '" + header + "' to parse");
        return result.get();
    }

    @Nested
    class Accepts {

        @Test
        void userAndOrganization() {
            AuthorizationHeader header = parsed("User a, Organization b");
            assertEquals("a", header.userSecret());
            assertEquals("b", header.organizationSecret());
            assertNull(header.elementToken());
        }

        @Test
        void partsInAnyOrder() {
            AuthorizationHeader header = parsed("Organization b, User a");
            assertEquals("a", header.userSecret());
            assertEquals("b", header.organizationSecret());
        }

        @Test
        void extraSpacesAndTabsAroundAndBetweenParts() {
            AuthorizationHeader header = parsed("  User \t a ,\tOrganization    b\t");
            assertEquals("a", header.userSecret());
            assertEquals("b", header.organizationSecret());
        }

        @Test
        void tabAsTheOnlySeparatorBetweenNameAndValue() {
            AuthorizationHeader header = parsed("User\ta,Organization\tb");
            assertEquals("a", header.userSecret());
            assertEquals("b", header.organizationSecret());
        }

        @Test
        void partNamesAreCaseInsensitiveButValuesKeepTheirCase() {
            AuthorizationHeader header = parsed("USER AbC, organization DeF, eLeMeNt GhI");
            assertEquals("AbC", header.userSecret());
            assertEquals("DeF", header.organizationSecret());
            assertEquals("GhI", header.elementToken());
        }

        @Test
        void withElementToken() {
            AuthorizationHeader header = parsed("User a, Organization b, Element t");
            assertEquals("a", header.userSecret());
            assertEquals("b", header.organizationSecret());
            assertEquals("t", header.elementToken());
        }

        @Test
        void elementTokenFirst() {
            AuthorizationHeader header = parsed("Element t, Organization b, User a");
            assertEquals(new AuthorizationHeader("a", "b", "t"), header);
        }

        @Test
        void valuesMayHoldBase64UrlAndPunctuation() {
            AuthorizationHeader header = parsed("User abc-_XYZ0123=, Organization a/b+c=");
            assertEquals("abc-_XYZ0123=", header.userSecret());
            assertEquals("a/b+c=", header.organizationSecret());
        }

        @Test
        void aSinglePartParsesButLacksUserAndOrganization() {
            AuthorizationHeader header = parsed("Organization b");
            assertNull(header.userSecret());
            assertEquals("b", header.organizationSecret());
            assertFalse(header.hasUserAndOrganization());
        }
    }

    @Nested
    class Rejects {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\t", "  \t  "})
        void nullOrBlank(String header) {
            assertTrue(AuthorizationHeader.parse(header).isEmpty());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "User a, Organization b, Foo c",
                "User a, Org b",
                "Users a, Organization b",
                "Token x, User a, Organization b"})
        void unknownPart(String header) {
            assertTrue(AuthorizationHeader.parse(header).isEmpty(), header);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "User a, Organization b, User c",
                "User a, user a, Organization b",
                "User a, Organization b, ORGANIZATION c",
                "User a, Organization b, Element t, Element u"})
        void repeatedPart(String header) {
            assertTrue(AuthorizationHeader.parse(header).isEmpty(), header);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "User, Organization b",
                "User a, Organization",
                "User a, Organization   ",
                "User a, Organization b, Element",
                "User a,, Organization b",
                ", User a, Organization b"})
        void emptyValueOrEmptyPart(String header) {
            assertTrue(AuthorizationHeader.parse(header).isEmpty(), header);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "User a b, Organization c",
                "User a, Organization b\tc",
                "User a, Organization b, Element t u"})
        void valueContainingWhitespace(String header) {
            assertTrue(AuthorizationHeader.parse(header).isEmpty(), header);
        }

        @ParameterizedTest
        @ValueSource(strings = {"User a, Organization b,", ",User a, Organization b", "User a,, Organization b"})
        void strayCommas(String header) {
            assertTrue(AuthorizationHeader.parse(header).isEmpty(), header);
        }

        @Test
        void missingComma() {
            assertTrue(AuthorizationHeader.parse("User a Organization b").isEmpty());
        }

        @Test
        void bearerScheme() {
            assertTrue(AuthorizationHeader.parse("Bearer xyz").isEmpty());
        }

        @Test
        void basicScheme() {
            assertTrue(AuthorizationHeader.parse("Basic dXNlcjpwYXNz").isEmpty());
        }

        @Test
        void bareWordWithoutValue() {
            assertTrue(AuthorizationHeader.parse("User").isEmpty());
        }
    }

    @Nested
    class HasUserAndOrganization {

        @Test
        void trueWhenBothPresent() {
            assertTrue(new AuthorizationHeader("a", "b", null).hasUserAndOrganization());
            assertTrue(new AuthorizationHeader("a", "b", "t").hasUserAndOrganization());
        }

        @Test
        void falseWhenEitherMissing() {
            assertFalse(new AuthorizationHeader(null, "b", null).hasUserAndOrganization());
            assertFalse(new AuthorizationHeader("a", null, "t").hasUserAndOrganization());
            assertFalse(new AuthorizationHeader(null, null, "t").hasUserAndOrganization());
        }

        @Test
        void falseForAnElementOnlyHeader() {
            assertFalse(parsed("Element t").hasUserAndOrganization());
        }
    }

    @Nested
    class ToStringHidesSecrets {

        @Test
        void noSecretAppears() {
            String text = new AuthorizationHeader("user-secret-1", "org-secret-2", "element-token-3").toString();
            assertFalse(text.contains("user-secret-1"), text);
            assertFalse(text.contains("org-secret-2"), text);
            assertFalse(text.contains("element-token-3"), text);
            assertTrue(text.contains("********"), text);
        }

        @Test
        void parsedHeaderDoesNotLeak() {
            String text = parsed("User s3cr3tUser, Organization s3cr3tOrg, Element tok3n").toString();
            assertFalse(text.contains("s3cr3tUser"), text);
            assertFalse(text.contains("s3cr3tOrg"), text);
            assertFalse(text.contains("tok3n"), text);
        }

        @Test
        void absentPartsAreShownAsAbsent() {
            String text = new AuthorizationHeader("u", "o", null).toString();
            assertTrue(text.contains("element=absent"), text);
            assertTrue(text.contains("user=********"), text);
            assertTrue(text.contains("organization=********"), text);
        }
    }
}
