package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition, as used by {@code ConditionExpression} and {@code FilterExpression}.
 *
 * <p>{@link And} and {@link Or} are n-ary and flat: an {@code And} inside an {@code And} is merged into
 * its parent when built, so equal logical structure gives equal trees.
 */
public sealed interface Condition permits Condition.Comparison, Condition.Between, Condition.In, Condition.And,
        Condition.Or, Condition.Not, Condition.AttributeExists, Condition.AttributeNotExists,
        Condition.AttributeType, Condition.BeginsWith, Condition.Contains {

    /** A comparison operator. */
    enum Comparator {
        /** {@code =} */ EQ("="),
        /** {@code <>} */ NE("<>"),
        /** {@code <} */ LT("<"),
        /** {@code <=} */ LE("<="),
        /** {@code >} */ GT(">"),
        /** {@code >=} */ GE(">=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        /** {@return the operator as DynamoDB writes it} */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * {@code left op right}.
     *
     * @param left the left side
     * @param comparator the operator
     * @param right the right side
     */
    record Comparison(Comparand left, Comparator comparator, Comparand right) implements Condition {
        /** Checks all parts are present. */
        public Comparison {
            requireNonNull(left, "left is null");
            requireNonNull(comparator, "comparator is null");
            requireNonNull(right, "right is null");
        }
    }

    /**
     * {@code operand BETWEEN low AND high} (inclusive).
     *
     * @param operand what is tested
     * @param low the lower bound
     * @param high the upper bound
     */
    record Between(Comparand operand, Comparand low, Comparand high) implements Condition {
        /** Checks all parts are present. */
        public Between {
            requireNonNull(operand, "operand is null");
            requireNonNull(low, "low is null");
            requireNonNull(high, "high is null");
        }
    }

    /**
     * {@code operand IN (candidates...)}.
     *
     * @param operand what is tested
     * @param candidates 1 to {@value Limits#MAX_IN_OPERANDS} candidates
     */
    record In(Comparand operand, List<Comparand> candidates) implements Condition {
        /** Checks the operand and the number of candidates (1 to 100). */
        public In {
            requireNonNull(operand, "operand is null");
            candidates = List.copyOf(requireNonNull(candidates, "candidates is null"));
            if (candidates.isEmpty() || candidates.size() > Limits.MAX_IN_OPERANDS) {
                throw new IllegalArgumentException("IN has " + candidates.size()
                        + " candidates; DynamoDB takes 1 to " + Limits.MAX_IN_OPERANDS);
            }
        }
    }

    /**
     * {@code c1 AND c2 AND ...}, flat: nested {@code And}s are merged into this one.
     *
     * @param conditions at least two conditions, none of them an {@code And}
     */
    record And(List<Condition> conditions) implements Condition {
        /** Flattens nested {@code And}s and checks there are at least two conditions. */
        public And {
            conditions = flatten(conditions, true);
        }
    }

    /**
     * {@code c1 OR c2 OR ...}, flat: nested {@code Or}s are merged into this one.
     *
     * @param conditions at least two conditions, none of them an {@code Or}
     */
    record Or(List<Condition> conditions) implements Condition {
        /** Flattens nested {@code Or}s and checks there are at least two conditions. */
        public Or {
            conditions = flatten(conditions, false);
        }
    }

    /**
     * {@return the conditions of an AND (or OR) with nested ANDs (ORs) merged in, as an immutable list}; a
     * list that needs no merging is copied once (not at all if it is already immutable)
     */
    private static List<Condition> flatten(List<Condition> conditions, boolean and) {
        requireNonNull(conditions, "conditions is null");
        boolean nested = false;
        for (int i = 0, n = conditions.size(); i < n; i++) {
            Condition c = requireNonNull(conditions.get(i), "condition is null");
            nested |= and ? c instanceof And : c instanceof Or;
        }
        List<Condition> flat = conditions;
        if (nested) {
            flat = new ArrayList<>();
            for (Condition c : conditions) {
                if (c instanceof And(List<Condition> inner) && and) {
                    flat.addAll(inner);
                } else if (c instanceof Or(List<Condition> inner) && !and) {
                    flat.addAll(inner);
                } else {
                    flat.add(c);
                }
            }
        }
        if (flat.size() < 2) {
            throw new IllegalArgumentException((and ? "AND" : "OR") + " needs at least two conditions, got "
                    + flat.size());
        }
        return List.copyOf(flat);
    }

    /**
     * {@code NOT condition}.
     *
     * @param condition the negated condition
     */
    record Not(Condition condition) implements Condition {
        /** Checks the condition is present. */
        public Not {
            requireNonNull(condition, "condition is null");
        }
    }

    /**
     * {@code attribute_exists(path)}.
     *
     * @param path the attribute
     */
    record AttributeExists(Path path) implements Condition {
        /** Checks the path is present. */
        public AttributeExists {
            requireNonNull(path, "path is null");
        }
    }

    /**
     * {@code attribute_not_exists(path)}.
     *
     * @param path the attribute
     */
    record AttributeNotExists(Path path) implements Condition {
        /** Checks the path is present. */
        public AttributeNotExists {
            requireNonNull(path, "path is null");
        }
    }

    /**
     * {@code attribute_type(path, :type)}.
     *
     * @param path the attribute
     * @param type the DynamoDB type it must have
     */
    record AttributeType(Path path, Value.Type type) implements Condition {
        /** Checks both parts are present. */
        public AttributeType {
            requireNonNull(path, "path is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * {@code begins_with(path, prefix)}: a string or binary attribute starts with the prefix.
     *
     * @param path the attribute
     * @param prefix a string or binary value, or a path to one
     */
    record BeginsWith(Path path, Comparand prefix) implements Condition {
        /** Checks the prefix is a value or path of string or binary type (never {@code size(..)}). */
        public BeginsWith {
            requireNonNull(path, "path is null");
            requireNonNull(prefix, "prefix is null");
            if (prefix instanceof Comparand.Size) {
                throw new IllegalArgumentException("begins_with(" + path + ", size(..)): the prefix must be a string"
                        + " or binary value or a path, not a size");
            }
            if (prefix instanceof Value v && v.type() != Value.Type.S && v.type() != Value.Type.B) {
                throw new IllegalArgumentException("begins_with(" + path + ", ..): the prefix is of type " + v.type()
                        + "; DynamoDB's begins_with takes a string or binary");
            }
        }
    }

    /**
     * {@code contains(path, operand)}: a string contains a substring, or a set or list contains an element.
     *
     * @param path the attribute
     * @param operand the substring or element
     */
    record Contains(Path path, Comparand operand) implements Condition {
        /** Checks both parts are present. */
        public Contains {
            requireNonNull(path, "path is null");
            requireNonNull(operand, "operand is null");
        }
    }
}
