package dev.dynamatic.core;

import java.lang.invoke.MethodHandles;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one way items enter and leave the executor: a two-way conversion between the caller's type and a
 * DynamoDB item.
 *
 * <p>Every typed operation of {@link Table} takes a codec, reads and writes alike. Built in:
 * {@link #items()} for {@link Item} (plain {@code Map<String,Object>} data) and {@link #record(Class)} for Java
 * records without annotations; other modules add more (Jackson). Implementations must be immutable and
 * thread-safe.
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

    /** {@return the codec for plain data: {@link Item}, a {@code Map<String,Object>} with typed getters} */
    static ItemCodec<Item> items() {
        return ItemCodecs.ITEMS;
    }

    /**
     * {@return a codec for a record type}: components by name, through the canonical constructor; nested
     * records, lists, sets, maps, enums and {@code Optional} components; no annotations.
     *
     * @param type a public record class in a package the library can read reflectively (exported, or open
     *             to {@code dev.dynamatic.core}); otherwise use {@link #record(Class, MethodHandles.Lookup)}
     * @throws IllegalArgumentException if the record cannot be accessed, saying how to grant access
     */
    static <R extends Record> ItemCodec<R> record(Class<R> type) {
        return RecordCodec.of(type, null);
    }

    /**
     * {@return a codec for a record type, using the caller's lookup to access it}: for records that are
     * nested, package-private or in packages not exported to this library; pass {@code MethodHandles.lookup()}.
     */
    static <R extends Record> ItemCodec<R> record(Class<R> type, MethodHandles.Lookup lookup) {
        return RecordCodec.of(type, java.util.Objects.requireNonNull(lookup, "lookup is null"));
    }
}
