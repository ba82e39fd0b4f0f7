package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * What a put, update or delete that happened returns: the item it was asked to return, decoded by the caller's
 * codec, and the SDK response it came from.
 *
 * {@snippet :
 * Either<Failure, Written<Order>> r = table.update(ship, orders);
 * Optional<Order> shipped = r.fold(failure -> Optional.empty(), Written::item);
 * }
 *
 * @param <T> the item type
 */
public final class Written<T> {

    private final @Nullable T item;
    private final DynamoDbResponse response;

    private Written(@Nullable T item, DynamoDbResponse response) {
        this.item = item;
        this.response = response;
    }

    /** A result: the returned item, if one was asked for and there was one, and the SDK's response. */
    static <T> Written<T> of(Optional<T> item, DynamoDbResponse response) {
        return new Written<>(requireNonNull(item, "item is null").orElse(null), requireNonNull(response, "response is null"));
    }

    /**
     * {@return the item the write returned}: the replaced or deleted item for {@code withReturnOld(true)}, the
     * attributes asked for with an update's {@code withReturnValues(..)}; empty when nothing was asked for or
     * there was no item
     */
    public Optional<T> item() {
        return Optional.ofNullable(item);
    }

    /**
     * {@return the capacity the write consumed}, when the request asked for it (a customizer setting
     * {@code ReturnConsumedCapacity})
     */
    public Optional<ConsumedCapacity> consumedCapacity() {
        return Optional.ofNullable(switch (response) {
            case PutItemResponse r -> r.consumedCapacity();
            case UpdateItemResponse r -> r.consumedCapacity();
            case DeleteItemResponse r -> r.consumedCapacity();
            default -> null;
        });
    }

    /** {@return the SDK response} */
    public DynamoDbResponse response() {
        return response;
    }

    /** {@return whether an item was returned and which response it came with, never the item's values} */
    @Override
    public String toString() {
        return "Written[" + (item == null ? "no item" : "item") + ", " + response.getClass().getSimpleName() + "]";
    }
}
