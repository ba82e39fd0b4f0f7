package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * An operand of a {@code SET} value: a path, a value, {@code if_not_exists(..)} or {@code list_append(..)}.
 *
 * <p>Conditions compare a different set of things ({@link Comparand}); the two grammars are kept apart so
 * that {@code eq(ifNotExists(..), ..)} does not compile. {@code if_not_exists} and {@code list_append} nest at most
 * {@value Limits#MAX_OPERAND_DEPTH} levels deep, the most a 4 KB expression can hold
 * ({@link Limits#MAX_OPERAND_DEPTH}); a deeper operand is rejected when it is built.
 */
public sealed interface Operand extends SetValue permits Path, Value, Operand.IfNotExists, Operand.ListAppend {

    /**
     * {@code if_not_exists(path, fallback)}: the attribute at {@code path}, or {@code fallback} if it is absent.
     *
     * @param path the attribute to read
     * @param fallback the operand used when the attribute does not exist
     */
    record IfNotExists(Path path, Operand fallback) implements Operand {
        /** Checks both parts are present. */
        public IfNotExists {
            requireNonNull(path, "path is null");
            requireNonNull(fallback, "fallback is null");
            checkDepth(1 + depth(fallback));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IfNotExists other && path.equals(other.path) && fallback.equals(other.fallback);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + fallback.hashCode();
        }

        @Override
        public String toString() {
            return text(this);
        }
    }

    /**
     * {@code list_append(first, second)}: the elements of {@code first} followed by those of {@code second}.
     *
     * @param first the list whose elements come first
     * @param second the list whose elements come second
     */
    record ListAppend(Operand first, Operand second) implements Operand {
        /** Checks both lists are present. */
        public ListAppend {
            requireNonNull(first, "first is null");
            requireNonNull(second, "second is null");
            checkDepth(1 + Math.max(depth(first), depth(second)));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ListAppend other && first.equals(other.first) && second.equals(other.second);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * first.hashCode() + second.hashCode()) + 1;
        }

        @Override
        public String toString() {
            return text(this);
        }
    }

    // equals, hashCode and toString of if_not_exists and list_append are written out, for the reason given in
    // Condition: the records' generated methods take several method-handle frames per level.

    /** {@return the record-style text of an operand}, e.g. {@code ListAppend[first=…, second=…]} */
    private static String text(Operand o) {
        StringBuilder sb = new StringBuilder(64);
        append(sb, o);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Operand o) {
        switch (o) {
            case IfNotExists(Path path, Operand fallback) -> {
                sb.append("IfNotExists[path=").append(path).append(", fallback=");
                append(sb, fallback);
                sb.append(']');
            }
            case ListAppend(Operand first, Operand second) -> {
                sb.append("ListAppend[first=");
                append(sb, first);
                sb.append(", second=");
                append(sb, second);
                sb.append(']');
            }
            case Path p -> sb.append(p);
            case Value v -> sb.append(v);
        }
    }

    /** {@return how many if_not_exists and list_append levels the operand stacks above its deepest path or value} */
    private static int depth(Operand o) {
        // recursion is bounded: every operand built has passed checkDepth
        return switch (o) {
            case IfNotExists(Path p, Operand fallback) -> 1 + depth(fallback);
            case ListAppend(Operand first, Operand second) -> 1 + Math.max(depth(first), depth(second));
            case Path p -> 0;
            case Value v -> 0;
        };
    }

    private static void checkDepth(int depth) {
        if (depth > Limits.MAX_OPERAND_DEPTH) {
            throw new IllegalArgumentException("the operand nests if_not_exists and list_append " + depth
                    + " levels deep; an update DynamoDB accepts nests at most " + Limits.MAX_OPERAND_DEPTH
                    + " (its text would exceed the 4 KB expression limit; see Limits.MAX_OPERAND_DEPTH)");
        }
    }
}
