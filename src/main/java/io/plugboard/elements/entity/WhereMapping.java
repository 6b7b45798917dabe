package io.plugboard.elements.entity;

import java.util.List;
import java.util.Optional;

/**
 * What a list resource accepts in {@code where} (the Cloud Elements query language) and how each
 * condition reaches the provider, as data: the fields an application may filter on, and per field
 * the operators the provider can express and how. A resource without a mapping takes no
 * {@code where} at all, so a query the provider cannot run is refused by the hub instead of being
 * dropped or misread by the provider.
 *
 * <p>Three ways a condition reaches the provider, chosen per operator of a field:
 * <ul>
 *   <li>{@link Operator#parameter()}: a query parameter of its own ({@code email = 'x'} becomes
 *       {@code email=x}, {@code updated_at >= '...'} becomes {@code updated_since=...});</li>
 *   <li>{@link Operator#vendorOperator()} with {@link #filters()}: a group of query parameters per
 *       condition, built from templates ({@code filter[1][attribute]=updated_at&filter[1][gt]=...});</li>
 *   <li>{@link Operator#vendorOperator()} with {@link #expression()}: one query parameter holding
 *       the provider's own filter expression ({@code $filter=email eq 'x' and ...}). Only this way
 *       can express {@code or}, when {@link Expression#or()} is given.</li>
 * </ul>
 * The grammar, the value rules and the errors are in docs/api.md ("Queries: where"); the element
 * side in docs/elements.md.
 *
 * @param fields     the fields the resource can filter on
 * @param filters    the provider's per-condition parameter group, for operators with a {@code vendorOperator}
 * @param expression the provider's expression parameter, for operators with a {@code vendorOperator}
 */
public record WhereMapping(List<Field> fields, Filters filters, Expression expression) {

    /** The comparison operators of the language, as written in a query and in {@link Operator#operator()}. */
    public static final List<String> OPERATORS = List.of("=", "!=", ">", ">=", "<", "<=", "like", "in");
    /** The field types. */
    public static final List<String> TYPES = List.of("string", "number", "boolean", "date");
    /** The language's keywords, in any case; no field can be named by one. */
    public static final List<String> KEYWORDS = List.of("and", "or", "not", "in", "like", "true", "false");
    /** How the values of {@code in} are sent, see {@link Operator#list()}. */
    public static final List<String> LIST_ENCODINGS = List.of("repeat", "join", "index", "brackets");

    /** The field of this name, if the resource can filter on it. */
    public Optional<Field> field(String name) {
        return fields == null ? Optional.empty() : fields.stream().filter(f -> f != null && name.equals(f.name())).findFirst();
    }

    /**
     * One field an application may name in {@code where}.
     *
     * @param name        the name in the query, as the records the resource returns spell it (dotted for nested fields)
     * @param vendorName  the provider's name for it in a filter or expression ({@code name} when absent)
     * @param type        {@code string} (the default), {@code number}, {@code boolean} or {@code date}
     * @param format      dates only: how the provider writes the date: {@code epoch} (seconds),
     *                    {@code epochMillis}, or a {@code java.time.format.DateTimeFormatter} pattern;
     *                    ISO 8601 in UTC ({@code 2024-05-01T12:00:00Z}) when absent
     * @param timezone    dates only: the zone of a pattern's output, and of a query date without an offset (UTC when absent)
     * @param description free text for the element's documentation
     * @param operators   what the provider can do with the field
     */
    public record Field(String name, String vendorName, String type, String format, String timezone, String description,
                        List<Operator> operators) {

        /** The declared type, {@code string} when absent. */
        public String typeOrDefault() {
            return type == null ? "string" : type;
        }

        public String vendorNameOrDefault() {
            return vendorName == null || vendorName.isBlank() ? name : vendorName;
        }

        public Optional<Operator> operator(String spelling) {
            return operators == null ? Optional.empty()
                    : operators.stream().filter(o -> o != null && spelling.equals(o.operator())).findFirst();
        }
    }

    /**
     * One operator on one field, and how the provider gets it: exactly one of {@code parameter}
     * and {@code vendorOperator}.
     *
     * @param operator       {@code =}, {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=}, {@code like} or {@code in}
     * @param parameter      the provider's query parameter that takes the value
     * @param value          with {@code parameter}: a template of the parameter's value, {@code {value}} when absent
     *                       (e.g. {@code gt:{value}})
     * @param vendorOperator the provider's spelling of the operator in its filters or expression
     * @param condition      with {@code vendorOperator} in an expression: this operator's own condition template
     *                       (e.g. {@code {field} in ({value})}), instead of the expression's
     * @param list           {@code in} only: how the values are sent: {@code repeat} (the parameter once per
     *                       value, the default), {@code join} (one parameter, the values joined by
     *                       {@code separator}), {@code index} ({@code name[0]=a&name[1]=b}) or {@code brackets}
     *                       ({@code name[]=a&name[]=b}); in an expression the values are always joined
     * @param separator      {@code in} only: what joins the values ({@code ,} when absent)
     */
    public record Operator(String operator, String parameter, String value, String vendorOperator, String condition,
                           String list, String separator) {
    }

    /**
     * The provider's own filter parameters, a group per condition. Each template may use
     * {@code {index}} (the condition's number, counting from {@code firstIndex}), {@code {field}}
     * (the vendor name), {@code {operator}} (the vendor operator) and, in values, {@code {value}}.
     *
     * @param firstIndex the first condition's number (0 when absent)
     * @param parameters the parameters of one condition
     */
    public record Filters(Integer firstIndex, List<Parameter> parameters) {
    }

    /** A query parameter as templates of its name and value. */
    public record Parameter(String name, String value) {
    }

    /**
     * One query parameter holding the provider's expression: each condition written by
     * {@code condition} ({@code {field} {operator} {value}} when absent), the conditions joined by
     * {@code and}, and by {@code or} when the provider has one (groups in parentheses).
     *
     * @param parameter  the query parameter, e.g. {@code $filter} or {@code q}
     * @param condition  the condition template, with {@code {field}}, {@code {operator}} and {@code {value}}
     * @param and        what joins conditions that must all hold ({@code " and "} when absent)
     * @param or         what joins alternatives; without it {@code or} is refused
     * @param quote      what encloses a string value ({@code '} when absent; empty for none)
     * @param escape     what precedes a quote inside a string value (the quote itself, doubling it, when absent)
     * @param quoteDates whether dates are quoted like strings (they are written bare when absent)
     */
    public record Expression(String parameter, String condition, String and, String or, String quote, String escape,
                             Boolean quoteDates) {
    }
}
