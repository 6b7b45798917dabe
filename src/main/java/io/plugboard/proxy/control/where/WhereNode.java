package io.plugboard.proxy.control.where;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code where}: the syntax tree {@link WhereParser} builds and {@link WhereTranslator}
 * walks. Sealed, so the translator's switches are checked for completeness by the compiler and a
 * new kind of node cannot be forgotten in one of them. Every leaf keeps its column in the query
 * text, so that an error found later (an unknown field, a value of the wrong type) can still
 * point at the place the caller wrote it.
 */
public sealed interface WhereNode {

    /** Conditions that must all hold; at least two, none of them itself an {@code And}. */
    record And(List<WhereNode> operands) implements WhereNode {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** Alternatives; at least two, none of them itself an {@code Or}. {@code column} is that of the first {@code or}. */
    record Or(List<WhereNode> operands, int column) implements WhereNode {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** One comparison of a field with one or more values. */
    sealed interface Condition extends WhereNode {
        Field field();

        Operator operator();

        List<Literal> values();
    }

    /** {@code field op value} for the operators other than {@code in}. */
    record Comparison(Field field, Operator operator, Literal value) implements Condition {
        @Override
        public List<Literal> values() {
            return List.of(value);
        }
    }

    /** {@code field in (value, ...)}. */
    record Membership(Field field, List<Literal> values) implements Condition {
        public Membership {
            values = List.copyOf(values);
        }

        @Override
        public Operator operator() {
            return Operator.IN;
        }
    }

    /** A field name as written (dotted for nested fields), and its column. */
    record Field(String name, int column) {
    }

    /** The operators, with their spelling in the language (and in element data). */
    enum Operator {
        EQUAL("="), NOT_EQUAL("!="), GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<="),
        LIKE("like"), IN("in");

        private final String spelling;

        Operator(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }

        static Optional<Operator> comparison(String symbol) {
            for (Operator operator : values()) {
                if (operator.spelling.equals(symbol) && operator != LIKE && operator != IN) {
                    return Optional.of(operator);
                }
            }
            return Optional.empty();
        }
    }

    /** A value as written in the query. {@code text} is the value itself (a string without its quotes). */
    sealed interface Literal {
        String text();

        int column();
    }

    /** A quoted string whose content is not an ISO 8601 date. */
    record Text(String text, int column) implements Literal {
    }

    /** An unquoted number; {@code text} keeps the caller's spelling ({@code 1.50} stays {@code 1.50}). */
    record Numeric(BigDecimal value, String text, int column) implements Literal {
    }

    /** {@code true} or {@code false}, unquoted. */
    record Bool(boolean value, int column) implements Literal {
        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }

    /**
     * A quoted string whose whole content is an ISO 8601 date ({@code 2024-05-01}) or date-time
     * ({@code 2024-05-01T12:00:00Z}, {@code T} or a space between the two, seconds and fraction
     * optional, an offset {@code Z} or {@code ±hh:mm} optional). Compared to a string field it is
     * just its text; compared to a date field it is the instant below.
     *
     * @param local    the date and time as written (midnight for a date alone)
     * @param offset   the offset written, if any
     * @param dateOnly whether only a date was written
     */
    record DateTime(String text, LocalDateTime local, Optional<ZoneOffset> offset, boolean dateOnly, int column)
            implements Literal {

        /** The instant: at the offset written, else in {@code zone} (the field's zone, UTC by default). */
        public ZonedDateTime at(ZoneId zone) {
            return offset.map(o -> local.atOffset(o).atZoneSameInstant(zone)).orElseGet(() -> local.atZone(zone));
        }
    }
}
