package io.plugboard.proxy.control.where;

import io.plugboard.platform.control.Outcome;
import io.plugboard.proxy.control.where.WhereNode.Literal;
import io.plugboard.proxy.control.where.WhereTokenizer.Kind;
import io.plugboard.proxy.control.where.WhereTokenizer.Token;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Cloud Elements query language ({@code where}) as far as the hub speaks it, parsed by
 * recursive descent over {@link WhereTokenizer}'s tokens into a {@link WhereNode}. The grammar
 * (EBNF; keywords in any case; whitespace between tokens is free):
 *
 * <pre>
 * where      = or-expr ;
 * or-expr    = and-expr { "or" and-expr } ;
 * and-expr   = primary { "and" primary } ;
 * primary    = "(" or-expr ")" | condition ;
 * condition  = field comparison value
 *            | field "like" string
 *            | field "in" "(" value { "," value } ")" ;
 * comparison = "=" | "!=" | ">" | ">=" | "&lt;" | "&lt;=" ;
 * field      = name { "." name } ;                 (* not a keyword *)
 * name       = ( letter | "_" ) { letter | digit | "_" } ;
 * value      = string | number | "true" | "false" ;
 * string     = "'" { character other than "'" | "''" } "'" ;
 * number     = [ "-" ] digit { digit } [ "." digit { digit } ] ;
 * keyword    = "and" | "or" | "not" | "in" | "like" | "true" | "false" ;
 * </pre>
 *
 * {@code and} binds tighter than {@code or}. A string whose whole content is an ISO 8601 date or
 * date-time is a date literal ({@link WhereNode.DateTime}): dates are recognised by their text, so
 * the caller writes them as Cloud Elements documents ({@code updated > '2024-05-01T12:00:00Z'}),
 * and a string field still sees the text unchanged. {@code not} is reserved and refused.
 *
 * <p>Every failure is an {@link Outcome.Invalid} that names the column and what was expected,
 * e.g. {@code where: expected a value after '=' at column 12, found the end of the query}.
 * Inside the parser a failure unwinds the recursion as a private exception, which {@link #parse}
 * turns into that outcome; nothing else throws. The query's length, nesting, number of
 * conditions and of {@code in} values are bounded, so a hostile query costs little and cannot
 * exhaust the stack.
 */
public final class WhereParser {

    /** Longest query accepted, in characters. */
    public static final int MAX_LENGTH = 4000;
    /** Deepest nesting of parentheses. */
    public static final int MAX_DEPTH = 16;
    /** Most conditions in one query. */
    public static final int MAX_CONDITIONS = 50;
    /** Most values in one {@code in} list. */
    public static final int MAX_LIST_VALUES = 100;

    private static final String OPERATORS = "an operator (=, !=, >, >=, <, <=, like or in)";

    private final List<Token> tokens;
    private int position;
    private int conditions;

    private WhereParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The query's syntax tree, or why it is not a query. */
    public static Outcome<WhereNode> parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return Outcome.invalid("where: the query is longer than " + MAX_LENGTH + " characters");
        }
        return WhereTokenizer.tokens(text).flatMap(tokens -> {
            try {
                return Outcome.success(new WhereParser(tokens).where());
            } catch (SyntaxError e) {
                return Outcome.invalid(e.getMessage());
            }
        });
    }

    private WhereNode where() {
        WhereNode node = orExpression(0);
        Token next = peek();
        if (next.kind() == Kind.CLOSE) {
            throw new SyntaxError("where: unexpected ')' at column " + next.column() + " (no '(' is open)");
        }
        if (next.kind() != Kind.END) {
            throw expected("'and', 'or' or the end of the query", next);
        }
        return node;
    }

    private WhereNode orExpression(int depth) {
        List<WhereNode> operands = new ArrayList<>();
        add(operands, andExpression(depth), WhereNode.Or.class);
        int firstOr = 0;
        while (peek().kind() == Kind.OR) {
            Token or = advance();
            firstOr = firstOr == 0 ? or.column() : firstOr;
            add(operands, andExpression(depth), WhereNode.Or.class);
        }
        return operands.size() == 1 ? operands.get(0) : new WhereNode.Or(operands, firstOr);
    }

    private WhereNode andExpression(int depth) {
        List<WhereNode> operands = new ArrayList<>();
        add(operands, primary(depth), WhereNode.And.class);
        while (peek().kind() == Kind.AND) {
            advance();
            add(operands, primary(depth), WhereNode.And.class);
        }
        return operands.size() == 1 ? operands.get(0) : new WhereNode.And(operands);
    }

    /** {@code (a and b) and c} is one {@code And} of three: grouping that changes nothing is dropped. */
    private static void add(List<WhereNode> operands, WhereNode node, Class<? extends WhereNode> flattened) {
        if (node instanceof WhereNode.And and && flattened == WhereNode.And.class) {
            operands.addAll(and.operands());
        } else if (node instanceof WhereNode.Or or && flattened == WhereNode.Or.class) {
            operands.addAll(or.operands());
        } else {
            operands.add(node);
        }
    }

    private WhereNode primary(int depth) {
        Token next = peek();
        if (next.kind() == Kind.OPEN) {
            advance();
            if (depth + 1 > MAX_DEPTH) {
                throw new SyntaxError("where: more than " + MAX_DEPTH + " nested parentheses at column " + next.column());
            }
            WhereNode inner = orExpression(depth + 1);
            Token close = peek();
            if (close.kind() != Kind.CLOSE) {
                throw expected("')'", close, "to close the '(' at column " + next.column());
            }
            advance();
            return inner;
        }
        if (next.kind() == Kind.NOT) {
            throw new SyntaxError("where: 'not' is not supported (column " + next.column()
                    + "); write the opposite comparison instead, such as != for =");
        }
        return condition();
    }

    private WhereNode condition() {
        Token name = peek();
        if (name.kind() != Kind.NAME) {
            throw expected("a field name", name);
        }
        advance();
        if (++conditions > MAX_CONDITIONS) {
            throw new SyntaxError("where: more than " + MAX_CONDITIONS + " conditions (column " + name.column() + ")");
        }
        WhereNode.Field field = new WhereNode.Field(name.text(), name.column());
        Token operator = peek();
        switch (operator.kind()) {
            case COMPARATOR -> {
                WhereNode.Operator comparison = WhereNode.Operator.comparison(operator.text())
                        .orElseThrow(() -> expected(OPERATORS, operator));
                advance();
                return new WhereNode.Comparison(field, comparison, value("a value"));
            }
            case LIKE -> {
                advance();
                Token pattern = peek();
                if (pattern.kind() != Kind.STRING) {
                    throw expected("a quoted pattern", pattern);
                }
                return new WhereNode.Comparison(field, WhereNode.Operator.LIKE, value("a quoted pattern"));
            }
            case IN -> {
                advance();
                Token open = peek();
                if (open.kind() != Kind.OPEN) {
                    throw expected("'('", open);
                }
                advance();
                List<Literal> values = new ArrayList<>();
                values.add(value("a value"));
                while (peek().kind() == Kind.COMMA) {
                    advance();
                    if (values.size() == MAX_LIST_VALUES) {
                        throw new SyntaxError("where: more than " + MAX_LIST_VALUES + " values in the list at column "
                                + open.column());
                    }
                    values.add(value("a value"));
                }
                Token close = peek();
                if (close.kind() != Kind.CLOSE) {
                    throw expected("',' or ')'", close);
                }
                advance();
                return new WhereNode.Membership(field, values);
            }
            default -> throw expected(OPERATORS, operator);
        }
    }

    private Literal value(String what) {
        Token token = peek();
        Literal literal = switch (token.kind()) {
            case STRING -> date(token.value(), token.column())
                    .<Literal>map(d -> d)
                    .orElseGet(() -> new WhereNode.Text(token.value(), token.column()));
            case NUMBER -> new WhereNode.Numeric(new BigDecimal(token.text()), token.text(), token.column());
            case TRUE -> new WhereNode.Bool(true, token.column());
            case FALSE -> new WhereNode.Bool(false, token.column());
            default -> throw expected(what, token);
        };
        advance();
        return literal;
    }

    /**
     * The date literal a string's content spells, if it spells one: {@code yyyy-MM-dd}, or that
     * with {@code T} (or a space) and {@code HH:mm[:ss[.fraction]]}, with an optional offset
     * ({@code Z} or {@code ±hh:mm}). Anything else, an impossible date like {@code 2024-02-30}
     * included, stays a string.
     */
    static Optional<WhereNode.DateTime> date(String content, int column) {
        if (content.length() < 10 || !Character.isDigit(content.charAt(0))) {
            return Optional.empty();
        }
        if (content.length() == 10) {
            try {
                return Optional.of(new WhereNode.DateTime(content, LocalDate.parse(content, DateTimeFormatter.ISO_LOCAL_DATE)
                        .atStartOfDay(), Optional.empty(), true, column));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        String iso = content.charAt(10) == ' ' ? content.substring(0, 10) + 'T' + content.substring(11) : content;
        try {
            OffsetDateTime withOffset = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return Optional.of(new WhereNode.DateTime(content, withOffset.toLocalDateTime(), Optional.of(withOffset.getOffset()),
                    false, column));
        } catch (DateTimeParseException noOffset) {
            try {
                return Optional.of(new WhereNode.DateTime(content, LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                        Optional.empty(), false, column));
            } catch (DateTimeParseException notADateTime) {
                return Optional.empty();
            }
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token advance() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private SyntaxError expected(String what, Token found) {
        return expected(what, found, null);
    }

    /**
     * "expected W after 'previous' at column N, found X (note)": the column is where W was
     * expected; "after ..." is left out at the start of the query.
     */
    private SyntaxError expected(String what, Token found, String note) {
        String after = "";
        if (position > 0) {
            Token previous = tokens.get(position - 1);
            after = previous.kind() == Kind.STRING ? " after " + previous.described() : " after '" + previous.text() + "'";
        }
        return new SyntaxError("where: expected " + what + after + " at column " + found.column() + ", found "
                + found.described() + (note == null ? "" : " (" + note + ")"));
    }

    /** Unwinds the recursion to {@link #parse}; never leaves this class. No stack trace: it is an answer, not a fault. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
