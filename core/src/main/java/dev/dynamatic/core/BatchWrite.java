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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * BatchWriteItem over any number of puts and deletes, on one table or several that share a client: chunked to
 * DynamoDB's limits (25 requests, 16 MB), unprocessed items and throttled or broken calls retried under a
 * {@link RetryPolicy}, optionally several chunks at once.
 *
 * <p>The same item twice anywhere in one batch is rejected with {@link IllegalArgumentException} before
 * anything is sent: the library makes the chunks and retries them, possibly in parallel, so two writes of one
 * key could land in either order. Items are encoded by their codec when added, so an item that cannot be stored
 * is rejected then.
 *
 * <p>The result says exactly which items were not written and why: left unprocessed by DynamoDB on every attempt
 * the budget allowed, or their chunk's call failed with an exception. Calls are made with the SDK's own retries
 * off (see {@link RetryPolicy}), so {@code calls()} is the number of HTTP requests sent.
 *
 * {@snippet :
 * BatchWrite.Result written = BatchWrite.of()
 *         .putAll(shop, orders, ORDER)
 *         .put(audit, Item.of(Map.of("PK", "AUDIT#42", "SK", "2026-05-01T10:00:00Z")))
 *         .deleteAll(shop, expiredCartKeys)
 *         .withParallelism(4)
 *         .execute();
 * for (BatchWrite.Unwritten u : written.unwritten()) {
 *     switch (u.reason()) {
 *         case BatchReason.Unprocessed p -> log.warn("still unprocessed after " + p.attempts() + " attempts");
 *         case BatchReason.Failed f -> log.error("not written", f.cause());
 *     }
 * }
 * }
 *
 * <p>Immutable: each method that adds or configures returns a new batch.
 */
public final class BatchWrite {

    /** One put or delete, for the result's sake with its table. */
    private record Entry(Table table, @Nullable Map<String, AttributeValue> item, Map<String, AttributeValue> key,
                         ItemIds.Id id) {
    }

    private static final BatchWrite EMPTY = new BatchWrite(Vector.empty(), HashMap.empty(), 1, RetryPolicy.defaults(),
            null);

    private final Vector<Entry> entries;
    /** Each entry's id, to its position: for the "same item twice" check. */
    private final HashMap<ItemIds.Id, Integer> ids;
    private final int parallelism;
    private final RetryPolicy retry;
    private final @Nullable Executor executor;

    private BatchWrite(Vector<Entry> entries, HashMap<ItemIds.Id, Integer> ids, int parallelism, RetryPolicy retry,
                       @Nullable Executor executor) {
        this.entries = entries;
        this.ids = ids;
        this.parallelism = parallelism;
        this.retry = retry;
        this.executor = executor;
    }

    /** {@return an empty batch, run one chunk at a time under {@link RetryPolicy#defaults()}} */
    public static BatchWrite of() {
        return EMPTY;
    }

    /**
     * {@return this batch plus a put of the item}
     *
     * @param table the table to write to
     * @param item the item, with its key attributes
     */
    public BatchWrite put(Table table, Item item) {
        return put(table, item, Item.codec());
    }

    /**
     * {@return this batch plus a put of the item, encoded by the codec now}
     *
     * @param <T> the item type
     * @param table the table to write to
     * @param item the item
     * @param codec how the item becomes attributes, key included
     */
    public <T> BatchWrite put(Table table, T item, ItemCodec<T> codec) {
        return putAll(table, List.of(requireNonNull(item, "item is null")), codec);
    }

    /**
     * {@return this batch plus a put of each item}
     *
     * @param table the table to write to
     * @param items the items, each with its key attributes
     */
    public BatchWrite putAll(Table table, Collection<Item> items) {
        return putAll(table, items, Item.codec());
    }

    /**
     * {@return this batch plus a put of each item, encoded by the codec now}
     *
     * @param <T> the item type
     * @param table the table to write to
     * @param items the items
     * @param codec how each item becomes attributes, key included; its {@linkplain ItemCodec#behaviours()
     *              behaviours} apply to each item
     * @throws IllegalArgumentException if an item lacks its key, or is already in the batch, or the codec's
     *                                  behaviours keep a creation time ({@link Behaviour.CreatedAt} needs a
     *                                  condition, which a batch write cannot have)
     */
    public <T> BatchWrite putAll(Table table, Collection<? extends T> items, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        Adder a = new Adder(table);
        for (T item : requireNonNull(items, "items is null")) {
            Map<String, AttributeValue> encoded = a.requests.batchItem(
                    requireNonNull(item, () -> "item " + a.position() + " is null"), codec);
            a.add(encoded, a.requests.keyOfItem(encoded));
        }
        return a.result();
    }

    /**
     * {@return this batch plus a delete of the item with this key}
     *
     * @param table the table to delete from
     * @param key the item's key
     */
    public BatchWrite delete(Table table, Key key) {
        return deleteAll(table, List.of(requireNonNull(key, "key is null")));
    }

    /**
     * {@return this batch plus a delete of the item with each key}
     *
     * @param table the table to delete from
     * @param keys the items' keys
     * @throws IllegalArgumentException if a key does not fit the table, or its item is already in the batch
     */
    public BatchWrite deleteAll(Table table, Collection<Key> keys) {
        Adder a = new Adder(table);
        for (Key key : requireNonNull(keys, "keys is null")) {
            a.add(null, a.requests.key(requireNonNull(key, () -> "key " + a.position() + " is null")));
        }
        return a.result();
    }

    /**
     * {@return this batch sending up to {@code chunks} BatchWriteItem calls at once} (1, the default, sends one
     * chunk at a time on the calling thread). Each chunk in flight holds one of the HTTP client's connections (50
     * by default): stay below that.
     *
     * @param chunks the most calls in flight at once, at least 1
     * @throws IllegalArgumentException if {@code chunks} is less than 1
     */
    public BatchWrite withParallelism(int chunks) {
        return new BatchWrite(entries, ids, checkParallelism(chunks), retry, executor);
    }

    /**
     * {@return this batch retrying each chunk under the policy}
     *
     * @param policy the attempts, backoff and deadline for each chunk
     */
    public BatchWrite withRetry(RetryPolicy policy) {
        return new BatchWrite(entries, ids, parallelism, requireNonNull(policy, "policy is null"), executor);
    }

    /**
     * {@return this batch running parallel chunks on the executor}; by default a shared pool of daemon platform
     * threads, right for the SDK's blocking clients on every JDK from 21
     *
     * @param chunkExecutor runs the chunks when the parallelism is above 1
     */
    public BatchWrite withExecutor(Executor chunkExecutor) {
        return new BatchWrite(entries, ids, parallelism, retry, requireNonNull(chunkExecutor, "executor is null"));
    }

    /** {@return the number of puts and deletes in this batch} */
    public int size() {
        return entries.size();
    }

    /**
     * Writes the batch, all of it or an exception: chunks of at most 25 requests and 16 MB, in the order added,
     * unprocessed items and retryable failures retried per chunk under the policy; a chunk DynamoDB rejects as
     * invalid because of one item is split in halves (at most five rounds) to write the others.
     *
     * @return what was written: every put and delete
     * @throws IncompleteException if any put or delete was not written; its result lists each with its reason
     */
    public Result execute() {
        Result r = tryExecute();
        if (!r.complete()) {
            long failed = r.unwritten().stream().filter(u -> u.reason() instanceof BatchReason.Failed).count();
            throw new IncompleteException("BatchWrite: " + r.unwritten().size() + " of " + entries.size()
                    + " requests not written (" + (r.unwritten().size() - failed) + " left unprocessed, " + failed
                    + " failed with an exception) after " + r.calls() + " calls; result() lists each with its reason",
                    r);
        }
        return r;
    }

    /**
     * Writes the batch as {@link #execute()} does, but returns a partial result instead of throwing: for callers
     * that handle unwritten items themselves.
     *
     * @return how many were written, and every one that was not, with the reason
     */
    public Result tryExecute() {
        if (entries.isEmpty()) {
            return new Result(0, List.of(), 0);
        }
        List<BatchRunner.Entry> run = new ArrayList<>(entries.size());
        int index = 0;
        for (Entry e : entries) {
            run.add(new BatchRunner.Entry(index++, e.table().name(), e.table().schema().names(), e.item(), e.key(),
                    e.id()));
        }
        Observer o = Table.observe(entries, Entry::table, Operation.Kind.BATCH_WRITE, "BatchWriteItem");
        BatchRunner.Result r;
        try {
            r = BatchRunner.write(entries.head().table().client(), run, parallelism,
                    executor == null ? IoThreads.executor() : executor, retry, o);
        } catch (RuntimeException e) {
            o.end(e);
            throw e;
        }
        BatchRunner.end(o, r, false);
        List<Unwritten> unwritten = new ArrayList<>(r.notDone().size());
        r.notDone().forEach((i, reason) -> {
            Entry e = entries.get(i);
            unwritten.add(new Unwritten(e.table(), e.table().schema().keyOf(e.key()),
                    Optional.ofNullable(e.item()).map(Item.codec()::decode), reason));
        });
        return new Result(r.done(), unwritten, r.calls());
    }

    @Override
    public String toString() {
        return "BatchWrite[" + entries.size() + " requests, parallelism " + parallelism + ", " + retry + "]";
    }

    static int checkParallelism(int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + chunks);
        }
        return chunks;
    }

    static IllegalArgumentException duplicate(String what, int earlier, int later, String table) {
        return new IllegalArgumentException("the same item twice in one " + what + ": entries " + earlier + " and "
                + later + " (table " + table + ") have the same key (the library chunks and retries, so two requests"
                + " for one key could apply in either order; keep one)");
    }

    /** Adds the entries of one call, checking duplicates against the batch so far. */
    private final class Adder {
        private final Table table;
        private final Requests requests;
        private Vector<Entry> e = entries;
        private HashMap<ItemIds.Id, Integer> i = ids;

        Adder(Table table) {
            this.table = requireNonNull(table, "table is null");
            this.requests = Requests.of(table.name(), table.schema());
            if (!entries.isEmpty()) {
                Table first = entries.head().table();
                Clients.checkSame("batch", first.client(), first.name(), table.client(), table.name());
            }
        }

        int position() {
            return e.size();
        }

        void add(@Nullable Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
            ItemIds.Id id = ItemIds.of(table.name(), table.schema().names(), key);
            Integer earlier = i.get(id).getOrNull();
            if (earlier != null) {
                throw duplicate("batch", earlier, e.size(), table.name());
            }
            i = i.put(id, e.size());
            e = e.append(new Entry(table, item, key, id));
        }

        BatchWrite result() {
            return new BatchWrite(e, i, parallelism, retry, executor);
        }
    }

    /**
     * What a batch write did.
     *
     * @param written the puts and deletes DynamoDB applied
     * @param unwritten every other one, in the order they were added, with the reason
     * @param calls the BatchWriteItem calls made (HTTP requests: the SDK's retries are off)
     */
    public record Result(int written, List<Unwritten> unwritten, int calls) {
        /** Copies the list. */
        public Result {
            unwritten = List.copyOf(requireNonNull(unwritten, "unwritten is null"));
        }

        /** {@return whether every put and delete was applied} */
        public boolean complete() {
            return unwritten.isEmpty();
        }
    }

    /**
     * A put or delete a batch write did not apply.
     *
     * @param table the table it was for
     * @param key its key
     * @param item the item, for a put; empty for a delete
     * @param reason why it was not written
     */
    public record Unwritten(Table table, Key key, Optional<Item> item, BatchReason reason) {
        /** Checks the parts are present. */
        public Unwritten {
            requireNonNull(table, "table is null");
            requireNonNull(key, "key is null");
            requireNonNull(item, "item is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Thrown by {@link BatchWrite#execute()} when some puts or deletes were not written: the {@link #result()} tells
     * what was written and lists each unwritten item with its reason. The cause is the first unwritten item's
     * failure, if one failed with an exception. (Use {@link BatchWrite#tryExecute()} to get the partial result
     * without an exception.)
     */
    public static final class IncompleteException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Result result;

        IncompleteException(String message, Result result) {
            super(requireNonNull(message, "message is null"), firstCause(result));
            this.result = result;
        }

        /** {@return what the batch did: how many were written, and every one that was not, with the reason} */
        public Result result() {
            return result;
        }

        private static @Nullable Throwable firstCause(Result result) {
            return Outcomes.firstFailure(result.unwritten().stream().map(Unwritten::reason).toList());
        }
    }
}
