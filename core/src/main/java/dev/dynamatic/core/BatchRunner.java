package dev.dynamatic.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Runs {@link Batch} writes and reads: chunking, the calls, unprocessed items, retries, parallel chunks. */
final class BatchRunner {

    /**
     * One put, delete or read of a batch.
     *
     * @param table the table
     * @param item the item to put; null for a delete or a read
     * @param key the item's key attributes
     * @param id the item's identity, for duplicate checks and to match DynamoDB's unprocessed lists
     */
    record Entry(Table table, Map<String, AttributeValue> item, Map<String, AttributeValue> key, ItemIds.Id id) {
        long size() {
            return ItemIds.size(item != null ? item : key);
        }
    }

    /** What became of one chunk: how many were done, which failed and why, what a read found. */
    private record Outcome(int done, Map<ItemIds.Id, Batch.Reason> failed,
                           Map<ItemIds.Id, Map<String, AttributeValue>> found) {
    }

    private BatchRunner() {
    }

    /**
     * Cuts entries, in order, into chunks of at most {@code maxCount} entries whose sizes add up to at most
     * {@code maxBytes}; an entry larger than {@code alone} bytes (or than {@code maxBytes}) gets a chunk of its
     * own, so that a rejection of it fails no other entry.
     */
    static <E> List<List<E>> chunks(List<E> entries, int maxCount, long maxBytes, long alone, ToLongFunction<E> size) {
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

    static Batch.WriteResult write(List<Entry> entries, int parallelism, RetryPolicy policy) {
        if (entries.isEmpty()) {
            return new Batch.WriteResult(0, List.of(), 0);
        }
        DynamoDbClient client = entries.getFirst().table().client();
        RetryPolicy.Budget budget = policy.start();
        AtomicInteger calls = new AtomicInteger();
        List<List<Entry>> chunks = chunks(entries, Batch.MAX_WRITE_REQUESTS, Batch.MAX_REQUEST_BYTES,
                ItemIds.MAX_ITEM_BYTES, Entry::size);
        List<Outcome> outcomes = run(chunks, parallelism, chunk -> writeChunk(client, chunk, budget, calls));
        int written = 0;
        Map<ItemIds.Id, Batch.Reason> failed = new java.util.HashMap<>();
        for (Outcome o : outcomes) {
            written += o.done();
            failed.putAll(o.failed());
        }
        List<Batch.Unwritten> unwritten = new ArrayList<>();
        for (Entry e : entries) {
            Batch.Reason reason = failed.get(e.id());
            if (reason != null) {
                unwritten.add(new Batch.Unwritten(e.table(), ItemIds.key(e.table().schema(), e.key()),
                        Optional.ofNullable(e.item()).map(Item::fromSdk), reason));
            }
        }
        return new Batch.WriteResult(written, unwritten, calls.get());
    }

    private static Outcome writeChunk(DynamoDbClient client, List<Entry> chunk, RetryPolicy.Budget budget,
                                      AtomicInteger calls) {
        Map<ItemIds.Id, Entry> pending = byId(chunk);
        Map<String, Table> tables = tables(chunk);
        int attempts = 0;
        int done = 0;
        try {
            while (true) {
                if (budget.expired()) {
                    return new Outcome(done, reasons(pending, new Batch.Reason.Unprocessed(attempts)), Map.of());
                }
                Map<String, List<WriteRequest>> items = new LinkedHashMap<>();
                for (Entry e : pending.values()) {
                    items.computeIfAbsent(e.table().name(), t -> new ArrayList<>()).add(e.item() != null
                            ? WriteRequest.builder().putRequest(p -> p.item(e.item())).build()
                            : WriteRequest.builder().deleteRequest(d -> d.key(e.key())).build());
                }
                BatchWriteItemRequest request = BatchWriteItemRequest.builder().requestItems(items)
                        .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), budget.remaining())).build();
                attempts++;
                calls.incrementAndGet();
                BatchWriteItemResponse response;
                try {
                    response = client.batchWriteItem(request);
                } catch (SdkException e) {
                    if (SdkCalls.retryable(e) && budget.backOff(attempts, ThreadLocalRandom.current())) {
                        continue;
                    }
                    return new Outcome(done, reasons(pending, new Batch.Reason.Failed(e, attempts)), Map.of());
                }
                Map<ItemIds.Id, Entry> sent = pending;
                Map<ItemIds.Id, Entry> left = new LinkedHashMap<>();
                if (response.hasUnprocessedItems()) {
                    response.unprocessedItems().forEach((tableName, requests) -> {
                        Table t = tables.get(tableName);
                        if (t == null) {
                            return;
                        }
                        for (WriteRequest w : requests) {
                            Map<String, AttributeValue> attributes = w.putRequest() != null ? w.putRequest().item()
                                    : w.deleteRequest() != null ? w.deleteRequest().key() : null;
                            if (attributes != null) {
                                ItemIds.Id id = ItemIds.of(tableName, t.schema().names(), attributes);
                                Entry e = sent.get(id);
                                if (e != null) {
                                    left.put(id, e);
                                }
                            }
                        }
                    });
                }
                done += pending.size() - left.size();
                pending = left;
                if (pending.isEmpty()) {
                    return new Outcome(done, Map.of(), Map.of());
                }
                if (!budget.backOff(attempts, ThreadLocalRandom.current())) {
                    return new Outcome(done, reasons(pending, new Batch.Reason.Unprocessed(attempts)), Map.of());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(done, reasons(pending, new Batch.Reason.Unprocessed(attempts)), Map.of());
        }
    }

    // ---- reads

    static Batch.GetResult get(List<Entry> entries, boolean consistentRead, int parallelism, RetryPolicy policy) {
        if (entries.isEmpty()) {
            return new Batch.GetResult(Map.of(), List.of(), 0);
        }
        DynamoDbClient client = entries.getFirst().table().client();
        RetryPolicy.Budget budget = policy.start();
        AtomicInteger calls = new AtomicInteger();
        // BatchGetItem's 16 MB bound is on the response: DynamoDB returns the rest as UnprocessedKeys.
        List<List<Entry>> chunks = chunks(entries, Batch.MAX_GET_KEYS, Long.MAX_VALUE, Long.MAX_VALUE, e -> 0);
        List<Outcome> outcomes = run(chunks, parallelism, chunk -> getChunk(client, chunk, consistentRead, budget, calls));
        Map<ItemIds.Id, Batch.Reason> failed = new java.util.HashMap<>();
        Map<ItemIds.Id, Map<String, AttributeValue>> found = new java.util.HashMap<>();
        for (Outcome o : outcomes) {
            failed.putAll(o.failed());
            found.putAll(o.found());
        }
        Map<String, List<Item>> items = new LinkedHashMap<>();
        List<Batch.Unread> unread = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, AttributeValue> item = found.get(e.id());
            if (item != null) {
                items.computeIfAbsent(e.table().name(), t -> new ArrayList<>()).add(Item.fromSdk(item));
            }
            Batch.Reason reason = failed.get(e.id());
            if (reason != null) {
                unread.add(new Batch.Unread(e.table(), ItemIds.key(e.table().schema(), e.key()), reason));
            }
        }
        return new Batch.GetResult(items, unread, calls.get());
    }

    private static Outcome getChunk(DynamoDbClient client, List<Entry> chunk, boolean consistentRead,
                                    RetryPolicy.Budget budget, AtomicInteger calls) {
        Map<ItemIds.Id, Entry> pending = byId(chunk);
        Map<String, Table> tables = tables(chunk);
        Map<ItemIds.Id, Map<String, AttributeValue>> found = new LinkedHashMap<>();
        int attempts = 0;
        int done = 0;
        try {
            while (true) {
                if (budget.expired()) {
                    return new Outcome(done, reasons(pending, new Batch.Reason.Unprocessed(attempts)), found);
                }
                Map<String, List<Map<String, AttributeValue>>> keys = new LinkedHashMap<>();
                for (Entry e : pending.values()) {
                    keys.computeIfAbsent(e.table().name(), t -> new ArrayList<>()).add(e.key());
                }
                Map<String, KeysAndAttributes> requestItems = new LinkedHashMap<>();
                keys.forEach((t, k) -> requestItems.put(t, KeysAndAttributes.builder().keys(k)
                        .consistentRead(consistentRead ? Boolean.TRUE : null).build()));
                BatchGetItemRequest request = BatchGetItemRequest.builder().requestItems(requestItems)
                        .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), budget.remaining())).build();
                attempts++;
                calls.incrementAndGet();
                BatchGetItemResponse response;
                try {
                    response = client.batchGetItem(request);
                } catch (SdkException e) {
                    if (SdkCalls.retryable(e) && budget.backOff(attempts, ThreadLocalRandom.current())) {
                        continue;
                    }
                    return new Outcome(done, reasons(pending, new Batch.Reason.Failed(e, attempts)), found);
                }
                Map<ItemIds.Id, Entry> sent = pending;
                if (response.hasResponses()) {
                    response.responses().forEach((tableName, items) -> {
                        Table t = tables.get(tableName);
                        if (t == null) {
                            return;
                        }
                        for (Map<String, AttributeValue> item : items) {
                            ItemIds.Id id = ItemIds.of(tableName, t.schema().names(), item);
                            if (sent.containsKey(id)) {
                                found.put(id, item);
                            }
                        }
                    });
                }
                Map<ItemIds.Id, Entry> left = new LinkedHashMap<>();
                if (response.hasUnprocessedKeys()) {
                    response.unprocessedKeys().forEach((tableName, ka) -> {
                        Table t = tables.get(tableName);
                        if (t == null || !ka.hasKeys()) {
                            return;
                        }
                        for (Map<String, AttributeValue> key : ka.keys()) {
                            ItemIds.Id id = ItemIds.of(tableName, t.schema().names(), key);
                            Entry e = sent.get(id);
                            if (e != null && !found.containsKey(id)) {
                                left.put(id, e);
                            }
                        }
                    });
                }
                done += pending.size() - left.size();
                pending = left;
                if (pending.isEmpty()) {
                    return new Outcome(done, Map.of(), found);
                }
                if (!budget.backOff(attempts, ThreadLocalRandom.current())) {
                    return new Outcome(done, reasons(pending, new Batch.Reason.Unprocessed(attempts)), found);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(done, reasons(pending, new Batch.Reason.Unprocessed(attempts)), found);
        }
    }

    // ---- shared

    /**
     * Runs each chunk's task, up to {@code parallelism} at once on platform threads of a pool owned by this call
     * (platform threads: the Apache HTTP client blocks inside {@code synchronized} and would pin virtual threads
     * on JDK 21). An interrupt of the calling thread stops the chunks not yet started and interrupts the others,
     * which report their items unprocessed.
     */
    private static List<Outcome> run(List<List<Entry>> chunks, int parallelism, Function<List<Entry>, Outcome> task) {
        if (parallelism == 1 || chunks.size() == 1) {
            List<Outcome> out = new ArrayList<>(chunks.size());
            for (List<Entry> chunk : chunks) {
                out.add(Thread.currentThread().isInterrupted()
                        ? new Outcome(0, reasons(byId(chunk), new Batch.Reason.Unprocessed(0)), Map.of())
                        : task.apply(chunk));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, chunks.size()),
                Thread.ofPlatform().daemon().name("dynamatic-batch-", 0).factory());
        try {
            List<Future<Outcome>> futures = new ArrayList<>(chunks.size());
            for (List<Entry> chunk : chunks) {
                futures.add(pool.submit(() -> task.apply(chunk)));
            }
            List<Outcome> out = new ArrayList<>(chunks.size());
            boolean interrupted = false;
            for (int i = 0; i < futures.size(); i++) {
                while (true) {
                    try {
                        out.add(futures.get(i).get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        for (Runnable notStarted : pool.shutdownNow()) {
                            ((Future<?>) notStarted).cancel(false);
                        }
                    } catch (CancellationException e) {
                        out.add(new Outcome(0, reasons(byId(chunks.get(i)), new Batch.Reason.Unprocessed(0)), Map.of()));
                        break;
                    } catch (ExecutionException e) {
                        pool.shutdownNow();
                        throw rethrow(e.getCause());
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
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

    private static Map<String, Table> tables(List<Entry> chunk) {
        Map<String, Table> m = new LinkedHashMap<>();
        for (Entry e : chunk) {
            m.putIfAbsent(e.table().name(), e.table());
        }
        return m;
    }

    private static Map<ItemIds.Id, Batch.Reason> reasons(Map<ItemIds.Id, Entry> pending, Batch.Reason reason) {
        Map<ItemIds.Id, Batch.Reason> m = new LinkedHashMap<>();
        for (ItemIds.Id id : pending.keySet()) {
            m.put(id, reason);
        }
        return m;
    }
}
