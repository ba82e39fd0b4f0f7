package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Update;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An UpdateItem: the key, the update fragment, an optional condition, what to return, and a last adjustment
 * of the SDK request. Also usable as a transaction action.
 *
 * {@snippet :
 * UpdateItem u = UpdateItem.of(key, update(set(path("status"), value("SHIPPED")), remove(path("GSI2PK"))))
 *         .condition(eq(path("status"), value("OPEN")))
 *         .returning(ReturnValue.ALL_NEW);
 * }
 *
 * @param key the item's key
 * @param update the actions
 * @param condition the condition that must hold for the update to happen
 * @param returnValues what to return: NONE, ALL_OLD, UPDATED_OLD, ALL_NEW or UPDATED_NEW
 * @param customizer applied to the SDK request builder last
 */
public record UpdateItem(Key key, Update update, Optional<Condition> condition, ReturnValue returnValues,
                         Consumer<UpdateItemRequest.Builder> customizer) {

    /** Checks the parts are present and the return value is one UpdateItem takes. */
    public UpdateItem {
        requireNonNull(key, "key is null");
        requireNonNull(update, "update is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(returnValues, "returnValues is null");
        requireNonNull(customizer, "customizer is null");
        if (returnValues == ReturnValue.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("returnValues must be NONE, ALL_OLD, UPDATED_OLD, ALL_NEW or UPDATED_NEW");
        }
    }

    /** {@return an unconditional update returning nothing} */
    public static UpdateItem of(Key key, Update update) {
        return new UpdateItem(key, update, Optional.empty(), ReturnValue.NONE, b -> { });
    }

    /** {@return this update, only if the condition holds} */
    public UpdateItem condition(Condition c) {
        return new UpdateItem(key, update, Optional.of(c), returnValues, customizer);
    }

    /** {@return this update returning the given attributes} */
    public UpdateItem returning(ReturnValue r) {
        return new UpdateItem(key, update, condition, r, customizer);
    }

    /** {@return this update with more actions composed in (the given fragment's actions after this one's)} */
    public UpdateItem and(Update more) {
        return new UpdateItem(key, update.and(more), condition, returnValues, customizer);
    }

    /** {@return this update with an adjustment applied to the SDK request after everything else} */
    public UpdateItem customize(Consumer<UpdateItemRequest.Builder> c) {
        return new UpdateItem(key, update, condition, returnValues, customizer.andThen(c));
    }
}
