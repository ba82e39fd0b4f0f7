package dev.dynamatic.core;

import dev.dynamatic.ast.Value;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one way items enter and leave the executor: a two-way conversion between the caller's type and a
 * DynamoDB item, straight to and from the SDK's attribute values.
 *
 * <p>Every typed operation takes a codec, reads and writes alike. Built in: {@link Item#codec()} for {@link Item}
 * (plain {@code Map<String,Object>} data) and {@link RecordCodec} for Java records; other modules add more
 * ({@code JacksonCodec} in {@code dynamatic-jackson}); the single-table toolkit's {@code Entity} is a codec too.
 * Implementations must be immutable and thread-safe.
 *
 * {@snippet :
 * ItemCodec<Order> orders = RecordCodec.of(Order.class);
 * table.put(order, orders);
 * Optional<Order> back = table.get(Key.of("ada", "o-1"), orders);
 * }
 *
 * @param <T> the caller's type
 */
public interface ItemCodec<T> {

    /**
     * {@return the item as DynamoDB attributes}
     *
     * @param value the caller's value, not null
     * @throws IllegalArgumentException naming the attribute when a part cannot be stored in DynamoDB
     */
    Map<String, AttributeValue> encode(T value);

    /**
     * {@return the caller's value read from DynamoDB attributes}
     *
     * @param item the attributes, not null
     * @throws IllegalArgumentException naming the attribute when a part does not fit the caller's type
     */
    T decode(Map<String, AttributeValue> item);

    /**
     * {@return the names of the top-level attributes this codec may write, when it knows them}; empty when it cannot
     * tell (the default: a codec of plain maps writes whatever the map holds). Used to check, when a single-table
     * {@code Entity} is defined, that its key templates name attributes that exist.
     */
    default Optional<Set<String>> attributeNames() {
        return Optional.empty();
    }

    /**
     * {@return the single-table entity type this codec reads and writes, if it is one}: reported to
     * {@link OperationListener}s; empty by default
     */
    default Optional<String> entityType() {
        return Optional.empty();
    }

    /**
     * {@return the DynamoDB type of each top-level attribute this codec always writes with that one type, when it
     * knows it}; an attribute whose type varies or cannot be told is left out, and so is every attribute of a codec
     * that cannot tell (the default). Used when a {@link TableDefinition} is built, to check that what a codec
     * writes into key attributes (and the time-to-live attribute) has the types the table needs.
     */
    default Map<String, Value.Type> attributeTypes() {
        return Map.of();
    }

    /**
     * {@return the write behaviours every put and patch of this codec's values applies}: none by default; a
     * single-table {@code Entity} answers those given to {@code withBehaviours}. See {@link Behaviour}.
     */
    default Behaviours behaviours() {
        return Behaviours.none();
    }
}
