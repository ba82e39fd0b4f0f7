package dev.dynamatic.ast;

import dev.dynamatic.ast.internal.Numbers;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Converts everyday Java values to {@link Value}s, naming the position of anything it cannot convert. A
 * position is the text a caller gave or an {@link At} under it, spelled out only for an error message.
 */
final class Conversions {

    /**
     * Fixed-width ISO-8601 UTC with nine fraction digits, so that text order is time order
     * ({@code Instant.toString()} drops zero fractions, and {@code "…:00Z"} would sort after {@code "…:00.5Z"}).
     */
    static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final Instant MIN_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Conversions() {
    }

    static Value toValue(@Nullable Object o, Object position) {
        return toValue(o, position, 0);
    }

    /** Converts at the given nesting depth, refusing to go deeper than DynamoDB stores (and the stack allows). */
    private static Value toValue(@Nullable Object o, Object position, int depth) {
        return switch (o) {
            case null -> new Value.Null();
            case Value v -> v;
            case String s -> new Value.S(s);
            case Boolean b -> new Value.Bool(b);
            case Number n -> number(n, position);
            case Bytes b -> new Value.B(b);
            case byte[] a -> new Value.B(Bytes.of(a));
            case ByteBuffer buffer -> new Value.B(Bytes.of(buffer));
            case Enum<?> e -> new Value.S(e.name());
            case UUID u -> new Value.S(u.toString());
            case Instant i -> new Value.S(instant(i));
            case Optional<?> opt -> toValue(opt.orElse(null), position, depth);
            case java.util.Set<?> set -> set(set, position);
            case List<?> list -> list(list, position, depth + 1);
            case Map<?, ?> map -> map(map, position, depth + 1);
            default -> throw new IllegalArgumentException("cannot convert a value of type " + o.getClass().getName()
                    + " at " + where(position) + " to a DynamoDB value; supported: String, Number, Boolean, Bytes,"
                    + " byte[], ByteBuffer, Enum, UUID, Instant, Optional, List, Set, Map<String,?>, Value, null");
        };
    }

    /** {@return the number as a DynamoDB number}, a rule it breaks reported with its position */
    static Value.N number(Number n, Object position) {
        try {
            return new Value.N(Numbers.decimal(n));
        } catch (IllegalArgumentException e) {
            throw at(position, e);
        }
    }

    /**
     * {@return the number as a DynamoDB number}, a member of a set: its position ({@code parent{index}}) is made only
     * when the number breaks a rule, so that converting a set allocates nothing per member for it
     */
    static Value.N setMember(Number n, Object parent, int index) {
        try {
            return new Value.N(Numbers.decimal(n));
        } catch (IllegalArgumentException e) {
            throw at(new At(parent, null, index, '{'), e);
        }
    }

    /** {@return the exception with the position it happened at in front of its message} (none at the top level) */
    private static IllegalArgumentException at(Object position, IllegalArgumentException e) {
        String where = position.toString();
        return where.isEmpty() ? e : new IllegalArgumentException("at " + where + ": " + e.getMessage(), e);
    }

    static String instant(Instant instant) {
        if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
            throw new IllegalArgumentException("instant " + Redaction.value(instant)
                    + " is outside years 0000-9999, where ISO-8601 text no longer sorts in time order");
        }
        return INSTANT_TEXT.format(instant);
    }

    static Value.L list(Collection<?> list, Object position) {
        return list(list, position, 1);
    }

    private static Value.L list(Collection<?> list, Object position, int depth) {
        checkDepth(depth, position);
        List<Value> values = new ArrayList<>(list.size());
        int i = 0;
        for (Object element : list) {
            values.add(toValue(element, new At(position, null, i++, '['), depth));
        }
        return new Value.L(values);
    }

    static Value.M map(Map<?, ?> map, Object position) {
        return map(map, position, 1);
    }

    private static Value.M map(Map<?, ?> map, Object position, int depth) {
        checkDepth(depth, position);
        LinkedHashMap<String, Value> values = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("a map key at " + where(position) + " is "
                        + (e.getKey() == null ? "null" : "a " + e.getKey().getClass().getName()
                        + (Redaction.showsValues() ? " (" + e.getKey() + ")" : ""))
                        + "; DynamoDB map keys are strings");
            }
            values.put(key, toValue(e.getValue(), new At(position, key, 0, '.'), depth));
        }
        return new Value.M(values);
    }

    /** A Java set becomes a DynamoDB set, typed by its members: all strings, all numbers or all binary. */
    static Value set(java.util.Set<?> set, Object position) {
        if (set.isEmpty()) {
            throw new IllegalArgumentException("set at " + where(position) + " is empty; DynamoDB sets cannot be empty");
        }
        Object first = set.iterator().next();
        int i = 0;
        if (first instanceof String || first instanceof Enum<?> || first instanceof UUID) {
            List<String> members = new ArrayList<>(set.size());
            for (Object m : set) {
                int at = i++;
                if (m instanceof String s) {
                    members.add(s); // the common case, taken as it is: no Value.S and no position made for it
                } else if (toValue(m, new At(position, null, at, '{')) instanceof Value.S(String s)) {
                    members.add(s);
                } else {
                    throw mixed(position, m);
                }
            }
            return new Value.SS(members);
        }
        if (first instanceof Number) {
            List<Value.N> members = new ArrayList<>(set.size());
            for (Object m : set) {
                if (!(m instanceof Number n)) {
                    throw mixed(position, m);
                }
                members.add(setMember(n, position, i++));
            }
            return new Value.NS(members);
        }
        if (first instanceof Bytes || first instanceof byte[] || first instanceof ByteBuffer) {
            List<Bytes> members = new ArrayList<>(set.size());
            for (Object m : set) {
                int at = i++;
                if (m instanceof Bytes b) {
                    members.add(b); // as for strings: no Value.B and no position made for it
                } else if (toValue(m, new At(position, null, at, '{')) instanceof Value.B(Bytes b)) {
                    members.add(b);
                } else {
                    throw mixed(position, m);
                }
            }
            return new Value.BS(members);
        }
        throw new IllegalArgumentException("set at " + where(position) + " holds a "
                + (first == null ? "null" : first.getClass().getName())
                + "; DynamoDB sets hold strings, numbers or binary only");
    }

    private static void checkDepth(int depth, Object position) {
        if (depth > Limits.MAX_NESTING) {
            throw new IllegalArgumentException("document at " + where(position) + " nests more than "
                    + Limits.MAX_NESTING + " levels deep; DynamoDB allows at most " + Limits.MAX_NESTING);
        }
    }

    private static IllegalArgumentException mixed(Object position, Object member) {
        return new IllegalArgumentException("set at " + where(position) + " mixes types (found "
                + (member == null ? "null" : member.getClass().getName())
                + "); a DynamoDB set holds strings only, numbers only or binary only");
    }

    private static String where(Object position) {
        String text = position.toString();
        return text.isEmpty() ? "the top level" : text;
    }

    /**
     * A position inside a converted document: a map key ({@code kind} '.'), a list element ('[') or a set
     * member ('{') under its parent's position (an {@code At} or the text a caller gave). Its text is built
     * only when an error names it.
     */
    record At(Object parent, @Nullable String key, int index, char kind) {
        @Override
        public String toString() {
            String p = parent.toString();
            return switch (kind) {
                // a map key's position always has its key
                case '.' -> p.isEmpty() ? Objects.requireNonNull(key) : p + "." + key;
                case '[' -> p + "[" + index + "]";
                default -> p + "{" + index + "}";
            };
        }
    }
}
