package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.internal.Cursors;
import dev.dynamatic.core.internal.Outcomes;
import dev.dynamatic.core.internal.RequestLog;
import dev.dynamatic.core.internal.Requests;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.dynamatic.core.internal.Observer;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The asynchronous twin of {@link Table} over {@code DynamoDbAsyncClient}: the same operations, the same
 * assembly, validation and mapping, with results in {@link CompletableFuture}s and queries and scans a page
 * at a time.
 *
 * <p>Invalid arguments throw at the call, before anything is sent; outcomes arrive as values in the
 * future; infrastructure failures complete the future exceptionally. Immutable and thread-safe.
 *
 * {@snippet :
 * AsyncTable shop = AsyncTable.of(asyncClient, "Shop", KeySchema.of("PK", "SK"));
 * shop.get(Key.of("CUST#1", "PROFILE"), customers).thenAccept(c -> c.ifPresent(this::show));
 * }
 */
public final class AsyncTable {

    private final DynamoDbAsyncClient client;
    private final Requests requests;
    private final @Nullable OperationListener listener;

    private AsyncTable(DynamoDbAsyncClient client, Requests requests, @Nullable OperationListener listener) {
        this.client = client;
        this.requests = requests;
        this.listener = listener;
    }

    /**
     * {@return an asynchronous table with an explicitly declared key schema}
     *
     * @param client the asynchronous client every call goes through
     * @param name the table name
     * @param schema the table's key schema, with its indexes' key schemas
     */
    public static AsyncTable of(DynamoDbAsyncClient client, String name, KeySchema schema) {
        return new AsyncTable(requireNonNull(client, "client is null"), Requests.of(name, schema), null);
    }

    /**
     * {@return this table with the listener that observes its operations}, replacing any earlier one. The future an
     * operation returns is completed through the listener's {@link OperationListener.Observation#wrap(Runnable)}, so
     * callbacks attached to it before it completes run in the operation's context (a tracing listener's span).
     *
     * @param operationListener what observes each operation on this table
     */
    public AsyncTable withListener(OperationListener operationListener) {
        return new AsyncTable(client, requests, requireNonNull(operationListener, "operationListener is null"));
    }

    /** {@return the listener that observes this table's operations, if one was registered} */
    public Optional<OperationListener> listener() {
        return Optional.ofNullable(listener);
    }

    private Observer observe(Operation.Kind kind, String api, @Nullable String index, @Nullable ItemCodec<?> codec) {
        return listener == null ? Observer.NONE : Observer.start(listener, kind, api, name(), index, codec);
    }

    /**
     * {@return the call's future as the caller's code should see it}, the request logged: without a listener the
     * call's own future (the method reference is a constant, so nothing is allocated); with one, a future completed
     * after the call is reported as an operation of one attempt, through the listener's wrapping (its context)
     */
    private static <Q extends DynamoDbRequest, R extends DynamoDbResponse> CompletableFuture<R> send(
            Observer o, Q request, DynamoDbAsyncClient client,
            BiFunction<DynamoDbAsyncClient, Q, CompletableFuture<R>> call, int written) {
        RequestLog.send(request, 1);
        if (!o.active()) {
            return call.apply(client, request);
        }
        long t0 = o.now();
        CompletableFuture<R> out = new CompletableFuture<>();
        o.call(() -> call.apply(client, request)).whenComplete((r, error) -> {
            if (error == null) {
                o.single(t0, Observer.capacityOf(r), Observer.countOf(r), written);
                o.wrap(() -> out.complete(r)).run();
            } else {
                o.single(t0, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                o.wrap(() -> out.completeExceptionally(error)).run();
            }
        });
        return out;
    }

    /** {@return the table name} */
    public String name() {
        return requests.table();
    }

    /** {@return the key schema} */
    public KeySchema schema() {
        return requests.schema();
    }

    /** {@return the client this table calls} */
    public DynamoDbAsyncClient client() {
        return client;
    }

    /**
     * {@return the item with this key as an {@link Item}, or empty}
     *
     * @param key the item's key
     */
    public CompletableFuture<Optional<Item>> get(Key key) {
        return get(GetItem.of(key), Item.codec());
    }

    /**
     * {@return the item with this key decoded by the codec, or empty}
     *
     * @param <T> the item type
     * @param key the item's key
     * @param codec how the item is decoded
     */
    public <T> CompletableFuture<Optional<T>> get(Key key, ItemCodec<T> codec) {
        return get(GetItem.of(key), codec);
    }

    /**
     * {@return the item the get names, decoded by the codec, or empty}
     *
     * @param <T> the item type
     * @param get the key and read options
     * @param codec how the item is decoded
     */
    public <T> CompletableFuture<Optional<T>> get(GetItem get, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        GetItemRequest.Builder b = requests.get(get).applyTo(GetItemRequest.builder());
        Observer o = observe(Operation.Kind.GET, "GetItem", null, codec);
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        get.customizer().ifPresent(c -> c.accept(b));
        return send(o, b.build(), client, DynamoDbAsyncClient::getItem, 0)
                .thenApply(r -> Outcomes.decode(r.item(), r.hasItem(), codec));
    }

    /**
     * {@return the put's outcome, as {@link Table#put(PutItem)}}
     *
     * @param <T> the item type
     * @param put the item, its codec and the put's options
     */
    public <T> CompletableFuture<Either<Failure, Written<T>>> put(PutItem<T> put) {
        PutItemRequest.Builder b = requests.put(put).applyTo(PutItemRequest.builder());
        Observer o = observe(Operation.Kind.PUT, "PutItem", null, put.codec());
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        put.customizer().ifPresent(c -> c.accept(b));
        return outcome(send(o, b.build(), client, DynamoDbAsyncClient::putItem, 1),
                r -> Written.of(Outcomes.decode(r.attributes(), r.hasAttributes(), put.codec()), r));
    }

    /**
     * {@return the update's outcome, returned attributes as an {@link Item}, as {@link Table#update(UpdateItem)}}
     *
     * @param update the key, the update and its options
     */
    public CompletableFuture<Either<Failure, Written<Item>>> update(UpdateItem update) {
        return update(update, Item.codec());
    }

    /**
     * {@return the update's outcome, as {@link Table#update(UpdateItem, ItemCodec)}}
     *
     * @param <T> the item type
     * @param update the key, the update and its options
     * @param codec how the returned attributes are decoded
     */
    public <T> CompletableFuture<Either<Failure, Written<T>>> update(UpdateItem update, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        UpdateItemRequest.Builder b = requests.update(update).applyTo(UpdateItemRequest.builder());
        Observer o = observe(Operation.Kind.UPDATE, "UpdateItem", null, codec);
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        update.customizer().ifPresent(c -> c.accept(b));
        boolean asked = update.returnValues() != ReturnValue.NONE;
        return outcome(send(o, b.build(), client, DynamoDbAsyncClient::updateItem, 1),
                r -> Written.of(Outcomes.decode(r.attributes(), asked && r.hasAttributes(), codec), r));
    }

    /**
     * {@return the delete's outcome, the deleted item as an {@link Item}, as {@link Table#delete(DeleteItem)}}
     *
     * @param delete the key and the delete's options
     */
    public CompletableFuture<Either<Failure, Written<Item>>> delete(DeleteItem delete) {
        return delete(delete, Item.codec());
    }

    /**
     * {@return the delete's outcome, as {@link Table#delete(DeleteItem, ItemCodec)}}
     *
     * @param <T> the item type
     * @param delete the key and the delete's options
     * @param codec how the deleted item is decoded
     */
    public <T> CompletableFuture<Either<Failure, Written<T>>> delete(DeleteItem delete, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        DeleteItemRequest.Builder b = requests.delete(delete).applyTo(DeleteItemRequest.builder());
        Observer o = observe(Operation.Kind.DELETE, "DeleteItem", null, codec);
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        delete.customizer().ifPresent(c -> c.accept(b));
        return outcome(send(o, b.build(), client, DynamoDbAsyncClient::deleteItem, 1),
                r -> Written.of(Outcomes.decode(r.attributes(), r.hasAttributes(), codec), r));
    }

    /**
     * {@return one page of the query}: pass the page's cursor to {@code Query.withStartAfter} for the next one. A
     * {@code limit} caps the page's items (the cursor then points after the last item kept).
     *
     * @param <T> the item type
     * @param query the key condition and the query's options, its start cursor included
     * @param codec how each item is decoded
     */
    public <T> CompletableFuture<Page<T>> queryPage(Query query, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        Requests.Plan<QueryRequest> plan = requests.query(query, false);
        Observer o = observe(Operation.Kind.QUERY, "Query", listener == null ? null : query.index().orElse(null), codec);
        QueryRequest request = plan.page().page(plan.startKey(), plan.limit());
        return send(o, o.wantsCapacity() ? Observer.withCapacity(request) : request, client,
                        DynamoDbAsyncClient::query, 0)
                .thenApply(r -> page(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null, plan, codec));
    }

    /**
     * {@return one page of the scan}, as {@link #queryPage(Query, ItemCodec)}
     *
     * @param <T> the item type
     * @param scan the scan's options, its start cursor included
     * @param codec how each item is decoded
     */
    public <T> CompletableFuture<Page<T>> scanPage(Scan scan, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        Requests.Plan<ScanRequest> plan = requests.scan(scan, false);
        Observer o = observe(Operation.Kind.SCAN, "Scan", listener == null ? null : scan.index().orElse(null), codec);
        ScanRequest request = plan.page().page(plan.startKey(), plan.limit());
        return send(o, o.wantsCapacity() ? Observer.withCapacity(request) : request, client,
                        DynamoDbAsyncClient::scan, 0)
                .thenApply(r -> page(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null, plan, codec));
    }

    private static <T> Page<T> page(List<Map<String, AttributeValue>> items,
                                    @Nullable Map<String, AttributeValue> lastEvaluatedKey, Requests.Plan<?> plan,
                                    ItemCodec<T> codec) {
        int keep = (int) Math.min(items.size(), plan.limit());
        List<T> out = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            Map<String, AttributeValue> item = items.get(i);
            try {
                out.add(codec.decode(plan.strip(item)));
            } catch (RuntimeException e) {
                throw new ItemDecodeException("item " + (i + 1) + " of the page could not be decoded: " + e.getMessage(),
                        Item.codec().decode(item), cursorAt(item, plan), e);
            }
        }
        Optional<String> cursor;
        if (keep < items.size()) {
            cursor = Optional.of(cursorAt(items.get(keep - 1), plan));
        } else {
            cursor = lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()
                    ? Optional.empty() : Optional.of(Cursors.encode(lastEvaluatedKey));
        }
        return new Page<>(out, cursor);
    }

    /** {@return a cursor positioned just past the item} */
    private static String cursorAt(Map<String, AttributeValue> item, Requests.Plan<?> plan) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : plan.keyNames()) {
            AttributeValue v = item.get(name);
            if (v != null) {
                key.put(name, v);
            }
        }
        return Cursors.encode(key);
    }

    private static <R, T> CompletableFuture<Either<Failure, T>> outcome(CompletableFuture<R> call, Function<R, T> map) {
        return call.handle((r, error) -> {
            if (error == null) {
                return Either.<Failure, T>right(map.apply(r));
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ConditionalCheckFailedException e) {
                return Either.<Failure, T>left(Outcomes.conditionFailed(e));
            }
            throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }

    /** {@return the table's name and key schema} */
    @Override
    public String toString() {
        return "AsyncTable[" + name() + ", " + schema() + (listener == null ? "" : ", with a listener") + "]";
    }
}
