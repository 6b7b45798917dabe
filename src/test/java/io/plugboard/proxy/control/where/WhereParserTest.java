package io.plugboard.proxy.control.where;

import io.plugboard.elements.entity.WhereMapping;
import io.plugboard.platform.control.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code where} grammar: what parses into which tree (operators, precedence, grouping,
 * quoting, literals of each kind, dates), and every refusal with its exact message, since the
 * message is the application's only help in finding its mistake.
 */
class WhereParserTest {

    /** The tree in a compact, unambiguous notation: and[...], or[...], (field op value). */
    static String tree(String where) {
        Outcome<WhereNode> parsed = WhereParser.parse(where);
        assertInstanceOf(Outcome.Success.class, parsed, () -> where + " -> " + parsed);
        return render(((Outcome.Success<WhereNode>) parsed).value());
    }

    static String render(WhereNode node) {
        if (node instanceof WhereNode.And and) {
            return "and" + and.operands().stream().map(WhereParserTest::render).collect(Collectors.joining(", ", "[", "]"));
        }
        if (node instanceof WhereNode.Or or) {
            return "or" + or.operands().stream().map(WhereParserTest::render).collect(Collectors.joining(", ", "[", "]"));
        }
        if (node instanceof WhereNode.Membership in) {
            return "(" + in.field().name() + " in " + in.values().stream().map(WhereParserTest::literal)
                    .collect(Collectors.joining(", ", "[", "]")) + ")";
        }
        WhereNode.Comparison comparison = (WhereNode.Comparison) node;
        return "(" + comparison.field().name() + " " + comparison.operator().spelling() + " " + literal(comparison.value()) + ")";
    }

    static String literal(WhereNode.Literal literal) {
        if (literal instanceof WhereNode.Text text) {
            return "'" + text.text() + "'";
        }
        if (literal instanceof WhereNode.DateTime date) {
            return "date'" + date.text() + "'";
        }
        if (literal instanceof WhereNode.Numeric number) {
            return "n" + number.text();
        }
        return literal.text();
    }

    static String error(String where) {
        Outcome<WhereNode> parsed = WhereParser.parse(where);
        assertInstanceOf(Outcome.Invalid.class, parsed, () -> where + " -> " + parsed);
        return ((Outcome.Invalid<WhereNode>) parsed).message();
    }

    @Nested
    class ValidQueries {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "email = 'ada@example.com'    | (email = 'ada@example.com')",
                "email != 'x'                 | (email != 'x')",
                "price > 10                   | (price > n10)",
                "price >= 10                  | (price >= n10)",
                "price < 10                   | (price < n10)",
                "price <= 10                  | (price <= n10)",
                "name like '%Ada%'            | (name like '%Ada%')",
                "id in (1, 2, 3)              | (id in [n1, n2, n3])",
                "id in ('a')                  | (id in ['a'])",
                "hot = true                   | (hot = true)",
                "hot = FALSE                  | (hot = false)",
                "address.city = 'Denver'      | (address.city = 'Denver')",
                "_private_1 = 1               | (_private_1 = n1)",
                "email='x'and price>1         | and[(email = 'x'), (price > n1)]",
                "name LIKE 'A%' AND id IN (1) | and[(name like 'A%'), (id in [n1])]",
        })
        void comparisonsOfEveryKind(String where, String expected) {
            assertEquals(expected, tree(where));
        }

        @Test
        void andBindsTighterThanOr() {
            assertEquals("or[(a = n1), and[(b = n2), (c = n3)]]", tree("a = 1 or b = 2 and c = 3"));
            assertEquals("or[and[(a = n1), (b = n2)], (c = n3)]", tree("a = 1 and b = 2 or c = 3"));
        }

        @Test
        void parenthesesGroup() {
            assertEquals("and[or[(a = n1), (b = n2)], (c = n3)]", tree("(a = 1 or b = 2) and c = 3"));
            assertEquals("and[(a = n1), or[(b = n2), (c = n3)]]", tree("a = 1 and (b = 2 or c = 3)"));
        }

        @Test
        void groupingThatChangesNothingIsFlattened() {
            assertEquals("(a = n1)", tree("((a = 1))"));
            assertEquals("and[(a = n1), (b = n2), (c = n3)]", tree("(a = 1 and b = 2) and c = 3"));
            assertEquals("or[(a = n1), (b = n2), (c = n3)]", tree("a = 1 or (b = 2 or c = 3)"));
        }

        @Test
        void orRemembersTheColumnOfItsFirstOr() {
            WhereNode.Or or = (WhereNode.Or) ((Outcome.Success<WhereNode>) WhereParser.parse("a = 1 or b = 2 or c = 3")).value();
            assertEquals(7, or.column());
        }

        @Test
        void stringsHoldAnythingAndDoubleTheirQuotes() {
            assertEquals("(name = 'O'Brien')", tree("name = 'O''Brien'"));
            assertEquals("(name = '')", tree("name = ''"));
            assertEquals("(name = ''')", tree("name = ''''"));
            assertEquals("(note = 'a = 1 and (b or c), d')", tree("note = 'a = 1 and (b or c), d'"));
            assertEquals("(name = 'Ærøskøbing 東京 \"q\"')", tree("name = 'Ærøskøbing 東京 \"q\"'"));
            assertEquals("(name = '  padded  ')", tree("name = '  padded  '"));
        }

        @Test
        void numbersKeepTheirSpelling() {
            WhereNode.Comparison comparison = (WhereNode.Comparison) ((Outcome.Success<WhereNode>) WhereParser.parse("price = 1.50"))
                    .value();
            WhereNode.Numeric number = (WhereNode.Numeric) comparison.value();
            assertEquals("1.50", number.text());
            assertEquals(new BigDecimal("1.50"), number.value());
            assertEquals("(delta = n-7)", tree("delta = -7"));
            assertEquals("(delta > n-0.25)", tree("delta>-0.25"));
        }

        @Test
        void keywordsAreReadInAnyCase() {
            assertEquals("or[(a = true), and[(b like 'x'), (c in [false])]]", tree("a = True Or b LiKe 'x' aNd c In (FALSE)"));
        }

        @Test
        void whitespaceIsFree() {
            assertEquals("and[(a = n1), (b in [n2, n3])]", tree("  a\t=\n1   and b in(2,3)  "));
        }

        @Test
        void columnsPointAtTheFieldAndTheValues() {
            WhereNode.Membership in = (WhereNode.Membership) ((Outcome.Success<WhereNode>) WhereParser.parse("  id in (1, 'two')"))
                    .value();
            assertEquals(3, in.field().column());
            assertEquals(List.of(10, 13), in.values().stream().map(WhereNode.Literal::column).toList());
        }
    }

    @Nested
    class DateLiterals {

        static WhereNode.Literal value(String where) {
            return ((WhereNode.Comparison) ((Outcome.Success<WhereNode>) WhereParser.parse(where)).value()).value();
        }

        @Test
        void aDateAloneIsTheStartOfThatDay() {
            WhereNode.DateTime date = (WhereNode.DateTime) value("updated > '2024-05-01'");
            assertTrue(date.dateOnly());
            assertEquals(LocalDateTime.of(2024, 5, 1, 0, 0), date.local());
            assertEquals(Optional.empty(), date.offset());
            assertEquals("2024-05-01T00:00Z", date.at(ZoneOffset.UTC).toOffsetDateTime().toString());
            assertEquals("2024-05-01T00:00-06:00", date.at(ZoneId.of("America/Denver")).toOffsetDateTime().toString(),
                    "a date without an offset is read in the field's zone");
        }

        @Test
        void aDateTimeKeepsItsOffset() {
            WhereNode.DateTime date = (WhereNode.DateTime) value("updated > '2024-05-01T12:30:15.250+02:00'");
            assertFalse(date.dateOnly());
            assertEquals(Optional.of(ZoneOffset.ofHours(2)), date.offset());
            assertEquals("2024-05-01T10:30:15.250Z", date.at(ZoneOffset.UTC).toOffsetDateTime().toString());
            assertEquals("2024-05-01T12:30:15.250+02:00", date.text(), "the text as written, for string fields");
        }

        @ParameterizedTest
        @CsvSource(quoteCharacter = '`', value = {"2024-05-01T12:00:00Z", "2024-05-01T12:00Z", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00",
                "2024-05-01 12:00", "2024-12-31T23:59:59.999999999-11:30"})
        void theseAreDates(String text) {
            assertInstanceOf(WhereNode.DateTime.class, value("updated > '" + text + "'"), text);
        }

        @ParameterizedTest
        @CsvSource(quoteCharacter = '`', value = {"2024-02-30", "2024-5-1", "20240501", "May 1 2024", "2024-05-01T25:00:00Z", "2024-05-01T12:00:00+0200",
                "2024-05-01x", "1714564800", "+2024-05-01", "2024-05-01T"})
        void theseAreStrings(String text) {
            assertInstanceOf(WhereNode.Text.class, value("updated > '" + text + "'"), text);
        }

        @Test
        void anUnquotedNumberIsNeverADate() {
            assertInstanceOf(WhereNode.Numeric.class, value("updated > 20240501"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void theBriefsExample() {
            assertEquals("where: expected a value after '=' at column 12, found the end of the query", error("firstName ="));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "``                   | where: expected a field name at column 1, found the end of the query",
                "`   `                | where: expected a field name at column 4, found the end of the query",
                "= 'x'                | where: expected a field name at column 1, found '='",
                "and = 1              | where: expected a field name at column 1, found 'and'",
                "IN = 1               | where: expected a field name at column 1, found 'IN'",
                "'x' = 1              | where: expected a field name at column 1, found the string 'x'",
                "42 = id              | where: expected a field name at column 1, found the number 42",
                "email 'x'            | where: expected an operator (=, !=, >, >=, <, <=, like or in) after 'email' at column 7, found the string 'x'",
                "email                | where: expected an operator (=, !=, >, >=, <, <=, like or in) after 'email' at column 6, found the end of the query",
                "email is null        | where: expected an operator (=, !=, >, >=, <, <=, like or in) after 'email' at column 7, found 'is'",
                "email = 'x' and      | where: expected a field name after 'and' at column 16, found the end of the query",
                "email = 'x' or or    | where: expected a field name after 'or' at column 16, found 'or'",
                "a == 1               | where: expected a value after '=' at column 4, found '='",
                "a <> 1               | where: expected a value after '<' at column 4, found '>'",
                "a = b                | where: expected a value after '=' at column 5, found 'b'",
                "a = (1)              | where: expected a value after '=' at column 5, found '('",
                "name like 5          | where: expected a quoted pattern after 'like' at column 11, found the number 5",
                "name like            | where: expected a quoted pattern after 'like' at column 10, found the end of the query",
                "id in 1, 2           | where: expected '(' after 'in' at column 7, found the number 1",
                "id in ()             | where: expected a value after '(' at column 8, found ')'",
                "id in (1,)           | where: expected a value after ',' at column 10, found ')'",
                "id in (1 2)          | where: expected ',' or ')' after '1' at column 10, found the number 2",
                "id in (1, 2          | where: expected ',' or ')' after '2' at column 12, found the end of the query",
                "(a = 1               | where: expected ')' after '1' at column 7, found the end of the query (to close the '(' at column 1)",
                "((a = 1) or b = 2    | where: expected ')' after '2' at column 18, found the end of the query (to close the '(' at column 1)",
                "()                   | where: expected a field name after '(' at column 2, found ')'",
                "a = 1)               | where: unexpected ')' at column 6 (no '(' is open)",
                "a = 1 b = 2          | where: expected 'and', 'or' or the end of the query after '1' at column 7, found 'b'",
                "a = 'x' 'y'          | where: expected 'and', 'or' or the end of the query after the string 'x' at column 9, found the string 'y'",
                "a = 1 and (b = 2) c  | where: expected 'and', 'or' or the end of the query after ')' at column 19, found 'c'",
                "not a = 1            | where: 'not' is not supported (column 1); write the opposite comparison instead, such as != for =",
                "a = 1 and NOT b = 2  | where: 'not' is not supported (column 11); write the opposite comparison instead, such as != for =",
                "a = 'x               | where: the string starting at column 5 is not closed (end it with ', and write a quote inside it as '')",
                "a = 'it''s           | where: the string starting at column 5 is not closed (end it with ', and write a quote inside it as '')",
                "a = \"x\"              | where: unexpected '\"' at column 5 (strings are enclosed in single quotes: 'text')",
                "a # 1                | where: unexpected character '#' at column 3",
                "a = 1 & b = 2        | where: unexpected character '&' at column 7",
                "a ! 1                | where: unexpected character '!' at column 3 (did you mean '!='?)",
                "a = - 1              | where: unexpected character '-' at column 5",
                "a = 1.               | where: malformed number '1.' at column 5 (numbers are written like 42, -7 or 19.95)",
                "a = 1.2.3            | where: malformed number '1.2.3' at column 5 (numbers are written like 42, -7 or 19.95)",
                "a = 12abc            | where: malformed number '12abc' at column 5 (numbers are written like 42, -7 or 19.95)",
                "a = 1e5              | where: malformed number '1e5' at column 5 (numbers are written like 42, -7 or 19.95)",
                "a. = 1               | where: malformed field name 'a.' at column 1 (each part of a dotted name starts with a letter or '_')",
                "a..b = 1             | where: malformed field name 'a..b' at column 1 (each part of a dotted name starts with a letter or '_')",
                "a.1b = 1             | where: malformed field name 'a.1b' at column 1 (each part of a dotted name starts with a letter or '_')",
        })
        void everyMistakeIsNamedWithItsColumn(String where, String message) {
            assertEquals(message, error(where));
        }

        @Test
        void controlCharactersAreNamedByCodePoint() {
            assertEquals("where: unexpected character U+0001 at column 6", error("a = 1\u0001"));
            assertEquals("where: unexpected character U+00A0 at column 2", error("a\u00a0= 1"));
        }

        @Test
        void aLongStringIsShortenedInTheMessage() {
            String message = error("a = 'x' '" + "y".repeat(100) + "'");
            assertTrue(message.endsWith("found the string '" + "y".repeat(36) + "..."), message);
        }

        @Test
        void theQueryIsBounded() {
            assertEquals("where: the query is longer than 4000 characters", error("a = '" + "x".repeat(4000) + "'"));
            String deep = "(".repeat(17) + "a = 1" + ")".repeat(17);
            assertEquals("where: more than 16 nested parentheses at column 17", error(deep));
            assertInstanceOf(Outcome.Success.class, WhereParser.parse("(".repeat(16) + "a = 1" + ")".repeat(16)));
            String many = String.join(" and ", java.util.Collections.nCopies(51, "a = 1"));
            assertEquals("where: more than 50 conditions (column 501)", error(many));
            assertInstanceOf(Outcome.Success.class, WhereParser.parse(String.join(" or ", java.util.Collections.nCopies(50, "a = 1"))));
            String list = "id in (" + String.join(",", java.util.Collections.nCopies(101, "1")) + ")";
            assertEquals("where: more than 100 values in the list at column 7", error(list));
            assertInstanceOf(Outcome.Success.class,
                    WhereParser.parse("id in (" + String.join(",", java.util.Collections.nCopies(100, "1")) + ")"));
        }
    }

    @Test
    void theKeywordsAreTheElementRulesKeywords() {
        assertEquals(new TreeSet<>(WhereMapping.KEYWORDS), new TreeSet<>(WhereTokenizer.KEYWORDS.keySet()));
    }

    @Test
    void theOperatorsAreTheElementDataOperators() {
        assertEquals(WhereMapping.OPERATORS, java.util.Arrays.stream(WhereNode.Operator.values()).map(WhereNode.Operator::spelling).toList());
    }
}
