package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition, as used by {@code ConditionExpression} and {@code FilterExpression}.
 *
 * <p>{@link And} and {@link Or} are n-ary and flat: an {@code And} inside an {@code And} is merged into
 * its parent when built, so equal logical structure gives equal trees. {@code NOT}, {@code AND} and {@code OR}
 * nest no deeper than a 4 KB expression can hold ({@link Limits#MAX_CONDITION_DEPTH}: 681 {@code NOT}s, or 314
 * {@code AND}s and {@code OR}s); a deeper condition is rejected when it is built.
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
            candidates = Checks.copyOf(candidates, "candidates");
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

        @Override
        public boolean equals(Object o) {
            return o instanceof And other && equal(conditions, other.conditions);
        }

        @Override
        public int hashCode() {
            return hash(0x414e44, conditions); // seeded with "AND", so that AND and OR of the same conditions differ
        }

        @Override
        public String toString() {
            return text(this);
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

        @Override
        public boolean equals(Object o) {
            return o instanceof Or other && equal(conditions, other.conditions);
        }

        @Override
        public int hashCode() {
            return hash(0x4f52, conditions); // "OR"
        }

        @Override
        public String toString() {
            return text(this);
        }
    }

    /**
     * {@return the conditions of an AND (or OR) with nested ANDs (ORs) merged in, as an immutable list}; a
     * list that needs no merging is copied once (not at all if it is already immutable)
     */
    private static List<Condition> flatten(List<Condition> conditions, boolean and) {
        requireNonNull(conditions, "conditions is null");
        boolean nested = false;
        int nesting = 0;
        for (int i = 0, n = conditions.size(); i < n; i++) {
            Condition c = conditions.get(i);
            if (c == null) {
                throw new NullPointerException("conditions[" + i + "] is null");
            }
            boolean merged = and ? c instanceof And : c instanceof Or;
            nested |= merged;
            // a merged AND (OR) brings its own conditions up into this one, at the level it had itself
            nesting = Math.max(nesting, merged ? nesting(c) : Checks.AND_OR_BYTES + nesting(c));
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
        checkNesting(nesting);
        return List.copyOf(flat);
    }

    // ---- how deep conditions nest: no deeper than a 4 KB expression can hold (Limits.MAX_CONDITION_DEPTH)

    /**
     * {@return the least text, in bytes, that the NOT, AND and OR levels on the condition's deepest path add to its
     * rendering}: 6 for each NOT, 13 for each AND or OR
     */
    private static int nesting(Condition c) {
        // recursion is bounded (every condition built has passed checkNesting), and NOT chains take none
        int bytes = 0;
        while (c instanceof Not(Condition inner)) {
            bytes += Checks.NOT_BYTES;
            c = inner;
        }
        return bytes + switch (c) {
            case Not x -> throw new IllegalStateException("unreachable: NOTs were unwrapped");
            case And(List<Condition> all) -> Checks.AND_OR_BYTES + maxNesting(all);
            case Or(List<Condition> any) -> Checks.AND_OR_BYTES + maxNesting(any);
            case Comparison x -> 0;
            case Between x -> 0;
            case In x -> 0;
            case AttributeExists x -> 0;
            case AttributeNotExists x -> 0;
            case AttributeType x -> 0;
            case BeginsWith x -> 0;
            case Contains x -> 0;
        };
    }

    private static int maxNesting(List<Condition> conditions) {
        int max = 0;
        for (int i = 0, n = conditions.size(); i < n; i++) {
            max = Math.max(max, nesting(conditions.get(i)));
        }
        return max;
    }

    private static void checkNesting(int bytes) {
        if (Checks.LEAF_BYTES + bytes > Limits.MAX_EXPRESSION_BYTES) {
            throw new IllegalArgumentException("the condition nests NOT, AND and OR too deep for DynamoDB: its text"
                    + " would be at least " + (Checks.LEAF_BYTES + bytes) + " bytes (9 for a comparison, 6 more for each NOT"
                    + " and 13 for each AND or OR on its deepest path), over the 4 KB expression limit; see"
                    + " Limits.MAX_CONDITION_DEPTH");
        }
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
            checkNesting(Checks.NOT_BYTES + nesting(condition));
        }

        @Override
        public boolean equals(Object o) {
            // a chain of NOTs is compared in a loop: the deepest trees are NOT chains
            Condition a = this;
            Object b = o;
            while (a instanceof Not(Condition x) && b instanceof Not(Condition y)) {
                a = x;
                b = y;
            }
            return !(a instanceof Not) && a.equals(b);
        }

        @Override
        public int hashCode() {
            int nots = 0;
            Condition c = this;
            while (c instanceof Not(Condition inner)) {
                nots++;
                c = inner;
            }
            int h = c.hashCode();
            for (int i = 0; i < nots; i++) {
                h = 31 * h + 0x4e4f54; // "NOT"
            }
            return h;
        }

        @Override
        public String toString() {
            return text(this);
        }
    }

    // ---- equals, hashCode and toString of NOT, AND and OR, written out. The methods records generate go through
    // several method-handle frames per level: for a tree at the depth bound, interpreted (as cold code is), they
    // needed more than a thread's default 1 MB of stack. These take one or two small frames per level.

    private static boolean equal(List<Condition> a, List<Condition> b) {
        int n = a.size();
        if (n != b.size()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(int seed, List<Condition> conditions) {
        int h = seed;
        for (int i = 0, n = conditions.size(); i < n; i++) {
            h = 31 * h + conditions.get(i).hashCode();
        }
        return h;
    }

    /** {@return the record-style text of a condition}, e.g. {@code Not[condition=And[conditions=[…, …]]]} */
    private static String text(Condition c) {
        StringBuilder sb = new StringBuilder(64);
        append(sb, c);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Condition c) {
        switch (c) {
            case Not x -> {
                int nots = 0;
                Condition inner = c;
                while (inner instanceof Not(Condition next)) {
                    sb.append("Not[condition=");
                    nots++;
                    inner = next;
                }
                append(sb, inner);
                sb.repeat(']', nots);
            }
            case And(List<Condition> conditions) -> append(sb, "And[conditions=[", conditions);
            case Or(List<Condition> conditions) -> append(sb, "Or[conditions=[", conditions);
            // the others hold no condition: their own text (paths and values, redacted) is shallow
            case Comparison x -> sb.append(x);
            case Between x -> sb.append(x);
            case In x -> sb.append(x);
            case AttributeExists x -> sb.append(x);
            case AttributeNotExists x -> sb.append(x);
            case AttributeType x -> sb.append(x);
            case BeginsWith x -> sb.append(x);
            case Contains x -> sb.append(x);
        }
    }

    private static void append(StringBuilder sb, String head, List<Condition> conditions) {
        sb.append(head);
        for (int i = 0, n = conditions.size(); i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, conditions.get(i));
        }
        sb.append("]]");
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
     * {@code attribute_type(operand, :type)}: the operand, an attribute ({@code attribute_type(a, :t)}) or a value
     * ({@code attribute_type(:v, :t)}), is of the type. The type is always sent as a value holding its name.
     *
     * @param operand the attribute, or a value
     * @param type the DynamoDB type it must have
     */
    record AttributeType(PathOrValue operand, Value.Type type) implements Condition {
        /** Checks both parts are present. */
        public AttributeType {
            requireNonNull(operand, "operand is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * {@code begins_with(text, prefix)}: a string (or binary) starts with the prefix. Either may be an attribute or a
     * value ({@code begins_with(a, :p)}, {@code begins_with(:s, a)}, {@code begins_with(a, b)}); a value must be a
     * string or binary. An attribute of another type makes the condition false, not invalid.
     *
     * @param text the string or binary looked into
     * @param prefix the string or binary it must start with
     */
    record BeginsWith(PathOrValue text, PathOrValue prefix) implements Condition {
        /** Checks both operands are present, and that a value among them is a string or binary. */
        public BeginsWith {
            requireNonNull(text, "text is null");
            requireNonNull(prefix, "prefix is null");
            checkStringOrBinary(text, "first");
            checkStringOrBinary(prefix, "second");
        }

        private static void checkStringOrBinary(PathOrValue operand, String position) {
            if (operand instanceof Value v && v.type() != Value.Type.S && v.type() != Value.Type.B) {
                throw new IllegalArgumentException("begins_with: its " + position + " operand is a value of type "
                        + v.type() + "; a value operand of begins_with is a string (S) or binary (B)");
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
