package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

/**
 * The right-hand side of a {@code SET} action: an {@link Operand}, or ONE {@code +}/{@code -} of two operands.
 *
 * <p>DynamoDB allows a single arithmetic operator at the top of a SET value, so {@link Plus} and
 * {@link Minus} are not operands themselves: {@code a + b + c} cannot be written.
 */
public sealed interface SetValue permits Operand, SetValue.Plus, SetValue.Minus {

    /**
     * {@code left + right}.
     *
     * @param left the left operand
     * @param right the right operand
     */
    record Plus(Operand left, Operand right) implements SetValue {
        /** Checks both operands are present. */
        public Plus {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    /**
     * {@code left - right}.
     *
     * @param left the left operand
     * @param right the right operand
     */
    record Minus(Operand left, Operand right) implements SetValue {
        /** Checks both operands are present. */
        public Minus {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }
}
