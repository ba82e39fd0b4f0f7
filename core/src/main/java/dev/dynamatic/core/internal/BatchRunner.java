package dev.dynamatic.core.internal;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.core.BatchReason;
import dev.dynamatic.core.Operation;
import dev.dynamatic.core.RetryPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Runs batch writes and reads: chunking to DynamoDB's limits, the calls (SDK retries off), unprocessed items,
 * retries through the {@link Retrier}, and chunks in parallel on the caller's executor.
 */
public final class BatchRunner {

    /**
     * One put, delete or read of a batch.
     *
     * @param index the entry's position in its batch, which the result refers to
     * @param table the table name
     * @param keyNames the table's key attribute names, to match DynamoDB's unprocessed lists
     * @param item the item to put; null for a delete or a read
     * @param key the item's key attributes
     * @param id the item's identity
     */
    public record Entry(int index, String table, List<String> keyNames, @Nullable Map<String, AttributeValue> item,
                        Map<String, AttributeValue> key, ItemIds.Id id) {
        long size() {
            return ItemIds.size(item != null ? item : key);
        }
    }

    /**
     * What a batch did.
     *
     * @param done the entries DynamoDB applied (or read: found or known absent)
     * @param notDone by entry index, every entry not done and why
     * @param found for a read, by entry index, the items found
     * @param calls the calls made (HTTP requests: the SDK's retries are off)
     */
    public record Result(int done, Map<Integer, BatchReason> notDone, Map<Integer, Map<String, AttributeValue>> found,
                         int calls) {
    }

    /** What became of one chunk: how many were done, which failed and why, what a read found. */
    private record Outcome(int done, Map<ItemIds.Id, BatchReason> failed,
                           Map<ItemIds.Id, Map<String, AttributeValue>> found) {
    }

    /** How a chunk's loop ended when it did not need another attempt. */
    private sealed interface End permits Finished, Failed {
    }

    private record Finished() implements End {
    }

    private record Failed(SdkException cause) implements End {
    }

    private BatchRunner() {
    }

    /**
     * Cuts entries, in order, into chunks of at most {@code maxCount} entries whose sizes add up to at most
     * {@code maxBytes}; an entry larger than {@code alone} bytes (or than {@code maxBytes}) gets a chunk of its
     * own, so that a rejection of it fails no other entry.
     */
    public static <E> List<List<E>> chunks(List<E> entries, int maxCount, long maxBytes, long alone,
                                           ToLongFunction<E> size) {
        if (maxCount < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("chunk limits must be positive: " + maxCount + ", " + maxBytes);
        }
        List<List<E>> chunks = new ArrayList<>();
        List<E> current = new ArrayList<>();
        long bytes = 0;
        for (E e : entries) {
            long s = size.applyAsLong(e);
            if (s > alone || s > maxBytes) {
                if (!current.isEmpty()) {
                    chunks.add(current);
                    current = new ArrayList<>();
                    bytes = 0;
                }
                chunks.add(List.of(e));
                continue;
            }
            if (current.size() == maxCount || bytes + s > maxBytes) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(e);
            bytes += s;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    // ---- writes

    /** {@return what a batch write did}: chunks written under the policy, up to {@code parallelism} at once */
    public static Result write(DynamoDbClient client, List<Entry> entries, int parallelism, Executor executor,
                               RetryPolicy policy, Observer o) {
        if (entries.isEmpty()) {
            return new Result(0, Map.of(), Map.of(), 0);
        }
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        List<List<Entry>> chunks = chunks(entries, Limits.MAX_BATCH_WRITE_REQUESTS, Limits.MAX_BATCH_WRITE_BYTES, Limits.MAX_ITEM_BYTES,
                Entry::size);
        Retrier.Cancel cancel = new Retrier.Cancel();
        List<Outcome> outcomes = run(chunks, parallelism, o.wrap(executor), cancel,
                chunk -> writeChunk(client, chunk, policy, start, cancel, calls, 0, o));
        return result(entries, outcomes, calls.get());
    }

    /**
     * Writes one chunk under the policy. When DynamoDB rejects the whole chunk as invalid (a
     * {@code ValidationException}: one bad item fails the call), the chunk is split in halves and each half written
     * on its own, for at most {@value #MAX_SPLITS} rounds, so that the item at fault is found and the rest written;
     * other failures (an unknown table, access denied, throttling) are never split.
     */
    private static Outcome writeChunk(DynamoDbClient client, List<Entry> chunk, RetryPolicy policy, long start,
                                      Retrier.Cancel cancel, AtomicInteger calls, int splits, Observer o) {
        Map<String, List<String>> keyNames = keyNames(chunk);
        // The loop's state: what is still to write, and how many were written.
        List<Map<ItemIds.Id, Entry>> pending = new ArrayList<>(List.of(byId(chunk)));
        int[] done = {0};
        int[] attempt = {0};
        Retrier.Outcome<End> outcome = Retrier.attempt(policy, start, cancel, remaining -> {
            Map<ItemIds.Id, Entry> sent = pending.getFirst();
            Map<String, List<WriteRequest>> items = new LinkedHashMap<>();
            for (Entry e : sent.values()) {
                Map<String, AttributeValue> item = e.item();
                items.computeIfAbsent(e.table(), t -> new ArrayList<>()).add(item != null
                        ? WriteRequest.builder().putRequest(p -> p.item(item)).build()
                        : WriteRequest.builder().deleteRequest(d -> d.key(e.key())).build());
            }
            BatchWriteItemRequest.Builder b = BatchWriteItemRequest.builder().requestItems(items)
                    .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), remaining));
            if (o.wantsCapacity()) {
                b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            }
            BatchWriteItemRequest request = b.build();
            RequestLog.send(request, ++attempt[0]);
            calls.incrementAndGet();
            BatchWriteItemResponse response;
            long t0 = o.now();
            try {
                response = o.active() ? o.call(() -> client.batchWriteItem(request)) : client.batchWriteItem(request);
            } catch (SdkException e) {
                boolean again = SdkCalls.retryable(e);
                o.failed(attempt[0], t0, e, again);
                return again ? new Retrier.Again<>(e) : new Retrier.Done<>(new Failed(e));
            }
            Map<ItemIds.Id, Entry> left = new LinkedHashMap<>();
            if (response.hasUnprocessedItems()) {
                response.unprocessedItems().forEach((tableName, requests) -> {
                    List<String> names = keyNames.get(tableName);
                    if (names == null) {
                        return;
                    }
                    for (WriteRequest w : requests) {
                        Map<String, AttributeValue> attributes = w.putRequest() != null ? w.putRequest().item()
                                : w.deleteRequest() != null ? w.deleteRequest().key() : null;
                        if (attributes != null) {
                            ItemIds.Id id = ItemIds.of(tableName, names, attributes);
                            Entry e = sent.get(id);
                            if (e != null) {
                                left.put(id, e);
                            }
                        }
                    }
                });
            }
            done[0] += sent.size() - left.size();
            pending.set(0, left);
            o.attemptAll(attempt[0], t0, left.isEmpty() ? Operation.Outcome.OK : Operation.Outcome.UNPROCESSED,
                    !left.isEmpty(), response.consumedCapacity(), 0, sent.size() - left.size(), left.size());
            return left.isEmpty() ? new Retrier.Done<>(new Finished()) : new Retrier.Again<>(null);
        });
        Map<ItemIds.Id, Entry> left = pending.getFirst();
        if (outcome instanceof Retrier.Succeeded<End>(Failed f, int attempts) && invalid(f.cause()) && left.size() > 1
                && splits < MAX_SPLITS) {
            List<Entry> rest = new ArrayList<>(left.values());
            int half = (rest.size() + 1) / 2;
            Outcome first = writeChunk(client, rest.subList(0, half), policy, start, cancel, calls, splits + 1, o);
            Outcome second = writeChunk(client, rest.subList(half, rest.size()), policy, start, cancel, calls,
                    splits + 1, o);
            Map<ItemIds.Id, BatchReason> failed = new LinkedHashMap<>(first.failed());
            failed.putAll(second.failed());
            return new Outcome(done[0] + first.done() + second.done(), failed, Map.of());
        }
        return outcome(outcome, done[0], left, Map.of());
    }

    /** The most rounds a chunk DynamoDB rejects as invalid is halved in: enough to single out one of 25 items. */
    static final int MAX_SPLITS = 5;

    /** {@return whether DynamoDB rejected the call as invalid}, which one item of a chunk can cause */
    private static boolean invalid(SdkException e) {
        return e instanceof AwsServiceException s && s.statusCode() == 400 && s.awsErrorDetails() != null
                && "ValidationException".equals(s.awsErrorDetails().errorCode());
    }

    // ---- reads

    /** {@return what a batch read did}: chunks read under the policy, up to {@code parallelism} at once */
    public static Result get(DynamoDbClient client, List<Entry> entries, boolean consistentRead, int parallelism,
                             Executor executor, RetryPolicy policy, Observer o) {
        if (entries.isEmpty()) {
            return new Result(0, Map.of(), Map.of(), 0);
        }
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        // BatchGetItem's 16 MB bound is on the response: DynamoDB returns the rest as UnprocessedKeys.
        List<List<Entry>> chunks = chunks(entries, Limits.MAX_BATCH_GET_KEYS, Long.MAX_VALUE, Long.MAX_VALUE, e -> 0);
        Retrier.Cancel cancel = new Retrier.Cancel();
        List<Outcome> outcomes = run(chunks, parallelism, o.wrap(executor), cancel,
                chunk -> getChunk(client, chunk, consistentRead, policy, start, cancel, calls, o));
        return result(entries, outcomes, calls.get());
    }

    private static Outcome getChunk(DynamoDbClient client, List<Entry> chunk, boolean consistentRead,
                                    RetryPolicy policy, long start, Retrier.Cancel cancel, AtomicInteger calls,
                                    Observer o) {
        Map<String, List<String>> keyNames = keyNames(chunk);
        List<Map<ItemIds.Id, Entry>> pending = new ArrayList<>(List.of(byId(chunk)));
        Map<ItemIds.Id, Map<String, AttributeValue>> found = new LinkedHashMap<>();
        int[] done = {0};
        int[] attempt = {0};
        Retrier.Outcome<End> outcome = Retrier.attempt(policy, start, cancel, remaining -> {
            Map<ItemIds.Id, Entry> sent = pending.getFirst();
            Map<String, List<Map<String, AttributeValue>>> keys = new LinkedHashMap<>();
            for (Entry e : sent.values()) {
                keys.computeIfAbsent(e.table(), t -> new ArrayList<>()).add(e.key());
            }
            Map<String, KeysAndAttributes> requestItems = new LinkedHashMap<>();
            keys.forEach((t, k) -> requestItems.put(t, KeysAndAttributes.builder().keys(k)
                    .consistentRead(consistentRead ? Boolean.TRUE : null).build()));
            BatchGetItemRequest.Builder b = BatchGetItemRequest.builder().requestItems(requestItems)
                    .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), remaining));
            if (o.wantsCapacity()) {
                b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            }
            BatchGetItemRequest request = b.build();
            RequestLog.send(request, ++attempt[0]);
            calls.incrementAndGet();
            BatchGetItemResponse response;
            long t0 = o.now();
            try {
                response = o.active() ? o.call(() -> client.batchGetItem(request)) : client.batchGetItem(request);
            } catch (SdkException e) {
                boolean again = SdkCalls.retryable(e);
                o.failed(attempt[0], t0, e, again);
                return again ? new Retrier.Again<>(e) : new Retrier.Done<>(new Failed(e));
            }
            int foundBefore = found.size();
            if (response.hasResponses()) {
                response.responses().forEach((tableName, items) -> {
                    List<String> names = keyNames.get(tableName);
                    if (names == null) {
                        return;
                    }
                    for (Map<String, AttributeValue> item : items) {
                        ItemIds.Id id = ItemIds.of(tableName, names, item);
                        if (sent.containsKey(id)) {
                            found.put(id, item);
                        }
                    }
                });
            }
            Map<ItemIds.Id, Entry> left = new LinkedHashMap<>();
            if (response.hasUnprocessedKeys()) {
                response.unprocessedKeys().forEach((tableName, ka) -> {
                    List<String> names = keyNames.get(tableName);
                    if (names == null || !ka.hasKeys()) {
                        return;
                    }
                    for (Map<String, AttributeValue> key : ka.keys()) {
                        ItemIds.Id id = ItemIds.of(tableName, names, key);
                        Entry e = sent.get(id);
                        if (e != null && !found.containsKey(id)) {
                            left.put(id, e);
                        }
                    }
                });
            }
            done[0] += sent.size() - left.size();
            pending.set(0, left);
            o.attemptAll(attempt[0], t0, left.isEmpty() ? Operation.Outcome.OK : Operation.Outcome.UNPROCESSED,
                    !left.isEmpty(), response.consumedCapacity(), found.size() - foundBefore, 0, left.size());
            return left.isEmpty() ? new Retrier.Done<>(new Finished()) : new Retrier.Again<>(null);
        });
        return outcome(outcome, done[0], pending.getFirst(), found);
    }

    // ---- shared

    /**
     * Reports a batch's end: complete; or not, with the first failed chunk's exception class, {@code GAVE_UP} when
     * the budget ran out (items unprocessed, or a retryable failure), {@code ERROR} for a failure retrying cannot fix.
     *
     * @param o the batch's observer
     * @param r what the batch did
     * @param read whether it was a read (items returned) or a write (items written)
     */
    public static void end(Observer o, Result r, boolean read) {
        if (!o.active()) {
            return;
        }
        SdkException error = null;
        for (BatchReason reason : r.notDone().values()) {
            if (reason instanceof BatchReason.Failed f) {
                error = f.cause();
                break;
            }
        }
        Operation.Outcome outcome = r.notDone().isEmpty() ? Operation.Outcome.OK
                : error != null && !SdkCalls.retryable(error) ? Operation.Outcome.ERROR : Operation.Outcome.GAVE_UP;
        o.end(outcome, error, List.of(), r.found().size(), read ? 0 : r.done(), r.notDone().size());
    }

    private static Outcome outcome(Retrier.Outcome<End> o, int done, Map<ItemIds.Id, Entry> pending,
                                   Map<ItemIds.Id, Map<String, AttributeValue>> found) {
        BatchReason reason = switch (o) {
            case Retrier.Succeeded<End>(Finished f, int attempts) -> null;
            case Retrier.Succeeded<End>(Failed f, int attempts) -> new BatchReason.Failed(f.cause(), attempts);
            case Retrier.GaveUp<End> g -> g.lastFailure()
                    .<BatchReason>map(t -> t instanceof SdkException e ? new BatchReason.Failed(e, g.attempts())
                            : new BatchReason.Unprocessed(g.attempts()))
                    .orElseGet(() -> new BatchReason.Unprocessed(g.attempts()));
        };
        return new Outcome(done, reason == null ? Map.of() : reasons(pending, reason), found);
    }

    private static Result result(List<Entry> entries, List<Outcome> outcomes, int calls) {
        int done = 0;
        Map<ItemIds.Id, BatchReason> failed = new HashMap<>();
        Map<ItemIds.Id, Map<String, AttributeValue>> found = new HashMap<>();
        for (Outcome o : outcomes) {
            done += o.done();
            failed.putAll(o.failed());
            found.putAll(o.found());
        }
        Map<Integer, BatchReason> notDone = new LinkedHashMap<>();
        Map<Integer, Map<String, AttributeValue>> foundByIndex = new LinkedHashMap<>();
        for (Entry e : entries) {
            BatchReason reason = failed.get(e.id());
            if (reason != null) {
                notDone.put(e.index(), reason);
            }
            Map<String, AttributeValue> item = found.get(e.id());
            if (item != null) {
                foundByIndex.put(e.index(), item);
            }
        }
        return new Result(done, notDone, foundByIndex, calls);
    }

    /**
     * Runs each chunk's task, up to {@code parallelism} at once on the executor (one chunk at a time on the calling
     * thread when that is 1). An interrupt of the calling thread cancels the chunks: those not started report their
     * items unprocessed, those running stop at their next attempt (a request in flight is never aborted: that
     * resets the connection); the interrupt flag is set again once all have stopped.
     */
    private static List<Outcome> run(List<List<Entry>> chunks, int parallelism, Executor executor,
                                     Retrier.Cancel cancel, Function<List<Entry>, Outcome> task) {
        int n = chunks.size();
        if (parallelism == 1 || n == 1) {
            List<Outcome> out = new ArrayList<>(n);
            for (List<Entry> chunk : chunks) {
                if (Thread.currentThread().isInterrupted()) {
                    cancel.cancel();
                }
                out.add(cancel.cancelled() ? notStarted(chunk) : task.apply(chunk));
            }
            return out;
        }
        AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(n);
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(parallelism, n);
        List<CompletableFuture<Void>> running = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    List<Entry> chunk = chunks.get(i);
                    outcomes.set(i, cancel.cancelled() ? notStarted(chunk) : task.apply(chunk));
                }
            }, executor));
        }
        boolean interrupted = false;
        Throwable failure = null;
        for (CompletableFuture<Void> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel.cancel();
                } catch (ExecutionException e) {
                    cancel.cancel();
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw rethrow(failure);
        }
        List<Outcome> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            out.add(o != null ? o : notStarted(chunks.get(i)));
        }
        return out;
    }

    private static Outcome notStarted(List<Entry> chunk) {
        return new Outcome(0, reasons(byId(chunk), new BatchReason.Unprocessed(0)), Map.of());
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("a batch chunk failed", t);
    }

    private static Map<ItemIds.Id, Entry> byId(List<Entry> chunk) {
        Map<ItemIds.Id, Entry> m = new LinkedHashMap<>();
        for (Entry e : chunk) {
            m.put(e.id(), e);
        }
        return m;
    }

    private static Map<String, List<String>> keyNames(List<Entry> chunk) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Entry e : chunk) {
            m.putIfAbsent(e.table(), e.keyNames());
        }
        return m;
    }

    private static Map<ItemIds.Id, BatchReason> reasons(Map<ItemIds.Id, Entry> pending, BatchReason reason) {
        Map<ItemIds.Id, BatchReason> m = new LinkedHashMap<>();
        for (ItemIds.Id id : pending.keySet()) {
            m.put(id, requireNonNull(reason));
        }
        return m;
    }
}
