package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * One DynamoDB table, bound to a client, its name and its key schema: every single-item operation, query
 * and scan, rendered from expression trees and mapped back through an {@link ItemCodec}.
 *
 * <p>Expected outcomes are values: a failed condition is {@code Either.left(Failure.ConditionFailed)} with
 * the item as it was; a missing item is an empty {@code Optional}. Invalid arguments throw
 * {@link IllegalArgumentException} before anything is sent; infrastructure failures throw the SDK's
 * exception. A {@code Table} is immutable and thread-safe.
 *
 * {@snippet :
 * Table shop = Table.of(client, "Shop", KeySchema.of("PK", "SK").withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK")));
 * shop.put(Item.of(Map.of("PK", "CUST#1", "SK", "PROFILE", "name", "Ada")));
 * Optional<Item> ada = shop.get(Key.of("CUST#1", "PROFILE"));
 * var shipped = shop.update(UpdateItem.of(Key.of("ORDER#7", "HEADER"), update(set(path("status"), value("SHIPPED"))))
 *         .condition(eq(path("status"), value("OPEN"))));
 * try (ItemStream<Item> orders = shop.query(Query.of(partitionKey("GSI1PK", value("CUST#1"))).index("GSI1"))) {
 *     orders.forEach(System.out::println);
 * }
 * }
 */
public final class Table {

    private final DynamoDbClient client;
    private final Requests requests;

    private Table(DynamoDbClient client, Requests requests) {
        this.client = client;
        this.requests = requests;
    }

    /** {@return a table with an explicitly declared key schema (no call is made)} */
    public static Table of(DynamoDbClient client, String name, KeySchema schema) {
        return new Table(requireNonNull(client, "client is null"), new Requests(name, schema, false));
    }

    /**
     * {@return a table whose key schema is read with DescribeTable}: an opt-in convenience that needs the
     * {@code dynamodb:DescribeTable} permission and one call now
     */
    public static Table describe(DynamoDbClient client, String name) {
        return of(client, name, KeySchema.describe(client, name));
    }

    /**
     * {@return this table logging value contents in its DEBUG request log} (off by default: values may hold
     * personal data, so they are logged as their type only)
     */
    public Table logValues(boolean on) {
        return new Table(client, new Requests(requests.table, requests.schema, on));
    }

    /** {@return the table name} */
    public String name() {
        return requests.table;
    }

    /** {@return the key schema} */
    public KeySchema schema() {
        return requests.schema;
    }

    /** {@return the client this table calls} */
    public DynamoDbClient client() {
        return client;
    }

    /** {@return the key as DynamoDB attributes, named by this table's schema} */
    public Map<String, AttributeValue> key(Key key) {
        return requests.key(key);
    }

    // ---- get

    /** {@return the item with this key, all attributes, eventually consistent; empty if there is none} */
    public Optional<Item> get(Key key) {
        return get(GetItem.of(key), ItemCodec.items()).value();
    }

    /** {@return the item with this key decoded by the codec; empty if there is none} */
    public <T> Optional<T> get(Key key, ItemCodec<T> codec) {
        return get(GetItem.of(key), codec).value();
    }

    /** {@return the item the get names, decoded, with the SDK response} */
    public <T> Result<Optional<T>, GetItemResponse> get(GetItem get, ItemCodec<T> codec) {
        GetItemResponse r = client.getItem(requests.get(get));
        return new Result<>(Requests.attributes(r.item(), r.hasItem(), codec), r);
    }

    // ---- put

    /** Writes the item unconditionally, replacing any item with its key. */
    public void put(Item item) {
        put(PutItem.of(item));
    }

    /** Writes the item unconditionally through the codec, replacing any item with its key. */
    public <T> void put(T item, ItemCodec<T> codec) {
        put(PutItem.of(item, codec));
    }

    /**
     * {@return the put's outcome}: on the right the replaced item (if {@code returnOld} was asked and there was
     * one) with the SDK response; on the left, if the condition failed, the item as it was
     */
    public <T> Either<Failure, Result<Optional<T>, PutItemResponse>> put(PutItem<T> put) {
        try {
            PutItemResponse r = client.putItem(requests.put(put));
            return Either.right(new Result<>(Requests.attributes(r.attributes(), r.hasAttributes(), put.codec()), r));
        } catch (ConditionalCheckFailedException e) {
            return Either.left(Requests.conditionFailed(e));
        }
    }

    // ---- update

    /** {@return the update's outcome, returned attributes as {@link Item}}; see {@link #update(UpdateItem, ItemCodec)} */
    public Either<Failure, Result<Optional<Item>, UpdateItemResponse>> update(UpdateItem update) {
        return update(update, ItemCodec.items());
    }

    /**
     * {@return the update's outcome}: on the right the attributes asked for with {@code returning(..)} (empty for
     * {@code NONE}), decoded by the codec, with the SDK response; on the left, if the condition failed, the
     * item as it was. Use {@link ItemCodec#items()} for {@code UPDATED_*}, which return only some attributes.
     */
    public <T> Either<Failure, Result<Optional<T>, UpdateItemResponse>> update(UpdateItem update, ItemCodec<T> codec) {
        try {
            UpdateItemResponse r = client.updateItem(requests.update(update));
            boolean asked = update.returnValues() != ReturnValue.NONE;
            return Either.right(new Result<>(Requests.attributes(r.attributes(), asked && r.hasAttributes(), codec), r));
        } catch (ConditionalCheckFailedException e) {
            return Either.left(Requests.conditionFailed(e));
        }
    }

    // ---- delete

    /** {@return the delete's outcome, the deleted item as {@link Item}}; see {@link #delete(DeleteItem, ItemCodec)} */
    public Either<Failure, Result<Optional<Item>, DeleteItemResponse>> delete(DeleteItem delete) {
        return delete(delete, ItemCodec.items());
    }

    /**
     * {@return the delete's outcome}: on the right the deleted item (if {@code returnOld} was asked and there was
     * one) with the SDK response; on the left, if the condition failed, the item as it was
     */
    public <T> Either<Failure, Result<Optional<T>, DeleteItemResponse>> delete(DeleteItem delete, ItemCodec<T> codec) {
        try {
            DeleteItemResponse r = client.deleteItem(requests.delete(delete));
            return Either.right(new Result<>(Requests.attributes(r.attributes(), r.hasAttributes(), codec), r));
        } catch (ConditionalCheckFailedException e) {
            return Either.left(Requests.conditionFailed(e));
        }
    }

    // ---- query and scan

    /** {@return the query's items as {@link Item}s, fetched lazily} */
    public ItemStream<Item> query(Query query) {
        return query(query, ItemCodec.items());
    }

    /** {@return the query's items decoded by the codec, fetched a page at a time as they are consumed} */
    public <T> ItemStream<T> query(Query query, ItemCodec<T> codec) {
        Requests.Plan<QueryRequest> plan = requests.query(query, false);
        return new ItemStream<>((start, remaining) -> {
            QueryResponse r = client.query(plan.page().apply(start, remaining));
            return new ItemStream.Fetched(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null,
                    r.consumedCapacity());
        }, item -> codec.decode(Requests.strip(item, plan.added())), plan.keyNames(), limit(query.limit()),
                plan.startKey());
    }

    /** {@return the number of items the query matches (after its filter)}: {@code Select=COUNT}, over every page */
    public long count(Query query) {
        Requests.Plan<QueryRequest> plan = requests.query(query, true);
        long total = 0;
        Map<String, AttributeValue> start = plan.startKey();
        do {
            QueryResponse r = client.query(plan.page().apply(start, Long.MAX_VALUE));
            total += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    /** {@return the scan's items as {@link Item}s, fetched lazily} */
    public ItemStream<Item> scan(Scan scan) {
        return scan(scan, ItemCodec.items());
    }

    /** {@return the scan's items decoded by the codec, fetched a page at a time as they are consumed} */
    public <T> ItemStream<T> scan(Scan scan, ItemCodec<T> codec) {
        Requests.Plan<ScanRequest> plan = requests.scan(scan, false);
        return new ItemStream<>((start, remaining) -> {
            ScanResponse r = client.scan(plan.page().apply(start, remaining));
            return new ItemStream.Fetched(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null,
                    r.consumedCapacity());
        }, item -> codec.decode(Requests.strip(item, plan.added())), plan.keyNames(), limit(scan.limit()),
                plan.startKey());
    }

    /** {@return the number of items the scan matches (after its filter)}, over every page */
    public long count(Scan scan) {
        Requests.Plan<ScanRequest> plan = requests.scan(scan, true);
        long total = 0;
        Map<String, AttributeValue> start = plan.startKey();
        do {
            ScanResponse r = client.scan(plan.page().apply(start, Long.MAX_VALUE));
            total += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    static long limit(java.util.OptionalInt limit) {
        return limit.isPresent() ? limit.getAsInt() : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "Table[" + requests.table + ", " + requests.schema + "]";
    }

    // ---- batches, parallel scan, and what transactions and the optimistic lock need

    /** The request builder of this table, for {@link Transaction} and {@link OptimisticLock}. */
    Requests requests() {
        return requests;
    }

    /**
     * {@return the items with these keys}, read with BatchGetItem in chunks of 100 under
     * {@link RetryPolicy#defaults()}; the result lists every key not read and why. For several tables,
     * consistency, parallel chunks or another budget, use {@link Batch#get()}.
     *
     * @throws IllegalArgumentException if a key is given twice or does not fit the schema
     */
    public Batch.GetResult batchGet(java.util.Collection<Key> keys) {
        return Batch.get().keys(this, keys).execute();
    }

    /**
     * {@return what was written}: the puts and deletes with BatchWriteItem in chunks of 25 under
     * {@link RetryPolicy#defaults()}; the result lists every item not written and why. For several tables,
     * codecs, parallel chunks or another budget, use {@link Batch#write()}.
     *
     * @throws IllegalArgumentException if one item is put or deleted twice, or an item lacks its key
     */
    public Batch.WriteResult batchWrite(java.util.Collection<Item> puts, java.util.Collection<Key> deletes) {
        return Batch.write().putAll(this, puts).deleteAll(this, deletes).execute();
    }

    /** {@return a parallel scan of {@code totalSegments} segments, not yet started, items as {@link Item}s} */
    public ParallelScan<Item> parallelScan(Scan scan, int totalSegments) {
        return parallelScan(scan, totalSegments, ItemCodec.items());
    }

    /**
     * {@return a parallel scan of {@code totalSegments} segments, not yet started, items decoded by the codec}
     *
     * @throws IllegalArgumentException if the scan already names a segment, a cursor or a limit
     */
    public <T> ParallelScan<T> parallelScan(Scan scan, int totalSegments, ItemCodec<T> codec) {
        return ParallelScan.of(this, scan, totalSegments, codec);
    }
}
