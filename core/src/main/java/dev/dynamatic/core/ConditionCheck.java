package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import java.util.Objects;

/**
 * A transaction action that writes nothing: the transaction happens only if the condition holds for the item
 * with this key (an item that does not exist has no attributes).
 *
 * {@snippet :
 * Transaction t = Transaction.of()
 *         .check(shop, ConditionCheck.of(Key.of("CUST#1", "PROFILE"), attributeExists(path("PK"))))
 *         .put(shop, PutItem.of(order, ORDER));
 * }
 *
 * <p>Immutable; equal when key and condition are equal.
 */
public final class ConditionCheck {

    private final Key key;
    private final Condition condition;

    private ConditionCheck(Key key, Condition condition) {
        this.key = key;
        this.condition = condition;
    }

    /**
     * {@return a check of the condition on the item with this key}
     *
     * @param key the checked item's key
     * @param condition what must hold for the item (a missing item has no attributes)
     */
    public static ConditionCheck of(Key key, Condition condition) {
        return new ConditionCheck(requireNonNull(key, "key is null"), requireNonNull(condition, "condition is null"));
    }

    /** {@return the item's key} */
    public Key key() {
        return key;
    }

    /** {@return what must hold} */
    public Condition condition() {
        return condition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConditionCheck c && key.equals(c.key) && condition.equals(c.condition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, condition);
    }

    /** {@return the check's parts, values redacted} */
    @Override
    public String toString() {
        return "ConditionCheck[key=" + key + Specs.condition(condition) + "]";
    }
}
