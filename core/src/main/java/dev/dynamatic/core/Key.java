package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Value;
import java.util.Optional;

/**
 * The primary key of one item: a partition key value and, for tables with a sort key, a sort key value.
 *
 * <p>The attribute names come from the table's {@link KeySchema}. Key values are strings, numbers or
 * binary, used verbatim.
 *
 * @param partition the partition key value
 * @param sort the sort key value, for tables that have one
 */
public record Key(Value partition, Optional<Value> sort) {

    /** Checks both values are of a key type (string, number or binary). */
    public Key {
        checkKeyValue(requireNonNull(partition, "partition key value is null"), "partition");
        requireNonNull(sort, "sort is null (use Optional.empty())");
        sort.ifPresent(s -> checkKeyValue(s, "sort"));
    }

    /**
     * {@return the key of an item in a table without a sort key}, the value converted as by {@code Value.of}
     *
     * @param partition the partition key value: a string, a number or binary
     */
    public static Key of(Object partition) {
        return new Key(Value.of(partition), Optional.empty());
    }

    /**
     * {@return the key of an item in a table with a sort key}, the values converted as by {@code Value.of}
     *
     * @param partition the partition key value: a string, a number or binary
     * @param sort the sort key value: a string, a number or binary
     */
    public static Key of(Object partition, Object sort) {
        return new Key(Value.of(partition), Optional.of(Value.of(sort)));
    }

    /**
     * {@return the key's types, never its values}, e.g. {@code Key[<S>, <N>]}: key values may be personal data, and
     * a key shows up in the text of the specs and results that hold it; the values only when switched on with
     * {@link Redaction} for local debugging
     */
    @Override
    public String toString() {
        return "Key[" + Redaction.value(partition) + sort.map(s -> ", " + Redaction.value(s)).orElse("") + "]";
    }

    static void checkKeyValue(Value v, String role) {
        if (!v.type().isScalar()) {
            reject(v, role);
        }
    }

    private static void reject(Value v, String role) {
        throw new IllegalArgumentException("a " + role + " key value is a string, number or binary, not " + v.type());
    }
}
