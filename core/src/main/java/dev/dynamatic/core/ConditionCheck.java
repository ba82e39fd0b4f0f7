package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;

/**
 * A transaction action that writes nothing: the transaction happens only if the condition holds for the item
 * with this key (an item that does not exist has no attributes).
 *
 * {@snippet :
 * Transaction t = Transaction.of()
 *         .check(shop, ConditionCheck.of(Key.of("CUST#1", "PROFILE"), attributeExists(path("PK"))))
 *         .put(shop, PutItem.of(order));
 * }
 *
 * @param key the item's key
 * @param condition what must hold
 */
public record ConditionCheck(Key key, Condition condition) {

    /** Checks both parts are present. */
    public ConditionCheck {
        requireNonNull(key, "key is null");
        requireNonNull(condition, "condition is null");
    }

    /** {@return a check of the condition on the item with this key} */
    public static ConditionCheck of(Key key, Condition condition) {
        return new ConditionCheck(key, condition);
    }
}
