package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.internal.BatchRunner;
import dev.dynamatic.core.internal.Observer;
import dev.dynamatic.core.internal.Clients;
import dev.dynamatic.core.internal.IoThreads;
import dev.dynamatic.core.internal.Outcomes;
import dev.dynamatic.core.internal.ItemIds;
import dev.dynamatic.core.internal.Requests;
import io.vavr.collection.HashMap;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * BatchGetItem over any number of keys, on one table or several that share a client: chunked to DynamoDB's
 * limit (100 keys), unprocessed keys and throttled or broken calls retried under a {@link RetryPolicy},
 * optionally several chunks at once. The same key twice is rejected before anything is sent.
 *
 * {@snippet :
 * BatchGet.Result r = BatchGet.of().keys(shop, productKeys).execute();
 * List<Product> products = r.items(shop, PRODUCT);
 * if (!r.complete()) {
 *     log.warn(r.unread().size() + " keys not read");
 * }
 * }
 *
 * <p>Immutable: each method that adds or configures returns a new batch.
 */
public final class BatchGet {

    /** One read, for the result's sake with its table. */
    private record Entry(Table table, Map<String, AttributeValue> key, ItemIds.Id id) {
    }

    private static final BatchGet EMPTY = new BatchGet(Vector.empty(), HashMap.empty(), false, 1,
            RetryPolicy.defaults(), null);

    private final Vector<Entry> entries;
    private final HashMap<ItemIds.Id, Integer> ids;
    private final boolean consistentRead;
    private final int parallelism;
    private final RetryPolicy retry;
    private final @Nullable Executor executor;

    private BatchGet(Vector<Entry> entries, HashMap<ItemIds.Id, Integer> ids, boolean consistentRead, int parallelism,
                     RetryPolicy retry, @Nullable Executor executor) {
        this.entries = entries;
        this.ids = ids;
        this.consistentRead = consistentRead;
        this.parallelism = parallelism;
        this.retry = retry;
        this.executor = executor;
    }

    /** {@return an empty batch, eventually consistent, one chunk at a time, under {@link RetryPolicy#defaults()}} */
    public static BatchGet of() {
        return EMPTY;
    }

    /**
     * {@return this batch plus a read of the item with this key}
     *
     * @param table the table to read from
     * @param key the item's key
     */
    public BatchGet key(Table table, Key key) {
        return keys(table, List.of(requireNonNull(key, "key is null")));
    }

    /**
     * {@return this batch plus a read of the item with each key}
     *
     * @param table the table to read from
     * @param keys the items' keys
     * @throws IllegalArgumentException if a key does not fit the table, or is already in the batch
     */
    public BatchGet keys(Table table, Collection<Key> keys) {
        requireNonNull(table, "table is null");
        if (!entries.isEmpty()) {
            Table first = entries.head().table();
            Clients.checkSame("batch", first.client(), first.name(), table.client(), table.name());
        }
        Requests requests = Requests.of(table.name(), table.schema());
        Vector<Entry> e = entries;
        HashMap<ItemIds.Id, Integer> i = ids;
        for (Key key : requireNonNull(keys, "keys is null")) {
            int position = e.size();
            Map<String, AttributeValue> k = requests.key(requireNonNull(key, () -> "key " + position + " is null"));
            ItemIds.Id id = ItemIds.of(table.name(), table.schema().names(), k);
            Integer earlier = i.get(id).getOrNull();
            if (earlier != null) {
                throw BatchWrite.duplicate("batch read", earlier, position, table.name());
            }
            i = i.put(id, position);
            e = e.append(new Entry(table, k, id));
        }
        return new BatchGet(e, i, consistentRead, parallelism, retry, executor);
    }

    /**
     * {@return this batch reading strongly consistently (every table) if {@code true}}
     *
     * @param consistent {@code true} for strongly consistent reads, {@code false} for eventually consistent ones
     */
    public BatchGet withConsistentRead(boolean consistent) {
        return new BatchGet(entries, ids, consistent, parallelism, retry, executor);
    }

    /**
     * {@return this batch sending up to {@code chunks} BatchGetItem calls at once}; see
     * {@link BatchWrite#withParallelism}
     *
     * @param chunks the most calls in flight at once, at least 1
     */
    public BatchGet withParallelism(int chunks) {
        return new BatchGet(entries, ids, consistentRead, BatchWrite.checkParallelism(chunks), retry, executor);
    }

    /**
     * {@return this batch retrying each chunk under the policy}
     *
     * @param policy the attempts, backoff and deadline for each chunk
     */
    public BatchGet withRetry(RetryPolicy policy) {
        return new BatchGet(entries, ids, consistentRead, parallelism, requireNonNull(policy, "policy is null"),
                executor);
    }

    /**
     * {@return this batch running parallel chunks on the executor}; see {@link BatchWrite#withExecutor}
     *
     * @param chunkExecutor runs the chunks when the parallelism is above 1
     */
    public BatchGet withExecutor(Executor chunkExecutor) {
        return new BatchGet(entries, ids, consistentRead, parallelism, retry,
                requireNonNull(chunkExecutor, "executor is null"));
    }

    /** {@return the number of keys in this batch} */
    public int size() {
        return entries.size();
    }

    /**
     * Reads the batch, all of it or an exception: chunks of at most 100 keys, in the order added, unprocessed keys
     * and retryable failures retried per chunk under the policy.
     *
     * @return the items found (a key with no item is simply absent)
     * @throws IncompleteException if any key was not read; its result holds what was found and lists each key not read
     */
    public Result execute() {
        Result r = tryExecute();
        if (!r.complete()) {
            throw new IncompleteException("BatchGet: " + r.unread().size() + " of " + entries.size()
                    + " keys not read after " + r.calls() + " calls; result() lists each with its reason", r);
        }
        return r;
    }

    /**
     * Reads the batch as {@link #execute()} does, but returns a partial result instead of throwing: for callers
     * that handle unread keys themselves.
     *
     * @return the items found, and every key not read, with the reason
     */
    public Result tryExecute() {
        if (entries.isEmpty()) {
            return new Result(Map.of(), List.of(), 0);
        }
        List<BatchRunner.Entry> run = new ArrayList<>(entries.size());
        int index = 0;
        for (Entry e : entries) {
            run.add(new BatchRunner.Entry(index++, e.table().name(), e.table().schema().names(), null, e.key(), e.id()));
        }
        Observer o = Table.observe(entries, Entry::table, Operation.Kind.BATCH_GET, "BatchGetItem");
        BatchRunner.Result r;
        try {
            r = BatchRunner.get(entries.head().table().client(), run, consistentRead, parallelism,
                    executor == null ? IoThreads.executor() : executor, retry, o);
        } catch (RuntimeException e) {
            o.end(e);
            throw e;
        }
        BatchRunner.end(o, r, true);
        Map<String, List<Item>> items = new LinkedHashMap<>();
        List<Unread> unread = new ArrayList<>(r.notDone().size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Map<String, AttributeValue> found = r.found().get(i);
            if (found != null) {
                items.computeIfAbsent(e.table().name(), t -> new ArrayList<>()).add(Item.codec().decode(found));
            }
            BatchReason reason = r.notDone().get(i);
            if (reason != null) {
                unread.add(new Unread(e.table(), e.table().schema().keyOf(e.key()), reason));
            }
        }
        return new Result(items, unread, r.calls());
    }

    @Override
    public String toString() {
        return "BatchGet[" + entries.size() + " keys" + (consistentRead ? ", consistent" : "") + ", parallelism "
                + parallelism + ", " + retry + "]";
    }

    /**
     * What a batch read found.
     *
     * @param items the items found, by table name, each list in the order its keys were added (keys with no
     *              item are simply absent)
     * @param unread the keys not read, in the order they were added, with the reason
     * @param calls the BatchGetItem calls made (HTTP requests: the SDK's retries are off)
     */
    public record Result(Map<String, List<Item>> items, List<Unread> unread, int calls) {
        /** Copies the map and lists, keeping their order. */
        public Result {
            Map<String, List<Item>> copy = new LinkedHashMap<>();
            requireNonNull(items, "items is null").forEach((t, l) -> copy.put(t, List.copyOf(l)));
            items = Collections.unmodifiableMap(copy);
            unread = List.copyOf(requireNonNull(unread, "unread is null"));
        }

        /**
         * {@return the items found in this table, in the order their keys were added}
         *
         * @param table a table the batch read from
         */
        public List<Item> items(Table table) {
            return items.getOrDefault(table.name(), List.of());
        }

        /**
         * {@return the items found in this table decoded by the codec, in the order their keys were added}
         *
         * @param <T> the item type
         * @param table a table the batch read from
         * @param codec how each item is decoded
         */
        public <T> List<T> items(Table table, ItemCodec<T> codec) {
            requireNonNull(codec, "codec is null");
            List<Item> found = items(table);
            List<T> out = new ArrayList<>(found.size());
            for (Item item : found) {
                out.add(item.decode(codec));
            }
            return Collections.unmodifiableList(out);
        }

        /** {@return whether every key was read (found or known absent)} */
        public boolean complete() {
            return unread.isEmpty();
        }
    }

    /**
     * A key a batch read did not read: whether its item exists is unknown.
     *
     * @param table the table it was for
     * @param key the key
     * @param reason why it was not read
     */
    public record Unread(Table table, Key key, BatchReason reason) {
        /** Checks the parts are present. */
        public Unread {
            requireNonNull(table, "table is null");
            requireNonNull(key, "key is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Thrown by {@link BatchGet#execute()} when some keys were not read (so whether their items exist is unknown): the
     * {@link #result()} holds the items found and lists each unread key with its reason. The cause is the first unread
     * key's failure, if one failed with an exception. (Use {@link BatchGet#tryExecute()} to get the partial result
     * without an exception.)
     */
    public static final class IncompleteException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Result result;

        IncompleteException(String message, Result result) {
            super(requireNonNull(message, "message is null"), firstCause(result));
            this.result = result;
        }

        /** {@return what the batch read: the items found, and every key not read, with the reason} */
        public Result result() {
            return result;
        }

        private static @Nullable Throwable firstCause(Result result) {
            return Outcomes.firstFailure(result.unread().stream().map(Unread::reason).toList());
        }
    }
}
