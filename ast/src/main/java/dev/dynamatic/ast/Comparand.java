package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/** What a condition compares: a path, a value, or {@code size(..)} of either. */
public sealed interface Comparand permits PathOrValue, Comparand.Size {

    /**
     * {@code size(operand)}: the length of a string, binary, list, map or set, read from an attribute or given as a
     * value ({@code size(a)}, {@code size(:v)}).
     *
     * @param operand the attribute, or a value of type {@code S}, {@code B}, {@code L}, {@code M}, {@code SS},
     *                {@code NS} or {@code BS}
     */
    record Size(PathOrValue operand) implements Comparand {
        /** Checks the operand is present and, if a value, one that has a size (not a number, boolean or NULL). */
        public Size {
            requireNonNull(operand, "operand is null");
            if (operand instanceof Value v && !hasSize(v.type())) {
                throw new IllegalArgumentException("size(..): its operand is a value of type " + v.type()
                        + "; DynamoDB's size takes a string, binary, list, map or set");
            }
        }

        private static boolean hasSize(Value.Type type) {
            return switch (type) {
                case S, B, L, M, SS, NS, BS -> true;
                case N, BOOL, NULL -> false;
            };
        }
    }
}
