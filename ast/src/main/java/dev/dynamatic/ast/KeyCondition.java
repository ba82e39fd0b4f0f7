package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A Query key condition: the partition key equal to a value, and at most one condition on the sort key.
 *
 * <p>This is all DynamoDB allows: no {@code OR}, {@code NOT}, {@code IN}, {@code <>}, other functions or
 * nested paths, and so none of them can be built. Key attribute names are top-level names, taken verbatim.
 *
 * @param partitionKey the partition key attribute name
 * @param partitionValue the value it must equal (a string, number or binary)
 * @param sortKey the condition on the sort key, if any
 */
public record KeyCondition(String partitionKey, Value partitionValue, Optional<SortKeyCondition> sortKey) {

    /** Checks the names and that the value is of a key type, and that the sort key is another attribute. */
    public KeyCondition {
        checkName(partitionKey, "partitionKey", "partition key");
        checkKeyValue(partitionKey, partitionValue, "partitionValue");
        requireNonNull(sortKey, "sortKey is null (use Optional.empty())");
        if (sortKey.isPresent() && sortKey.get().name().equals(partitionKey)) {
            throw new IllegalArgumentException("key condition names \"" + partitionKey
                    + "\" as both partition key and sort key");
        }
    }

    /**
     * {@return a key condition on this partition with the given sort-key condition}; DynamoDB takes one condition
     * on the sort key, so this key condition must not have one yet
     *
     * @param sortKeyCondition the sort key's condition
     * @throws IllegalStateException if this key condition has a sort-key condition already (a second one would
     *         not narrow the query but replace the first)
     */
    public KeyCondition and(SortKeyCondition sortKeyCondition) {
        requireNonNull(sortKeyCondition, "sortKeyCondition is null");
        if (sortKey.isPresent()) {
            throw new IllegalStateException("the key condition has a sort-key condition on \"" + sortKey.get().name()
                    + "\" already; DynamoDB takes at most one, so a second (on \"" + sortKeyCondition.name()
                    + "\") is not added: build the key condition from partitionKey(..) with the one you want");
        }
        return new KeyCondition(partitionKey, partitionValue, Optional.of(sortKeyCondition));
    }

    /** A condition on the sort key. */
    public sealed interface SortKeyCondition permits Comparison, Between, BeginsWith {
        /** {@return the sort key attribute name} */
        String name();
    }

    /**
     * {@code sk op value} for one of {@code = < <= > >=} ({@code <>} is not allowed on a key).
     *
     * @param name the sort key attribute name
     * @param comparator the operator, not {@code NE}
     * @param value a string, number or binary
     */
    public record Comparison(String name, Condition.Comparator comparator, Value value) implements SortKeyCondition {
        /** Checks the operator is allowed on a sort key and the value is of a key type. */
        public Comparison {
            checkName(name, "name", "sort key");
            requireNonNull(comparator, "comparator is null");
            if (comparator == Condition.Comparator.NE) {
                throw new IllegalArgumentException("sort key \"" + name
                        + "\": <> is not allowed in a key condition (use a filter)");
            }
            checkKeyValue(name, value, "value");
        }
    }

    /**
     * {@code sk BETWEEN low AND high}.
     *
     * @param name the sort key attribute name
     * @param low the lower bound, inclusive
     * @param high the upper bound, inclusive
     */
    public record Between(String name, Value low, Value high) implements SortKeyCondition {
        /** Checks both bounds are of one key type. */
        public Between {
            checkName(name, "name", "sort key");
            checkKeyValue(name, low, "low");
            checkKeyValue(name, high, "high");
            if (low.type() != high.type()) {
                throw new IllegalArgumentException("sort key \"" + name + "\": BETWEEN bounds are of different types, "
                        + low.type() + " and " + high.type());
            }
        }
    }

    /**
     * {@code begins_with(sk, prefix)}.
     *
     * @param name the sort key attribute name
     * @param prefix a string or binary prefix
     */
    public record BeginsWith(String name, Value prefix) implements SortKeyCondition {
        /** Checks the prefix is a string or binary. */
        public BeginsWith {
            checkName(name, "name", "sort key");
            requireNonNull(prefix, "prefix is null");
            if (prefix.type() != Value.Type.S && prefix.type() != Value.Type.B) {
                throw new IllegalArgumentException("sort key \"" + name + "\": begins_with takes a string or binary"
                        + " prefix, not " + prefix.type());
            }
        }
    }

    /**
     * The sort key, named, ready to be given a condition: {@code sortKey("SK").beginsWith(value("ADDR#"))}.
     *
     * @param name the sort key attribute name
     */
    public record SortKey(String name) {
        /** Checks the name. */
        public SortKey {
            checkName(name, "name", "sort key");
        }

        /**
         * {@return {@code sk = value}}
         *
         * @param value the value the sort key is compared with
         */
        public Comparison eq(Value value) {
            return new Comparison(name, Condition.Comparator.EQ, value);
        }

        /**
         * {@return {@code sk < value}}
         *
         * @param value the value the sort key is compared with
         */
        public Comparison lt(Value value) {
            return new Comparison(name, Condition.Comparator.LT, value);
        }

        /**
         * {@return {@code sk <= value}}
         *
         * @param value the value the sort key is compared with
         */
        public Comparison le(Value value) {
            return new Comparison(name, Condition.Comparator.LE, value);
        }

        /**
         * {@return {@code sk > value}}
         *
         * @param value the value the sort key is compared with
         */
        public Comparison gt(Value value) {
            return new Comparison(name, Condition.Comparator.GT, value);
        }

        /**
         * {@return {@code sk >= value}}
         *
         * @param value the value the sort key is compared with
         */
        public Comparison ge(Value value) {
            return new Comparison(name, Condition.Comparator.GE, value);
        }

        /**
         * {@return {@code sk BETWEEN low AND high}}
         *
         * @param low the lower bound, inclusive
         * @param high the upper bound, inclusive
         */
        public Between between(Value low, Value high) {
            return new Between(name, low, high);
        }

        /**
         * {@return {@code begins_with(sk, prefix)}}
         *
         * @param prefix the prefix
         */
        public BeginsWith beginsWith(Value prefix) {
            return new BeginsWith(name, prefix);
        }
    }

    /**
     * The sort key named by a typed reference, ready to be given a condition whose values are of the reference's Java
     * type: {@code sortKey(OrderAttributes.placedAt).ge(Instant.parse("2026-01-01T00:00:00Z"))}. A number sort key
     * has no {@code beginsWith} (DynamoDB allows it only on strings and binary); {@link PrefixSortKey} adds it for
     * those.
     *
     * @param <T> the Java type of the sort key's values
     */
    public static sealed class TypedSortKey<T> permits PrefixSortKey {
        private final ScalarRef<T> ref;
        private final String name;

        // the conditions are built here, not through a SortKey: a typed sort key allocates no more than
        // sortKey("SK") does, and each condition's constructor checks the name
        TypedSortKey(ScalarRef<T> ref, String name) {
            this.ref = ref;
            this.name = name;
        }

        /** {@return the sort key attribute name} */
        public final String name() {
            return name;
        }

        /**
         * {@return {@code sk = value}}
         *
         * @param value the value the sort key is compared with
         */
        public final Comparison eq(T value) {
            return new Comparison(name, Condition.Comparator.EQ, value(value, "value"));
        }

        /**
         * {@return {@code sk < value}}
         *
         * @param value the value the sort key is compared with
         */
        public final Comparison lt(T value) {
            return new Comparison(name, Condition.Comparator.LT, value(value, "value"));
        }

        /**
         * {@return {@code sk <= value}}
         *
         * @param value the value the sort key is compared with
         */
        public final Comparison le(T value) {
            return new Comparison(name, Condition.Comparator.LE, value(value, "value"));
        }

        /**
         * {@return {@code sk > value}}
         *
         * @param value the value the sort key is compared with
         */
        public final Comparison gt(T value) {
            return new Comparison(name, Condition.Comparator.GT, value(value, "value"));
        }

        /**
         * {@return {@code sk >= value}}
         *
         * @param value the value the sort key is compared with
         */
        public final Comparison ge(T value) {
            return new Comparison(name, Condition.Comparator.GE, value(value, "value"));
        }

        /**
         * {@return {@code sk BETWEEN low AND high}}
         *
         * @param low the lower bound, inclusive
         * @param high the upper bound, inclusive
         */
        public final Between between(T low, T high) {
            return new Between(name, value(low, "low"), value(high, "high"));
        }

        /** {@return the DynamoDB value of a Java value}, a null one reported by its parameter's name */
        private Value value(T value, String name) {
            if (value == null) {
                throw new NullPointerException(name + " is null");
            }
            return ref.value(value);
        }

        @Override
        public String toString() {
            return "sort key " + ref;
        }
    }

    /**
     * A typed sort key of a string or binary attribute, which also takes {@code begins_with}:
     * {@code sortKey(OrderAttributes.placedAt).beginsWith("2026-12")}.
     *
     * @param <T> the Java type of the sort key's values
     * @param <P> the prefix's type: {@code String} for a string attribute (whatever its Java type), {@code Bytes} for
     *            a binary one
     */
    public static final class PrefixSortKey<T, P> extends TypedSortKey<T> {
        PrefixSortKey(ScalarRef<T> ref, String name) {
            super(ref, name);
        }

        /**
         * {@return {@code begins_with(sk, prefix)}}
         *
         * @param prefix the prefix: a string for a string attribute, {@code Bytes} for a binary one
         */
        public BeginsWith beginsWith(P prefix) {
            requireNonNull(prefix, "prefix is null");
            return new BeginsWith(name(), prefix instanceof Bytes b ? new Value.B(b) : new Value.S((String) prefix));
        }
    }

    private static void checkName(String name, String parameter, String role) {
        if (name == null) {
            throw new NullPointerException(parameter + " (the " + role + " name) is null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException(role + " name is empty");
        }
    }

    private static void checkKeyValue(String name, Value value, String parameter) {
        if (value == null) {
            throw new NullPointerException(parameter + " (a value for key \"" + name + "\") is null");
        }
        if (!value.type().isScalar()) {
            rejectKeyType(name, value);
        }
    }

    private static void rejectKeyType(String name, Value value) {
        throw new IllegalArgumentException("key \"" + name + "\": a key value is a string, number or binary, not "
                + value.type());
    }
}
