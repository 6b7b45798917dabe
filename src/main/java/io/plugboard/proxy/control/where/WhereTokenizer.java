package io.plugboard.proxy.control.where;

import io.plugboard.platform.control.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first half of the {@code where} grammar: the query text cut into tokens (names, keywords,
 * quoted strings, numbers, comparison symbols, parentheses, commas), each with its column, so the
 * parser never looks at characters and no value is ever found by splitting the text. A quoted
 * string is read here, with {@code ''} standing for one quote, so a value can hold anything,
 * including {@code and}, parentheses or quotes, without changing the query's structure.
 *
 * <p>Columns count characters from 1. A failure is an {@link Outcome.Invalid} naming the column.
 */
final class WhereTokenizer {

    enum Kind { NAME, AND, OR, NOT, IN, LIKE, TRUE, FALSE, STRING, NUMBER, COMPARATOR, OPEN, CLOSE, COMMA, END }

    /**
     * One token: {@code text} as written, {@code value} the content of a string (quotes removed,
     * {@code ''} read as one quote) and otherwise the text.
     */
    record Token(Kind kind, String text, String value, int column) {

        /** How an error message names the token. */
        String described() {
            return switch (kind) {
                case END -> "the end of the query";
                case STRING -> "the string " + shortened(text);
                case NUMBER -> "the number " + text;
                default -> "'" + shortened(text) + "'";
            };
        }

        private static String shortened(String text) {
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }

    /** Words with a meaning of their own; none can name a field. Matched without regard to case. */
    static final Map<String, Kind> KEYWORDS = Map.of("and", Kind.AND, "or", Kind.OR, "not", Kind.NOT, "in", Kind.IN,
            "like", Kind.LIKE, "true", Kind.TRUE, "false", Kind.FALSE);

    private WhereTokenizer() {
    }

    static Outcome<List<Token>> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = nameEnd(text, i);
                String name = text.substring(i, end);
                if (!wellFormed(name)) {
                    return Outcome.invalid("where: malformed field name '" + name + "' at column " + column
                            + " (each part of a dotted name starts with a letter or '_')");
                }
                Kind keyword = name.contains(".") ? null : KEYWORDS.get(name.toLowerCase(Locale.ROOT));
                tokens.add(new Token(keyword == null ? Kind.NAME : keyword, name, name, column));
                i = end;
            } else if (isDigit(c) || (c == '-' && i + 1 < text.length() && isDigit(text.charAt(i + 1)))) {
                int end = i + 1;
                while (end < text.length() && isDigit(text.charAt(end))) {
                    end++;
                }
                if (end + 1 < text.length() && text.charAt(end) == '.' && isDigit(text.charAt(end + 1))) {
                    end += 2;
                    while (end < text.length() && isDigit(text.charAt(end))) {
                        end++;
                    }
                }
                if (end < text.length() && (isNamePart(text.charAt(end)) || text.charAt(end) == '.')) {
                    int garbage = nameEnd(text, end);
                    return Outcome.invalid("where: malformed number '" + text.substring(i, Math.max(garbage, end + 1))
                            + "' at column " + column + " (numbers are written like 42, -7 or 19.95)");
                }
                String number = text.substring(i, end);
                tokens.add(new Token(Kind.NUMBER, number, number, column));
                i = end;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < text.length()) {
                    char d = text.charAt(j);
                    if (d == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            value.append('\'');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        j++;
                        break;
                    }
                    value.append(d);
                    j++;
                }
                if (!closed) {
                    return Outcome.invalid("where: the string starting at column " + column
                            + " is not closed (end it with ', and write a quote inside it as '')");
                }
                tokens.add(new Token(Kind.STRING, text.substring(i, j), value.toString(), column));
                i = j;
            } else if (c == '"') {
                return Outcome.invalid("where: unexpected '\"' at column " + column
                        + " (strings are enclosed in single quotes: 'text')");
            } else if (c == '=' || c == '>' || c == '<') {
                boolean withEquals = c != '=' && i + 1 < text.length() && text.charAt(i + 1) == '=';
                String symbol = withEquals ? c + "=" : String.valueOf(c);
                tokens.add(new Token(Kind.COMPARATOR, symbol, symbol, column));
                i += symbol.length();
            } else if (c == '!') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '=') {
                    tokens.add(new Token(Kind.COMPARATOR, "!=", "!=", column));
                    i += 2;
                } else {
                    return Outcome.invalid("where: unexpected character '!' at column " + column + " (did you mean '!='?)");
                }
            } else if (c == '(' || c == ')' || c == ',') {
                Kind kind = c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA;
                tokens.add(new Token(kind, String.valueOf(c), String.valueOf(c), column));
                i++;
            } else {
                return Outcome.invalid("where: unexpected character " + shown(c) + " at column " + column);
            }
        }
        tokens.add(new Token(Kind.END, "", "", text.length() + 1));
        return Outcome.success(tokens);
    }

    /** The end of a name starting at {@code start}: letters, digits, '_' and the dots between parts. */
    private static int nameEnd(String text, int start) {
        int end = start;
        while (end < text.length() && (isNamePart(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        return end;
    }

    /** Every part of a dotted name is non-empty and starts with a letter or '_'. */
    private static boolean wellFormed(String name) {
        boolean partStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (partStart) {
                    return false;
                }
                partStart = true;
            } else {
                if (partStart && !(Character.isLetter(c) || c == '_')) {
                    return false;
                }
                partStart = false;
            }
        }
        return !partStart;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** ASCII digits only: a number is sent on as written, and a provider reads ASCII. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String shown(char c) {
        return Character.isISOControl(c) || Character.isSpaceChar(c)
                ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
