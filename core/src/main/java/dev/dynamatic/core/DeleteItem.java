package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * A DeleteItem: the key, an optional condition, whether to return the old item, and a last adjustment of
 * the SDK request. Also usable as a transaction action.
 *
 * @param key the item's key
 * @param condition the condition that must hold for the delete to happen
 * @param returnOld whether to return the deleted item ({@code ReturnValues=ALL_OLD})
 * @param customizer applied to the SDK request builder last
 */
public record DeleteItem(Key key, Optional<Condition> condition, boolean returnOld,
                         Consumer<DeleteItemRequest.Builder> customizer) {

    /** Checks the parts are present. */
    public DeleteItem {
        requireNonNull(key, "key is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(customizer, "customizer is null");
    }

    /** {@return an unconditional delete of the item with this key} */
    public static DeleteItem of(Key key) {
        return new DeleteItem(key, Optional.empty(), false, b -> { });
    }

    /** {@return this delete, only if the condition holds} */
    public DeleteItem condition(Condition c) {
        return new DeleteItem(key, Optional.of(c), returnOld, customizer);
    }

    /** {@return this delete returning the deleted item} */
    public DeleteItem returningOld() {
        return new DeleteItem(key, condition, true, customizer);
    }

    /** {@return this delete with an adjustment applied to the SDK request after everything else} */
    public DeleteItem customize(Consumer<DeleteItemRequest.Builder> c) {
        return new DeleteItem(key, condition, returnOld, customizer.andThen(c));
    }
}
