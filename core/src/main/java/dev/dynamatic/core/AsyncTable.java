package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The asynchronous twin of {@link Table} over {@code DynamoDbAsyncClient}: the same operations, the same
 * rendering, validation and mapping, with results in {@link CompletableFuture}s and queries and scans a page
 * at a time.
 *
 * <p>Invalid arguments throw at the call, before anything is sent; outcomes arrive as values in the
 * future; infrastructure failures complete the future exceptionally. Immutable and thread-safe.
 */
public final class AsyncTable {

    private final DynamoDbAsyncClient client;
    private final Requests requests;

    private AsyncTable(DynamoDbAsyncClient client, Requests requests) {
        this.client = client;
        this.requests = requests;
    }

    /** {@return an asynchronous table with an explicitly declared key schema} */
    public static AsyncTable of(DynamoDbAsyncClient client, String name, KeySchema schema) {
        return new AsyncTable(requireNonNull(client, "client is null"), new Requests(name, schema, false));
    }

    /** {@return this table logging value contents in its DEBUG request log} */
    public AsyncTable logValues(boolean on) {
        return new AsyncTable(client, new Requests(requests.table, requests.schema, on));
    }

    /** {@return the table name} */
    public String name() {
        return requests.table;
    }

    /** {@return the item the get names, decoded, with the SDK response; empty if there is none} */
    public <T> CompletableFuture<Result<Optional<T>, GetItemResponse>> get(GetItem get, ItemCodec<T> codec) {
        return client.getItem(requests.get(get))
                .thenApply(r -> new Result<>(Requests.attributes(r.item(), r.hasItem(), codec), r));
    }

    /** {@return the item with this key as {@link Item}, or empty} */
    public CompletableFuture<Optional<Item>> get(Key key) {
        return get(GetItem.of(key), ItemCodec.items()).thenApply(Result::value);
    }

    /** {@return the put's outcome, as {@link Table#put(PutItem)}} */
    public <T> CompletableFuture<Either<Failure, Result<Optional<T>, PutItemResponse>>> put(PutItem<T> put) {
        return outcome(client.putItem(requests.put(put)),
                r -> new Result<>(Requests.attributes(r.attributes(), r.hasAttributes(), put.codec()), r));
    }

    /** {@return the update's outcome, as {@link Table#update(UpdateItem, ItemCodec)}} */
    public <T> CompletableFuture<Either<Failure, Result<Optional<T>, UpdateItemResponse>>> update(UpdateItem update,
                                                                                                 ItemCodec<T> codec) {
        boolean asked = update.returnValues() != ReturnValue.NONE;
        return outcome(client.updateItem(requests.update(update)),
                r -> new Result<>(Requests.attributes(r.attributes(), asked && r.hasAttributes(), codec), r));
    }

    /** {@return the delete's outcome, as {@link Table#delete(DeleteItem, ItemCodec)}} */
    public <T> CompletableFuture<Either<Failure, Result<Optional<T>, DeleteItemResponse>>> delete(DeleteItem delete,
                                                                                                 ItemCodec<T> codec) {
        return outcome(client.deleteItem(requests.delete(delete)),
                r -> new Result<>(Requests.attributes(r.attributes(), r.hasAttributes(), codec), r));
    }

    /**
     * {@return one page of the query}: pass the page's cursor to {@code Query.startAfter} for the next one. A
     * {@code limit} caps the page's items (the cursor then points after the last item kept).
     */
    public <T> CompletableFuture<Page<T>> queryPage(Query query, ItemCodec<T> codec) {
        Requests.Plan<software.amazon.awssdk.services.dynamodb.model.QueryRequest> plan = requests.query(query, false);
        return client.query(plan.page().apply(plan.startKey(), Table.limit(query.limit())))
                .thenApply(r -> page(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null,
                        Table.limit(query.limit()), plan, codec));
    }

    /** {@return one page of the scan}, as {@link #queryPage(Query, ItemCodec)} */
    public <T> CompletableFuture<Page<T>> scanPage(Scan scan, ItemCodec<T> codec) {
        Requests.Plan<software.amazon.awssdk.services.dynamodb.model.ScanRequest> plan = requests.scan(scan, false);
        return client.scan(plan.page().apply(plan.startKey(), Table.limit(scan.limit())))
                .thenApply(r -> page(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null,
                        Table.limit(scan.limit()), plan, codec));
    }

    private static <T> Page<T> page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey,
                                    long limit, Requests.Plan<?> plan, ItemCodec<T> codec) {
        int keep = (int) Math.min(items.size(), limit);
        List<T> out = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            out.add(codec.decode(Requests.strip(items.get(i), plan.added())));
        }
        Optional<String> cursor;
        if (keep < items.size()) {
            Map<String, AttributeValue> last = items.get(keep - 1);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (String name : plan.keyNames()) {
                if (last.containsKey(name)) {
                    key.put(name, last.get(name));
                }
            }
            cursor = Optional.of(Cursors.encode(key));
        } else {
            cursor = lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()
                    ? Optional.empty() : Optional.of(Cursors.encode(lastEvaluatedKey));
        }
        return new Page<>(out, cursor);
    }

    private static <R, T> CompletableFuture<Either<Failure, T>> outcome(CompletableFuture<R> call, Function<R, T> map) {
        return call.handle((r, error) -> {
            if (error == null) {
                return Either.<Failure, T>right(map.apply(r));
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ConditionalCheckFailedException e) {
                return Either.<Failure, T>left(Requests.conditionFailed(e));
            }
            throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }
}
