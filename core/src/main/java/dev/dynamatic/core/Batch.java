package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * BatchWriteItem and BatchGetItem over any number of items, on one table or several: chunked to DynamoDB's
 * limits, unprocessed items and throttled or broken calls retried under a {@link RetryPolicy}, optionally
 * several chunks in flight.
 *
 * <p>The same item twice anywhere in one batch is rejected with {@link IllegalArgumentException} before
 * anything is sent: the library makes the chunks and retries them, possibly in parallel, so two writes of one
 * key could land in either order.
 *
 * <p>The result says exactly which items were not written (or read) and why: left unprocessed by DynamoDB on
 * every attempt the budget allowed, or their chunk's call failed with an exception. This is the one operation
 * that reports infrastructure failures in its result instead of throwing them, because part of it has already
 * happened. Calls are made with the SDK's own retries off (see {@link RetryPolicy}), so {@code calls()} in the
 * results is the number of HTTP requests sent.
 *
 * {@snippet :
 * Batch.WriteResult written = Batch.write()
 *         .putAll(shop, orders)
 *         .put(audit, Item.of(Map.of("PK", "AUDIT#42", "SK", "2026-05-01T10:00:00Z")))
 *         .deleteAll(shop, expiredCartKeys)
 *         .parallelism(4)
 *         .execute();
 * for (Batch.Unwritten u : written.unwritten()) {
 *     switch (u.reason()) {
 *         case Batch.Reason.Unprocessed(int attempts) -> log.warn("still unprocessed after " + attempts + ": " + u.key());
 *         case Batch.Reason.Failed(SdkException cause, int attempts) -> log.error("not written: " + u.key(), cause);
 *     }
 * }
 * }
 */
public final class Batch {

    /** DynamoDB's most keys in one BatchGetItem. */
    public static final int MAX_GET_KEYS = 100;

    /** DynamoDB's most put and delete requests in one BatchWriteItem. */
    public static final int MAX_WRITE_REQUESTS = 25;

    /** DynamoDB's most bytes of items in one BatchWriteItem (and of items returned by one BatchGetItem). */
    public static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    private Batch() {
    }

    /** {@return an empty batch of writes, run one chunk at a time under {@link RetryPolicy#defaults()}} */
    public static Write write() {
        return new Write(io.vavr.collection.Vector.empty(), io.vavr.collection.HashSet.empty(), 1,
                RetryPolicy.defaults());
    }

    /** {@return an empty batch of reads, eventually consistent, one chunk at a time, {@link RetryPolicy#defaults()}} */
    public static Get get() {
        return new Get(io.vavr.collection.Vector.empty(), io.vavr.collection.HashSet.empty(), false, 1,
                RetryPolicy.defaults());
    }

    /** Why an item was not written or read. */
    public sealed interface Reason permits Reason.Unprocessed, Reason.Failed {

        /**
         * DynamoDB returned the item unprocessed on every attempt the budget allowed (or the deadline passed
         * before it could be sent: then {@code attempts} may be 0).
         *
         * @param attempts the calls made for the item's chunk
         */
        record Unprocessed(int attempts) implements Reason {
        }

        /**
         * The last call for the item's chunk failed with this exception: one that retrying cannot fix, or a
         * retryable one when the budget ran out.
         *
         * @param cause the SDK's exception
         * @param attempts the calls made for the item's chunk
         */
        record Failed(SdkException cause, int attempts) implements Reason {
            /** Checks the cause is present. */
            public Failed {
                requireNonNull(cause, "cause is null");
            }
        }
    }

    /**
     * An item a batch write did not write.
     *
     * @param table the table it was for
     * @param key its key
     * @param item the item, for a put; empty for a delete
     * @param reason why it was not written
     */
    public record Unwritten(Table table, Key key, Optional<Item> item, Reason reason) {
        /** Checks the parts are present. */
        public Unwritten {
            requireNonNull(table, "table is null");
            requireNonNull(key, "key is null");
            requireNonNull(item, "item is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * A key a batch read did not read: whether it exists is unknown.
     *
     * @param table the table it was for
     * @param key the key
     * @param reason why it was not read
     */
    public record Unread(Table table, Key key, Reason reason) {
        /** Checks the parts are present. */
        public Unread {
            requireNonNull(table, "table is null");
            requireNonNull(key, "key is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * What a batch write did.
     *
     * @param written the puts and deletes DynamoDB applied
     * @param unwritten every other one, in the order they were added, with the reason
     * @param calls the BatchWriteItem calls made (HTTP requests: the SDK's retries are off)
     */
    public record WriteResult(int written, List<Unwritten> unwritten, int calls) {
        /** Copies the list. */
        public WriteResult {
            unwritten = List.copyOf(requireNonNull(unwritten, "unwritten is null"));
        }

        /** {@return whether every put and delete was applied} */
        public boolean complete() {
            return unwritten.isEmpty();
        }
    }

    /**
     * What a batch read found.
     *
     * @param items the items found, by table name, each list in the order its keys were added (keys with no
     *              item are simply absent)
     * @param unread the keys not read, in the order they were added, with the reason
     * @param calls the BatchGetItem calls made (HTTP requests: the SDK's retries are off)
     */
    public record GetResult(Map<String, List<Item>> items, List<Unread> unread, int calls) {
        /** Copies the map and lists, keeping their order. */
        public GetResult {
            Map<String, List<Item>> copy = new LinkedHashMap<>();
            requireNonNull(items, "items is null").forEach((t, l) -> copy.put(t, List.copyOf(l)));
            items = java.util.Collections.unmodifiableMap(copy);
            unread = List.copyOf(requireNonNull(unread, "unread is null"));
        }

        /** {@return the items found in this table, in the order their keys were added} */
        public List<Item> items(Table table) {
            return items.getOrDefault(table.name(), List.of());
        }

        /** {@return the items found in this table decoded by the codec, in the order their keys were added} */
        public <T> List<T> items(Table table, ItemCodec<T> codec) {
            requireNonNull(codec, "codec is null");
            return items(table).stream().map(i -> codec.decode(i.toSdk())).toList();
        }

        /** {@return whether every key was read (found or known absent)} */
        public boolean complete() {
            return unread.isEmpty();
        }
    }

    /**
     * A batch of puts and deletes across tables that share one client; immutable, each method returns a new
     * batch. Run it with {@link #execute()}.
     */
    public static final class Write {

        private final io.vavr.collection.Vector<BatchRunner.Entry> entries;
        private final io.vavr.collection.Set<ItemIds.Id> ids;
        private final int parallelism;
        private final RetryPolicy retry;

        private Write(io.vavr.collection.Vector<BatchRunner.Entry> entries, io.vavr.collection.Set<ItemIds.Id> ids,
                      int parallelism, RetryPolicy retry) {
            this.entries = entries;
            this.ids = ids;
            this.parallelism = parallelism;
            this.retry = retry;
        }

        /** {@return this batch plus a put of the item} */
        public Write put(Table table, Item item) {
            return put(table, item, ItemCodec.items());
        }

        /** {@return this batch plus a put of the item, encoded by the codec now} */
        public <T> Write put(Table table, T item, ItemCodec<T> codec) {
            return putAll(table, List.of(requireNonNull(item, "item is null")), codec);
        }

        /** {@return this batch plus a put of each item} */
        public Write putAll(Table table, Collection<Item> items) {
            return putAll(table, items, ItemCodec.items());
        }

        /** {@return this batch plus a put of each item, encoded by the codec now} */
        public <T> Write putAll(Table table, Collection<? extends T> items, ItemCodec<T> codec) {
            requireNonNull(codec, "codec is null");
            Adder a = new Adder(table);
            for (T item : requireNonNull(items, "items is null")) {
                Map<String, AttributeValue> encoded = codec.encode(requireNonNull(item, "an item is null"));
                table.requests().checkItemHasKey(encoded);
                a.add(encoded, ItemIds.keyOf(table.schema(), encoded));
            }
            return a.result();
        }

        /** {@return this batch plus a delete of the item with this key} */
        public Write delete(Table table, Key key) {
            return deleteAll(table, List.of(requireNonNull(key, "key is null")));
        }

        /** {@return this batch plus a delete of the item with each key} */
        public Write deleteAll(Table table, Collection<Key> keys) {
            Adder a = new Adder(table);
            for (Key key : requireNonNull(keys, "keys is null")) {
                a.add(null, table.key(requireNonNull(key, "a key is null")));
            }
            return a.result();
        }

        /**
         * {@return this batch sending up to {@code chunks} BatchWriteItem calls at once} (1, the default, sends
         * one chunk at a time on the calling thread). Each chunk in flight holds one of the HTTP client's
         * connections (50 by default): stay below that.
         */
        public Write parallelism(int chunks) {
            return new Write(entries, ids, checkParallelism(chunks), retry);
        }

        /** {@return this batch retrying each chunk under the policy} */
        public Write retry(RetryPolicy policy) {
            return new Write(entries, ids, parallelism, requireNonNull(policy, "policy is null"));
        }

        /** {@return the number of puts and deletes in this batch} */
        public int size() {
            return entries.size();
        }

        /**
         * Writes the batch: chunks of at most {@value #MAX_WRITE_REQUESTS} requests and
         * {@value #MAX_REQUEST_BYTES} bytes, in the order added, unprocessed items and retryable failures
         * retried per chunk under the policy.
         *
         * @return how many were written, and every one that was not, with the reason
         */
        public WriteResult execute() {
            return BatchRunner.write(entries.toJavaList(), parallelism, retry);
        }

        private final class Adder {
            private final Table table;
            private io.vavr.collection.Vector<BatchRunner.Entry> e = entries;
            private io.vavr.collection.Set<ItemIds.Id> i = ids;

            Adder(Table table) {
                this.table = requireNonNull(table, "table is null");
                checkSameClient(entries.headOption().map(BatchRunner.Entry::table).getOrNull(), table);
            }

            void add(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
                ItemIds.Id id = ItemIds.of(table.name(), table.schema().names(), key);
                if (i.contains(id)) {
                    throw duplicate(id);
                }
                i = i.add(id);
                e = e.append(new BatchRunner.Entry(table, item, key, id));
            }

            Write result() {
                return new Write(e, i, parallelism, retry);
            }
        }
    }

    /**
     * A batch of reads across tables that share one client; immutable, each method returns a new batch. Run it
     * with {@link #execute()}.
     */
    public static final class Get {

        private final io.vavr.collection.Vector<BatchRunner.Entry> entries;
        private final io.vavr.collection.Set<ItemIds.Id> ids;
        private final boolean consistentRead;
        private final int parallelism;
        private final RetryPolicy retry;

        private Get(io.vavr.collection.Vector<BatchRunner.Entry> entries, io.vavr.collection.Set<ItemIds.Id> ids,
                    boolean consistentRead, int parallelism, RetryPolicy retry) {
            this.entries = entries;
            this.ids = ids;
            this.consistentRead = consistentRead;
            this.parallelism = parallelism;
            this.retry = retry;
        }

        /** {@return this batch plus a read of the item with this key} */
        public Get key(Table table, Key key) {
            return keys(table, List.of(requireNonNull(key, "key is null")));
        }

        /** {@return this batch plus a read of the item with each key} */
        public Get keys(Table table, Collection<Key> keys) {
            requireNonNull(table, "table is null");
            checkSameClient(entries.headOption().map(BatchRunner.Entry::table).getOrNull(), table);
            io.vavr.collection.Vector<BatchRunner.Entry> e = entries;
            io.vavr.collection.Set<ItemIds.Id> i = ids;
            for (Key key : requireNonNull(keys, "keys is null")) {
                Map<String, AttributeValue> k = table.key(requireNonNull(key, "a key is null"));
                ItemIds.Id id = ItemIds.of(table.name(), table.schema().names(), k);
                if (i.contains(id)) {
                    throw duplicate(id);
                }
                i = i.add(id);
                e = e.append(new BatchRunner.Entry(table, null, k, id));
            }
            return new Get(e, i, consistentRead, parallelism, retry);
        }

        /** {@return this batch reading strongly consistently (every table) or not} */
        public Get consistentRead(boolean consistent) {
            return new Get(entries, ids, consistent, parallelism, retry);
        }

        /** {@return this batch sending up to {@code chunks} BatchGetItem calls at once}; see {@link Write#parallelism} */
        public Get parallelism(int chunks) {
            return new Get(entries, ids, consistentRead, checkParallelism(chunks), retry);
        }

        /** {@return this batch retrying each chunk under the policy} */
        public Get retry(RetryPolicy policy) {
            return new Get(entries, ids, consistentRead, parallelism, requireNonNull(policy, "policy is null"));
        }

        /** {@return the number of keys in this batch} */
        public int size() {
            return entries.size();
        }

        /**
         * Reads the batch: chunks of at most {@value #MAX_GET_KEYS} keys, in the order added, unprocessed keys
         * and retryable failures retried per chunk under the policy.
         *
         * @return the items found, and every key not read, with the reason
         */
        public GetResult execute() {
            return BatchRunner.get(entries.toJavaList(), consistentRead, parallelism, retry);
        }
    }

    static int checkParallelism(int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + chunks);
        }
        return chunks;
    }

    static void checkSameClient(Table first, Table next) {
        if (first != null && first.client() != next.client()) {
            throw new IllegalArgumentException("one batch runs on one client: " + next + " has another client than "
                    + first);
        }
    }

    private static IllegalArgumentException duplicate(ItemIds.Id id) {
        return new IllegalArgumentException("the same item twice in one batch: table " + id.table() + ", key "
                + id.key() + " (the library chunks and retries, so two writes of one key could apply in either order;"
                + " keep one)");
    }
}
