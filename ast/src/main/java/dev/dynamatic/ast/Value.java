package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.internal.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A DynamoDB value, one record per DynamoDB data type: {@code S N B BOOL NULL L M SS NS BS}.
 *
 * <p>Values check DynamoDB's rules when built: numbers keep at most 38 significant digits and a magnitude
 * from {@code 1E-130} to below {@code 1E+126} (nothing is rounded); sets are non-empty with unique members;
 * documents nest at most {@value Limits#MAX_NESTING} levels. Numbers are equal when numerically equal
 * ({@code 1.0} equals {@code 1}), as DynamoDB stores them. Build values with {@code Dsl.value(..)}.
 *
 * <p>Values are user data: {@code toString()} shows only the type ({@code <S>}), and messages about a value name
 * its type and position, unless values are shown for debugging ({@link Redaction}).
 */
public sealed interface Value extends Operand, PathOrValue
        permits Value.S, Value.N, Value.B, Value.Bool, Value.Null, Value.L, Value.M, Value.SS, Value.NS, Value.BS {

    /** DynamoDB's ten data types, by their wire names. */
    enum Type {
        /** String. */ S,
        /** Number. */ N,
        /** Binary. */ B,
        /** Boolean. */ BOOL,
        /** Null. */ NULL,
        /** List. */ L,
        /** Map. */ M,
        /** String set. */ SS,
        /** Number set. */ NS,
        /** Binary set. */ BS;

        /** {@return whether values of this type are scalars DynamoDB orders and keys on: S, N or B} */
        public boolean isScalar() {
            return this == S || this == N || this == B;
        }

        /** {@return whether this is a set type: SS, NS or BS} */
        public boolean isSet() {
            return this == SS || this == NS || this == BS;
        }
    }

    /** {@return the DynamoDB type of this value} */
    Type type();

    /**
     * Converts an everyday Java value, recursively: {@code String}, numbers, {@code Boolean}, {@link Bytes},
     * {@code byte[]}, {@code ByteBuffer}, enums (their {@code name()}), {@code UUID}, {@code Instant}
     * (fixed-width ISO-8601 UTC text), {@code Optional}, {@code List}, {@code Set} (a DynamoDB set typed by
     * its members), {@code Map<String,?>}, a {@code Value} (as is) and {@code null} (DynamoDB's NULL).
     *
     * @param javaValue the value to convert
     * @return the DynamoDB value
     * @throws IllegalArgumentException naming the type and position of anything that cannot be converted
     */
    static Value of(@Nullable Object javaValue) {
        return Conversions.toValue(javaValue, "");
    }

    /**
     * A string.
     *
     * @param value the text, possibly empty
     */
    record S(String value) implements Value {
        /** Checks the text is present. */
        public S {
            requireNonNull(value, "string value is null");
        }

        @Override
        public Type type() {
            return Type.S;
        }

        /** {@return {@code <S>}, or {@code S[value=…]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "S[value=" + value + "]" : "<S>";
        }
    }

    /**
     * A number within DynamoDB's precision and range.
     *
     * @param value the number; equality is numeric
     */
    record N(BigDecimal value) implements Value {
        /**
         * Checks precision (at most {@value Limits#MAX_NUMBER_DIGITS} significant digits) and magnitude
         * ({@code 1E-130} to below {@code 1E+126}); nothing is rounded.
         */
        public N {
            Numbers.check(requireNonNull(value, "number value is null"));
        }

        /**
         * {@return the number as DynamoDB text, normalised as DynamoDB stores it}: no trailing fraction zeros
         * ({@code 1.50} is {@code "1.5"}), plain digits for everyday magnitudes, scientific notation for very
         * large or very small ones (DynamoDB accepts both), so numerically equal numbers give equal text.
         */
        public String text() {
            return Numbers.text(value);
        }

        @Override
        public Type type() {
            return Type.N;
        }

        /** {@return {@code <N>}, or {@code N[value=…]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "N[value=" + value + "]" : "<N>";
        }

        /** {@return whether the other is a number of the same numeric value} */
        @Override
        public boolean equals(Object o) {
            return o instanceof N other && value.compareTo(other.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
        }
    }

    /**
     * A binary value.
     *
     * @param value the bytes, possibly empty
     */
    record B(Bytes value) implements Value {
        /** Checks the bytes are present. */
        public B {
            requireNonNull(value, "binary value is null");
        }

        @Override
        public Type type() {
            return Type.B;
        }

        /** {@return {@code <B>}, or {@code B[value=…]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "B[value=" + value + "]" : "<B>";
        }
    }

    /**
     * A boolean.
     *
     * @param value the boolean
     */
    record Bool(boolean value) implements Value {
        @Override
        public Type type() {
            return Type.BOOL;
        }

        /** {@return {@code <BOOL>}, or {@code Bool[value=…]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "Bool[value=" + value + "]" : "<BOOL>";
        }
    }

    /** DynamoDB's NULL: an attribute that is present with no value (unlike a missing attribute). */
    record Null() implements Value {
        @Override
        public Type type() {
            return Type.NULL;
        }
    }

    /**
     * A list of values of any types.
     *
     * @param values the elements, in order
     */
    record L(List<Value> values) implements Value {
        /** Copies the elements and checks the nesting depth. */
        public L {
            values = Checks.copyOf(values, "values");
            checkNesting(1 + maxDepth(values));
        }

        @Override
        public Type type() {
            return Type.L;
        }

        /** {@return {@code <L>}, or {@code L[values=[…]]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "L[values=" + values + "]" : "<L>";
        }
    }

    /**
     * A map from names to values of any types.
     *
     * @param values the entries, in insertion order
     */
    record M(Map<String, Value> values) implements Value {
        /** Copies the entries (keeping their order) and checks the nesting depth. */
        public M {
            requireNonNull(values, "values is null");
            LinkedHashMap<String, Value> copy = new LinkedHashMap<>(values.size() * 2);
            // map keys are names (of a document's attributes), not values: a message may show them
            values.forEach((k, v) -> {
                if (v == null) {
                    throw new NullPointerException("values[\"" + k + "\"] is null (use Dsl.nullValue())");
                }
                copy.put(requireNonNull(k, "values has a null key"), v);
            });
            values = Collections.unmodifiableMap(copy);
            checkNesting(1 + maxDepth(copy.values()));
        }

        @Override
        public Type type() {
            return Type.M;
        }

        /** {@return {@code <M>}, or {@code M[values={…}]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "M[values=" + values + "]" : "<M>";
        }
    }

    /**
     * A string set: non-empty, members unique, kept sorted so equal sets render identically.
     *
     * @param values the members
     */
    record SS(List<String> values) implements Value {
        /** Checks the set is non-empty with unique members and sorts it. */
        public SS {
            List<String> sorted = new ArrayList<>(Checks.requireElements(values, "values"));
            sorted.sort(null);
            checkSet("string set", values, sorted);
            values = List.copyOf(sorted);
        }

        @Override
        public Type type() {
            return Type.SS;
        }

        /** {@return {@code <SS>}, or {@code SS[values=[…]]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "SS[values=" + values + "]" : "<SS>";
        }
    }

    /**
     * A number set: non-empty, members numerically unique, kept sorted.
     *
     * @param values the members
     */
    record NS(List<N> values) implements Value {
        /** Checks the set is non-empty with numerically unique members and sorts it. */
        public NS {
            List<N> sorted = new ArrayList<>(Checks.requireElements(values, "values"));
            sorted.sort((a, b) -> a.value().compareTo(b.value()));
            checkSet("number set", values, sorted);
            values = List.copyOf(sorted);
        }

        @Override
        public Type type() {
            return Type.NS;
        }

        /** {@return {@code <NS>}, or {@code NS[values=[…]]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "NS[values=" + values + "]" : "<NS>";
        }
    }

    /**
     * A binary set: non-empty, members unique by content, kept sorted.
     *
     * @param values the members
     */
    record BS(List<Bytes> values) implements Value {
        /** Checks the set is non-empty with unique members and sorts it. */
        public BS {
            List<Bytes> sorted = new ArrayList<>(Checks.requireElements(values, "values"));
            sorted.sort(null);
            checkSet("binary set", values, sorted);
            values = List.copyOf(sorted);
        }

        @Override
        public Type type() {
            return Type.BS;
        }

        /** {@return {@code <BS>}, or {@code BS[values=[…]]} when values are shown ({@link Redaction})} */
        @Override
        public String toString() {
            return Redaction.showsValues() ? "BS[values=" + values + "]" : "<BS>";
        }
    }

    /**
     * Checks a set is non-empty with unique members; a duplicate is reported by the positions of its first two
     * occurrences in the members as given (the value itself only when values are shown).
     */
    private static void checkSet(String kind, List<?> given, List<?> sorted) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException(kind + " is empty; DynamoDB sets cannot be empty");
        }
        // sorted, so a duplicate is next to its twin (each order here is consistent with equals)
        for (int i = 1, n = sorted.size(); i < n; i++) {
            Object member = sorted.get(i);
            if (member.equals(sorted.get(i - 1))) {
                int first = given.indexOf(member);
                int second = given.subList(first + 1, given.size()).indexOf(member) + first + 1;
                throw new IllegalArgumentException(kind + " has the member " + Redaction.value(member)
                        + " twice (positions " + first + " and " + second + "); DynamoDB set members are unique");
            }
        }
    }

    private static int maxDepth(Collection<Value> values) {
        int max = 0;
        for (Value v : values) {
            max = Math.max(max, depth(v));
        }
        return max;
    }

    private static int depth(Value v) {
        return switch (v) {
            case L l -> 1 + maxDepth(l.values());
            case M m -> 1 + maxDepth(m.values().values());
            case S s -> 0;
            case N n -> 0;
            case B b -> 0;
            case Bool b -> 0;
            case Null x -> 0;
            case SS s -> 0;
            case NS s -> 0;
            case BS s -> 0;
        };
    }

    private static void checkNesting(int depth) {
        if (depth > Limits.MAX_NESTING) {
            throw new IllegalArgumentException(
                    "document nests " + depth + " levels deep; DynamoDB allows at most " + Limits.MAX_NESTING);
        }
    }
}
