package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A PutItem: the item (with its codec), an optional condition, whether to return the old item, and a last
 * adjustment of the SDK request. Also usable as a transaction action.
 *
 * {@snippet :
 * PutItem<Customer> put = PutItem.of(customer, customers).condition(attributeNotExists(path("PK")));
 * }
 *
 * @param item the item to write
 * @param codec how to turn it into attributes
 * @param condition the condition that must hold for the write to happen
 * @param returnOld whether to return the item as it was before ({@code ReturnValues=ALL_OLD})
 * @param customizer applied to the SDK request builder last
 * @param <T> the item type
 */
public record PutItem<T>(T item, ItemCodec<T> codec, Optional<Condition> condition, boolean returnOld,
                         Consumer<PutItemRequest.Builder> customizer) {

    /** Checks the parts are present. */
    public PutItem {
        requireNonNull(item, "item is null");
        requireNonNull(codec, "codec is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(customizer, "customizer is null");
    }

    /** {@return an unconditional put of the item} */
    public static <T> PutItem<T> of(T item, ItemCodec<T> codec) {
        return new PutItem<>(item, codec, Optional.empty(), false, b -> { });
    }

    /** {@return an unconditional put of plain data} */
    public static PutItem<Item> of(Item item) {
        return of(item, ItemCodec.items());
    }

    /** {@return this put, only if the condition holds} */
    public PutItem<T> condition(Condition c) {
        return new PutItem<>(item, codec, Optional.of(c), returnOld, customizer);
    }

    /** {@return this put returning the item it replaced} */
    public PutItem<T> returningOld() {
        return new PutItem<>(item, codec, condition, true, customizer);
    }

    /** {@return this put with an adjustment applied to the SDK request after everything else} */
    public PutItem<T> customize(Consumer<PutItemRequest.Builder> c) {
        return new PutItem<>(item, codec, condition, returnOld, customizer.andThen(c));
    }
}
