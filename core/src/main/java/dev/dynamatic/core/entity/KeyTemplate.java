package dev.dynamatic.core.entity;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Value;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a string key value is composed: literal text and {@code {name}} placeholders in segments divided by a
 * separator, e.g. {@code "CUST#{customerId}"} or {@code "ADDR#{country}#{state}#{city}#{addressId}"}.
 *
 * <p>Values are used verbatim: never lowercased, trimmed or escaped. A value that contains the separator is
 * rejected, since escaping it would break {@code begins_with} prefixes; so every key parses back to exactly
 * the values it was built from. A segment holds at most one placeholder, with literal text around it if
 * wanted ({@code "v{rev}"}); a placeholder name appears once. Numbers are written in DynamoDB's canonical
 * form ({@code 1.50} as {@code 1.5}); strings, and values that {@link Value#of(Object)} turns into strings
 * (enums, UUIDs, instants), as their text.
 *
 * {@snippet :
 * KeyTemplate sk = KeyTemplate.of("ADDR#{country}#{state}#{city}#{addressId}");
 * sk.render(Map.of("country", "US", "state", "WA", "city", "Seattle", "addressId", "a1")); // ADDR#US#WA#Seattle#a1
 * sk.prefix(Map.of("country", "US", "state", "WA"));                                     // ADDR#US#WA#
 * sk.parse("ADDR#US#WA#Seattle#a1");       // {country=US, state=WA, city=Seattle, addressId=a1}
 * }
 *
 * <p>A template is an immutable value; equal patterns and separators make equal templates.
 */
public final class KeyTemplate {

    /** The separator of {@link #of(String)}: {@code #}. */
    public static final char DEFAULT_SEPARATOR = '#';

    /**
     * The greatest code point, U+10FFFF: appended to the upper bound of a range so that it includes every key
     * that begins with the bound (its UTF-8 form, {@code F4 8F BF BF}, sorts after every other character's).
     */
    static final String HIGHEST = new String(Character.toChars(Character.MAX_CODE_POINT));

    private static final Comparator<String> BYTE_ORDER = KeyTemplate::compareCodePoints;

    private final String pattern;
    private final char separator;
    /** The segments between separators, in order. */
    private final List<Segment> segments;
    /** The placeholder names, in order. */
    private final List<String> names;

    /** One segment: literal text, or a placeholder with literal text before and after it. */
    private record Segment(String prefix, @Nullable String placeholder, String suffix) {
        boolean literal() {
            return placeholder == null;
        }

        /** {@return the placeholder's name} (only for a segment that is not literal) */
        String name() {
            return requireNonNull(placeholder, "a literal segment has no placeholder");
        }
    }

    private KeyTemplate(String pattern, char separator, List<Segment> segments, List<String> names) {
        this.pattern = pattern;
        this.separator = separator;
        this.segments = segments;
        this.names = names;
    }

    /**
     * {@return the template of the pattern, segments divided by {@code #}}
     *
     * @param pattern literal text and {@code {name}} placeholders, at most one placeholder per segment
     * @throws IllegalArgumentException naming the problem: an empty pattern, unbalanced braces, an empty or
     *         repeated placeholder name, or two placeholders in one segment
     */
    public static KeyTemplate of(String pattern) {
        return of(pattern, DEFAULT_SEPARATOR);
    }

    /**
     * {@return the template of the pattern, segments divided by the given separator}
     *
     * @param pattern literal text and {@code {name}} placeholders, at most one placeholder per segment
     * @param separator the character between segments; values must not contain it (not a brace or a surrogate)
     * @throws IllegalArgumentException naming the problem, as for {@link #of(String)}, or a bad separator
     */
    public static KeyTemplate of(String pattern, char separator) {
        requireNonNull(pattern, "pattern is null");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("key template is empty: DynamoDB rejects empty key values");
        }
        if (separator == '{' || separator == '}' || Character.isSurrogate(separator)) {
            throw new IllegalArgumentException("key template separator " + describe(separator)
                    + " is a brace or half of a surrogate pair");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int start = 0;
        while (true) {
            int end = pattern.indexOf(separator, start);
            String text = pattern.substring(start, end < 0 ? pattern.length() : end);
            Segment segment = segment(pattern, text);
            if (!segment.literal() && !names.add(segment.name())) {
                throw new IllegalArgumentException("key template \"" + pattern + "\" names {" + segment.name()
                        + "} twice");
            }
            segments.add(segment);
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return new KeyTemplate(pattern, separator, List.copyOf(segments), List.copyOf(names));
    }

    private static Segment segment(String pattern, String text) {
        int open = text.indexOf('{');
        int close = text.indexOf('}');
        if (open < 0 && close < 0) {
            return new Segment(text, null, "");
        }
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("key template \"" + pattern + "\": unbalanced braces in \"" + text
                    + "\" (literal text cannot hold braces)");
        }
        String name = text.substring(open + 1, close);
        String suffix = text.substring(close + 1);
        if (name.isEmpty() || name.indexOf('{') >= 0) {
            throw new IllegalArgumentException("key template \"" + pattern + "\": bad placeholder in \"" + text
                    + "\" (a placeholder is {name}, the name not empty)");
        }
        if (suffix.indexOf('{') >= 0 || suffix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("key template \"" + pattern + "\": two placeholders (or a stray brace)"
                    + " in the segment \"" + text + "\"; put the separator between placeholders, or keys could not"
                    + " be parsed back");
        }
        return new Segment(text.substring(0, open), name, suffix);
    }

    /** {@return the pattern this template was made from} */
    public String pattern() {
        return pattern;
    }

    /** {@return the separator between segments} */
    public char separator() {
        return separator;
    }

    /** {@return the placeholder names, in the order they appear} */
    public List<String> names() {
        return names;
    }

    /**
     * {@return the key for the values}: every placeholder replaced by its value, verbatim.
     *
     * @param values a value for each placeholder (other entries are ignored): a string or number, or anything
     *               {@link Value#of(Object)} turns into one
     * @throws IllegalArgumentException if a placeholder has no value (or a null one), a value is not a string or
     *         number, or a value contains the separator
     */
    public String render(Map<String, ?> values) {
        requireNonNull(values, "values is null");
        StringBuilder sb = new StringBuilder(pattern.length() + 16);
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            Segment s = segments.get(i);
            sb.append(s.prefix());
            if (!s.literal()) {
                sb.append(text(s.name(), required(values, s.name())));
                sb.append(s.suffix());
            }
        }
        return sb.toString();
    }

    /**
     * {@return the text every key with these leading values begins with}: the template rendered up to its first
     * placeholder without a value, including the literal text before that placeholder, for a
     * {@code begins_with} key condition. With every value given it is the whole key.
     *
     * {@snippet :
     * KeyTemplate.of("ADDR#{country}#{state}#{city}#{addressId}").prefix(Map.of("country", "US", "state", "WA"));
     * // "ADDR#US#WA#": the trailing separator keeps state "WAX" out
     * }
     *
     * @param values values for a leading run of the placeholders (other entries are ignored)
     * @throws IllegalArgumentException if a value is given for a placeholder after one without a value, or a
     *         value is not a string or number or contains the separator
     */
    public String prefix(Map<String, ?> values) {
        return leading(values, true);
    }

    /**
     * The template rendered up to its first placeholder without a value; with {@code trailingLiteral} the
     * literal text before that placeholder is included, without it the text stops right after the last value
     * (or at the first placeholder, if there is no value).
     */
    String leading(Map<String, ?> values, boolean trailingLiteral) {
        requireNonNull(values, "values is null");
        int given = givenRun(values);
        if (given == names.size()) {
            return render(values);
        }
        StringBuilder sb = new StringBuilder(pattern.length() + 16);
        int seen = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (!s.literal() && seen == given) {
                // the first placeholder without a value (without trailingLiteral, only reached if none has one)
                if (i > 0) {
                    sb.append(separator);
                }
                return sb.append(s.prefix()).toString();
            }
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(s.prefix());
            if (!s.literal()) {
                sb.append(text(s.name(), requireNonNull(values.get(s.name()), s.name())));
                seen++;
                if (seen == given && !trailingLiteral) {
                    return sb.toString();
                }
                sb.append(s.suffix());
            }
        }
        throw new AssertionError("unreachable: fewer placeholders than names in " + pattern);
    }

    /** How many leading placeholders have a value; a value for a later placeholder is an error. */
    private int givenRun(Map<String, ?> values) {
        int given = 0;
        while (given < names.size() && values.get(names.get(given)) != null) {
            given++;
        }
        for (int i = given + 1; i < names.size(); i++) {
            if (values.get(names.get(i)) != null) {
                throw new IllegalArgumentException("key template \"" + pattern + "\": a value for {" + names.get(i)
                        + "} but none for {" + names.get(given) + "}, which comes before it; a prefix takes the"
                        + " leading values only");
            }
        }
        return given;
    }

    /**
     * {@return the values a key was built from}, by placeholder name in template order
     *
     * @param key a key value, e.g. {@code CUST#c1}
     * @throws IllegalArgumentException if the key does not have this template's form
     */
    public Map<String, String> parse(String key) {
        Map<String, String> values = tryParse(requireNonNull(key, "key is null"));
        if (values == null) {
            throw new IllegalArgumentException("a key of " + key.length() + " characters does not have the form \"" + pattern
                    + "\"");
        }
        return values;
    }

    /**
     * {@return whether the key has this template's form, so that {@link #parse} accepts it}
     *
     * @param key a key value, e.g. {@code CUST#c1}
     */
    public boolean matches(String key) {
        return tryParse(requireNonNull(key, "key is null")) != null;
    }

    private @Nullable Map<String, String> tryParse(String key) {
        Map<String, String> values = LinkedHashMap.newLinkedHashMap(names.size());
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            int end = key.indexOf(separator, start);
            boolean last = i == segments.size() - 1;
            if (last != (end < 0)) {
                return null; // too many or too few segments
            }
            String text = key.substring(start, last ? key.length() : end);
            Segment s = segments.get(i);
            if (s.literal()) {
                if (!text.equals(s.prefix())) {
                    return null;
                }
            } else {
                if (text.length() < s.prefix().length() + s.suffix().length()
                        || !text.startsWith(s.prefix()) || !text.endsWith(s.suffix())) {
                    return null;
                }
                values.put(s.name(), text.substring(s.prefix().length(), text.length() - s.suffix().length()));
            }
            start = end + 1;
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * {@return DynamoDB's order of string key values}: by their UTF-8 bytes, unsigned, which is code point order.
     * It differs from {@link String#compareTo} for characters beyond U+FFFF, which Java stores as surrogates
     * (U+D800..U+DFFF) that sort below U+E000..U+FFFF; use it to merge results of several queries (shards) as
     * DynamoDB would have sorted them.
     */
    public static Comparator<String> byteOrder() {
        return BYTE_ORDER;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * {@return a string both templates can produce, if there is one}: a key that two entity types could both
     * write. Exact: the templates are regular languages (literal text, and placeholders matching any text
     * without the template's separator), and this searches their intersection.
     */
    Optional<String> overlap(KeyTemplate other) {
        int[] a = tokens();
        int[] b = other.tokens();
        int width = b.length + 1;
        int[] parent = new int[(a.length + 1) * width];
        int[] via = new int[parent.length]; // the code point read on the way in, or -1 for none
        Arrays.fill(parent, -2);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        parent[0] = -1;
        queue.add(0);
        while (!queue.isEmpty()) {
            int state = queue.poll();
            int i = state / width;
            int j = state % width;
            if (i == a.length && j == b.length) {
                StringBuilder witness = new StringBuilder();
                for (int s = state; parent[s] >= 0; s = parent[s]) {
                    if (via[s] >= 0) {
                        witness.appendCodePoint(via[s]);
                    }
                }
                return Optional.of(new StringBuilder(witness).reverse().toString());
            }
            boolean slotA = i < a.length && a[i] == SLOT;
            boolean slotB = j < b.length && b[j] == SLOT;
            if (slotA) {
                visit(queue, parent, via, state, (i + 1) * width + j, -1);
            }
            if (slotB) {
                visit(queue, parent, via, state, i * width + j + 1, -1);
            }
            if (i < a.length && j < b.length) {
                if (!slotA && !slotB && a[i] == b[j]) {
                    visit(queue, parent, via, state, (i + 1) * width + j + 1, a[i]);
                } else if (!slotA && slotB && a[i] != other.separator) {
                    visit(queue, parent, via, state, (i + 1) * width + j, a[i]);
                } else if (slotA && !slotB && b[j] != separator) {
                    visit(queue, parent, via, state, i * width + j + 1, b[j]);
                }
                // Both in a placeholder: reading a character leaves the state as it is, so it never helps.
            }
        }
        return Optional.empty();
    }

    private static final int SLOT = -1;

    /** The template as code points, each placeholder one {@link #SLOT}. */
    private int[] tokens() {
        StringBuilder literal = new StringBuilder();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                literal.append(separator);
            }
            Segment s = segments.get(i);
            literal.append(s.prefix());
            if (!s.literal()) {
                literal.codePoints().forEach(out::add);
                literal.setLength(0);
                out.add(SLOT);
                literal.append(s.suffix());
            }
        }
        literal.codePoints().forEach(out::add);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void visit(ArrayDeque<Integer> queue, int[] parent, int[] via, int from, int to, int codePoint) {
        if (parent[to] == -2) {
            parent[to] = from;
            via[to] = codePoint;
            queue.add(to);
        }
    }

    private Object required(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("key template \"" + pattern + "\" needs a value for {" + name + "}"
                    + (values.containsKey(name) ? ", not null" : "; given: " + values.keySet()));
        }
        return v;
    }

    /** The value's text in a key: verbatim, checked free of the separator. */
    private String text(String name, Object javaValue) {
        Value v;
        try {
            v = Value.of(javaValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key template \"" + pattern + "\", {" + name + "}: " + e.getMessage(), e);
        }
        String text = switch (v) {
            case Value.S(String s) -> s;
            case Value.N(java.math.BigDecimal n) -> n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
            case Value.B b -> throw notText(name, v);
            case Value.Bool b -> throw notText(name, v);
            case Value.Null x -> throw notText(name, v);
            case Value.L l -> throw notText(name, v);
            case Value.M m -> throw notText(name, v);
            case Value.SS s -> throw notText(name, v);
            case Value.NS s -> throw notText(name, v);
            case Value.BS s -> throw notText(name, v);
        };
        int at = text.indexOf(separator);
        if (at >= 0) {
            // the position, never the value: values are user data
            throw new IllegalArgumentException("key template \"" + pattern + "\": the value of {" + name + "} contains"
                    + " the separator " + describe(separator) + " (at index " + at + " of " + text.length()
                    + " characters); values are not escaped (that would break begins_with prefixes), so it cannot be"
                    + " part of a key");
        }
        return text;
    }

    private IllegalArgumentException notText(String name, Value v) {
        return new IllegalArgumentException("key template \"" + pattern + "\": the value of {" + name
                + "} is " + v.type() + "; a key is built from strings and numbers");
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    /** {@return whether the other object is a template of the same pattern and separator} */
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTemplate t && t.pattern.equals(pattern) && t.separator == separator;
    }

    /** {@return a hash of the pattern and separator} */
    @Override
    public int hashCode() {
        return pattern.hashCode() * 31 + separator;
    }

    /** {@return the pattern, and the separator if it is not {@code #}} */
    @Override
    public String toString() {
        return separator == DEFAULT_SEPARATOR ? pattern : pattern + " (separator " + describe(separator) + ")";
    }
}
