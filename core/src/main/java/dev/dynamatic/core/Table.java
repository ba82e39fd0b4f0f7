package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.core.internal.BehaviourWrites;
import dev.dynamatic.core.internal.Outcomes;
import dev.dynamatic.core.internal.Patches;
import dev.dynamatic.core.internal.RequestLog;
import dev.dynamatic.core.internal.Requests;
import dev.dynamatic.core.internal.Retrier;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import dev.dynamatic.core.internal.Observer;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * One DynamoDB table, bound to a client, its name and its key schema: every single-item operation, query
 * and scan, rendered from expression trees and mapped back through an {@link ItemCodec}.
 *
 * <p>Expected outcomes are values: a failed condition is {@code Either.left(Failure.ConditionFailed)} with
 * the item as it was; a missing item is an empty {@code Optional}. Invalid arguments throw
 * {@link IllegalArgumentException} before anything is sent; infrastructure failures throw the SDK's
 * exception (these calls keep the SDK client's own retries). A {@code Table} is immutable and thread-safe.
 * Batches, transactions, the optimistic lock and parallel scans take tables: see {@link BatchWrite},
 * {@link BatchGet}, {@link Transaction}, {@link OptimisticLock} and {@link ParallelScan}.
 *
 * {@snippet :
 * Table shop = Table.of(client, "Shop", KeySchema.of("PK", "SK").withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK")));
 * shop.put(Item.of(Map.of("PK", "CUST#1", "SK", "PROFILE", "name", "Ada")));
 * Optional<Item> ada = shop.get(Key.of("CUST#1", "PROFILE"));
 * Either<Failure, Written<Item>> shipped = shop.update(UpdateItem.of(Key.of("ORDER#7", "HEADER"),
 *                 update(set(path("status"), value("SHIPPED"))))
 *         .withCondition(eq(path("status"), value("OPEN"))));
 * try (ItemStream<Item> orders = shop.query(Query.of(partitionKey("GSI1PK", value("CUST#1"))).withIndex("GSI1"))) {
 *     orders.forEach(System.out::println);
 * }
 * }
 */
public final class Table {

    private final DynamoDbClient client;
    private final Requests requests;
    private final @Nullable OperationListener listener;

    private Table(DynamoDbClient client, Requests requests, @Nullable OperationListener listener) {
        this.client = client;
        this.requests = requests;
        this.listener = listener;
    }

    /**
     * {@return a table with an explicitly declared key schema (no call is made)}
     *
     * @param client the client every call goes through
     * @param name the table name
     * @param schema the table's key schema, with its indexes' key schemas
     */
    public static Table of(DynamoDbClient client, String name, KeySchema schema) {
        return new Table(requireNonNull(client, "client is null"), Requests.of(name, schema), null);
    }

    /**
     * {@return this table with the listener that observes its operations}, replacing any earlier one; batches,
     * transactions, locked writes and parallel scans on the returned table report to it too
     *
     * @param operationListener what observes each operation and attempt on this table
     */
    public Table withListener(OperationListener operationListener) {
        return new Table(client, requests, requireNonNull(operationListener, "operationListener is null"));
    }

    /** {@return the listener that observes this table's operations, if one was registered} */
    public Optional<OperationListener> listener() {
        return Optional.ofNullable(listener);
    }

    /** The listener, or null: for the other front-ends, which must not allocate when there is none. */
    @Nullable OperationListener listenerOrNull() {
        return listener;
    }

    /**
     * {@return the observer of an operation on the tables of these parts (a batch's entries, a transaction's
     * actions)}: each distinct listener of those tables once; {@link Observer#NONE}, allocating nothing more, when
     * none has a listener
     */
    static <A> Observer observe(Iterable<A> parts, Function<A, Table> table, Operation.Kind kind, String api) {
        boolean any = false;
        for (A a : parts) {
            any |= table.apply(a).listener != null;
        }
        if (!any) {
            return Observer.NONE;
        }
        List<@Nullable OperationListener> listeners = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (A a : parts) {
            listeners.add(table.apply(a).listener);
            names.add(table.apply(a).name());
        }
        return Observer.start(listeners, kind, api, names);
    }

    /** {@return the observer of an operation on this table}: {@link Observer#NONE}, allocating nothing, without one */
    Observer observe(Operation.Kind kind, String api, @Nullable String index, @Nullable ItemCodec<?> codec) {
        return listener == null ? Observer.NONE : Observer.start(listener, kind, api, name(), index, codec);
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
    public DynamoDbClient client() {
        return client;
    }

    /**
     * {@return the key as DynamoDB attributes, named by this table's schema}
     *
     * @param key a key of this table
     * @throws IllegalArgumentException if the key does not fit the schema
     */
    public Map<String, AttributeValue> key(Key key) {
        return requests.key(key);
    }

    // ---- get

    /**
     * {@return the item with this key, all attributes, eventually consistent; empty if there is none}
     *
     * @param key the item's key
     */
    public Optional<Item> get(Key key) {
        return get(GetItem.of(key), Item.codec());
    }

    /**
     * {@return the item with this key decoded by the codec; empty if there is none}
     *
     * @param <T> the item type
     * @param key the item's key
     * @param codec how the item is decoded
     */
    public <T> Optional<T> get(Key key, ItemCodec<T> codec) {
        return get(GetItem.of(key), codec);
    }

    /**
     * {@return the item the get names, decoded by the codec; empty if there is none}
     *
     * @param <T> the item type
     * @param get the key and read options
     * @param codec how the item is decoded
     */
    public <T> Optional<T> get(GetItem get, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        GetItemRequest.Builder b = requests.get(get).applyTo(GetItemRequest.builder());
        Observer o = observe(Operation.Kind.GET, "GetItem", null, codec);
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        get.customizer().ifPresent(c -> c.accept(b));
        GetItemResponse r = send(o, b.build(), client, DynamoDbClient::getItem, 0);
        return Outcomes.decode(r.item(), r.hasItem(), codec);
    }

    // ---- put

    /**
     * Writes the item unconditionally, replacing any item with its key.
     *
     * @param item the item, with its key attributes
     */
    public void put(Item item) {
        put(PutItem.of(item));
    }

    /**
     * Writes the item unconditionally through the codec, replacing any item with its key.
     *
     * @param <T> the item type
     * @param item the item
     * @param codec how the item becomes attributes, key included
     * @throws IllegalArgumentException if the codec's {@linkplain ItemCodec#behaviours() behaviours} keep a creation
     *                                  time, which makes a put a create whose failure this method could not report:
     *                                  use {@link #put(PutItem)}
     */
    public <T> void put(T item, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        BehaviourWrites.unconditionalPut(name(), codec.behaviours());
        put(PutItem.of(item, codec));
    }

    /**
     * {@return the put's outcome}: on the right the replaced item (if {@code withReturnOld(true)} and there was
     * one); on the left, if the condition failed, the item as it was
     *
     * @param <T> the item type
     * @param put the item, its codec and the put's options
     */
    public <T> Either<Failure, Written<T>> put(PutItem<T> put) {
        PutItemRequest.Builder b = requests.put(put).applyTo(PutItemRequest.builder());
        Observer o = observe(Operation.Kind.PUT, "PutItem", null, put.codec());
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        put.customizer().ifPresent(c -> c.accept(b));
        PutItemRequest request = b.build();
        try {
            PutItemResponse r = send(o, request, client, DynamoDbClient::putItem, 1);
            return Either.right(Written.of(Outcomes.decode(r.attributes(), r.hasAttributes(), put.codec()), r));
        } catch (ConditionalCheckFailedException e) {
            return Either.left(Outcomes.conditionFailed(e));
        }
    }

    // ---- update

    /**
     * {@return the update's outcome, returned attributes as an {@link Item}}; see {@link #update(UpdateItem, ItemCodec)}
     *
     * @param update the key, the update and its options
     */
    public Either<Failure, Written<Item>> update(UpdateItem update) {
        return update(update, Item.codec());
    }

    /**
     * {@return the update's outcome}: on the right the attributes asked for with {@code withReturnValues(..)}
     * (none for {@code NONE}), decoded by the codec; on the left, if the condition failed, the item as it was. Use
     * {@link Item#codec()} for {@code UPDATED_*}, which return only some attributes.
     *
     * @param <T> the item type
     * @param update the key, the update and its options
     * @param codec how the returned attributes are decoded
     */
    public <T> Either<Failure, Written<T>> update(UpdateItem update, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        UpdateItemRequest.Builder b = requests.update(update).applyTo(UpdateItemRequest.builder());
        Observer o = observe(Operation.Kind.UPDATE, "UpdateItem", null, codec);
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        update.customizer().ifPresent(c -> c.accept(b));
        UpdateItemRequest request = b.build();
        try {
            UpdateItemResponse r = send(o, request, client, DynamoDbClient::updateItem, 1);
            boolean asked = update.returnValues() != ReturnValue.NONE;
            return Either.right(Written.of(Outcomes.decode(r.attributes(), asked && r.hasAttributes(), codec), r));
        } catch (ConditionalCheckFailedException e) {
            return Either.left(Outcomes.conditionFailed(e));
        }
    }

    // ---- patch

    /**
     * {@return the patch's outcome}: on the right the item as written if {@code withReturnNew(true)}, decoded by the
     * patch's codec; on the left, if the patch's own condition failed, the item as it was. See {@link Patch} for how
     * a patch descends into maps that may be missing: it can take several requests, each written whole or not at all,
     * under the patch's {@link RetryPolicy}; each request is sent like {@link #update(UpdateItem)} (the SDK's own
     * retries on).
     *
     * {@snippet :
     * Either<Failure, Written<Profile>> r = table.patch(Patch.of(changes, profiles).withReturnNew(true));
     * }
     *
     * @param <T> the value's type
     * @param patch the value, its codec and the patch's options
     * @throws IllegalArgumentException if the value lacks its key, writes nothing but its key, or cannot be stored
     * @throws RetriesExhaustedException if the item's shape kept changing under the patch until the policy ran out
     *                                   (each failed attempt's {@code ConditionalCheckFailedException} carried)
     */
    public <T> Either<Failure, Written<T>> patch(Patch<T> patch) {
        requireNonNull(patch, "patch is null");
        Behaviours behaviours = patch.codec().behaviours().and(patch.behaviours());
        Map<String, AttributeValue> item = patch.codec().encode(patch.value());
        Key key = schema().keyOf(requests.keyOfItem(item));
        Patches.Plan plan = Patches.plan(name(), item, schema().names(), patch.removable(), behaviours);
        ReturnValue returned = patch.returnNew() ? ReturnValue.ALL_NEW : ReturnValue.NONE;
        // What the last failed attempt found stored; null before the first, which assumes every map exists.
        AtomicReference<@Nullable Map<String, AttributeValue>> stored = new AtomicReference<>();
        int[] attempts = {0};
        Observer o = observe(Operation.Kind.PATCH, "UpdateItem", null, patch.codec());
        Either<Failure, Written<T>> outcome;
        try {
            outcome = Retrier.run(patch.retry(), "patch of an item in table " + name(), remaining -> {
                // The first attempt guesses that every map exists; when it fails, what it found decides the next at
                // once (no backoff: that is not contention). Later failures mean another writer changed the shape:
                // back off.
                boolean guessed = stored.get() == null;
                Patches.Shape shape = Patches.shape(plan, stored.get());
                UpdateItem u = UpdateItem.of(key, shape.update()).withBehaviours(behaviours).withReturnValues(returned);
                Optional<Condition> condition = shape.condition(patch.condition());
                UpdateItem sent = condition.map(u::withCondition).orElse(u);
                UpdateItemRequest.Builder b = requests.update(sent).applyTo(UpdateItemRequest.builder());
                if (o.wantsCapacity()) {
                    b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
                }
                UpdateItemRequest request = b.build();
                int attempt = ++attempts[0];
                RequestLog.send(request, attempt);
                long t0 = o.now();
                try {
                    UpdateItemResponse r = o.active() ? o.call(() -> client.updateItem(request))
                            : client.updateItem(request);
                    o.attempt(attempt, t0, Operation.Outcome.OK, false, r.consumedCapacity(), 0, 1, 0);
                    return new Retrier.Done<>(Either.right(Written.of(Outcomes.decode(r.attributes(),
                            patch.returnNew() && r.hasAttributes(), patch.codec()), r)));
                } catch (ConditionalCheckFailedException e) {
                    Failure.ConditionFailed failed = Outcomes.conditionFailed(e);
                    // Engines that do not return the item with a failed condition: read it as it is now.
                    Optional<Item> now = failed.item().isPresent() ? failed.item()
                            : get(GetItem.of(key).withConsistentRead(true), Item.codec());
                    Map<String, AttributeValue> found = now.map(Item::attributes).orElse(Map.of());
                    boolean own = shape.fits(found) && patch.condition().isPresent();
                    o.failed(attempt, t0, e, !own);
                    if (own) {
                        return new Retrier.Done<>(Either.left(new Failure.ConditionFailed(now, failed.message())));
                    }
                    stored.set(found);
                    return new Retrier.Again<>(e, guessed);
                } catch (RuntimeException e) {
                    o.failed(attempt, t0, e, false);
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            o.end(e);
            throw e;
        }
        o.end(outcome.isRight() ? Operation.Outcome.OK : Operation.Outcome.CONDITION_FAILED, null, List.of(), 0,
                outcome.isRight() ? 1 : 0, 0);
        return outcome;
    }

    // ---- delete

    /**
     * {@return the delete's outcome, the deleted item as an {@link Item}}; see {@link #delete(DeleteItem, ItemCodec)}
     *
     * @param delete the key and the delete's options
     */
    public Either<Failure, Written<Item>> delete(DeleteItem delete) {
        return delete(delete, Item.codec());
    }

    /**
     * {@return the delete's outcome}: on the right the deleted item (if {@code withReturnOld(true)} and there was
     * one); on the left, if the condition failed, the item as it was
     *
     * @param <T> the item type
     * @param delete the key and the delete's options
     * @param codec how the deleted item is decoded
     */
    public <T> Either<Failure, Written<T>> delete(DeleteItem delete, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        DeleteItemRequest.Builder b = requests.delete(delete).applyTo(DeleteItemRequest.builder());
        Observer o = observe(Operation.Kind.DELETE, "DeleteItem", null, codec);
        if (o.wantsCapacity()) {
            b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        }
        delete.customizer().ifPresent(c -> c.accept(b));
        DeleteItemRequest request = b.build();
        try {
            DeleteItemResponse r = send(o, request, client, DynamoDbClient::deleteItem, 1);
            return Either.right(Written.of(Outcomes.decode(r.attributes(), r.hasAttributes(), codec), r));
        } catch (ConditionalCheckFailedException e) {
            return Either.left(Outcomes.conditionFailed(e));
        }
    }

    // ---- query and scan

    /**
     * {@return the query's items as {@link Item}s, fetched lazily}
     *
     * @param query the key condition and the query's options
     */
    public ItemStream<Item> query(Query query) {
        return query(query, Item.codec());
    }

    /**
     * {@return the query's items decoded by the codec, fetched a page at a time as they are consumed}
     *
     * @param <T> the item type
     * @param query the key condition and the query's options
     * @param codec how each item is decoded
     */
    public <T> ItemStream<T> query(Query query, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        Requests.Plan<QueryRequest> plan = requests.query(query, false);
        String index = indexOf(query);
        return new ItemStream<>((start, remaining) -> fetchedQuery(page(observe(Operation.Kind.QUERY, "Query", index,
                codec), plan.page().page(start, remaining), client, DynamoDbClient::query)),
                item -> codec.decode(plan.strip(item)), plan.keyNames(), plan.limit(), plan.startKey());
    }

    /**
     * {@return the number of items the query matches (after its filter)}: {@code Select=COUNT}, over every page
     *
     * @param query the key condition and the query's options
     */
    public long count(Query query) {
        Requests.Plan<QueryRequest> plan = requests.query(query, true);
        long total = 0;
        @Nullable Map<String, AttributeValue> start = plan.startKey();
        do {
            Observer o = observe(Operation.Kind.QUERY, "Query", indexOf(query), null);
            QueryResponse r = page(o, plan.page().page(start, Long.MAX_VALUE), client, DynamoDbClient::query);
            total += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    /**
     * {@return the scan's items as {@link Item}s, fetched lazily}
     *
     * @param scan the scan's options
     */
    public ItemStream<Item> scan(Scan scan) {
        return scan(scan, Item.codec());
    }

    /**
     * {@return the scan's items decoded by the codec, fetched a page at a time as they are consumed}
     *
     * @param <T> the item type
     * @param scan the scan's options
     * @param codec how each item is decoded
     */
    public <T> ItemStream<T> scan(Scan scan, ItemCodec<T> codec) {
        requireNonNull(codec, "codec is null");
        Requests.Plan<ScanRequest> plan = requests.scan(scan, false);
        String index = indexOf(scan);
        return new ItemStream<>((start, remaining) -> fetchedScan(page(observe(Operation.Kind.SCAN, "Scan", index,
                codec), plan.page().page(start, remaining), client, DynamoDbClient::scan)),
                item -> codec.decode(plan.strip(item)), plan.keyNames(), plan.limit(), plan.startKey());
    }

    /**
     * {@return the number of items the scan matches (after its filter)}, over every page
     *
     * @param scan the scan's options
     */
    public long count(Scan scan) {
        Requests.Plan<ScanRequest> plan = requests.scan(scan, true);
        long total = 0;
        @Nullable Map<String, AttributeValue> start = plan.startKey();
        do {
            Observer o = observe(Operation.Kind.SCAN, "Scan", indexOf(scan), null);
            ScanResponse r = page(o, plan.page().page(start, Long.MAX_VALUE), client, DynamoDbClient::scan);
            total += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    private static ItemStream.Fetched fetchedQuery(QueryResponse r) {
        return new ItemStream.Fetched(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null,
                r.consumedCapacity());
    }

    private static ItemStream.Fetched fetchedScan(ScanResponse r) {
        return new ItemStream.Fetched(r.items(), r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null,
                r.consumedCapacity());
    }

    /** {@return the query's index for its observer}: null without a listener, which then allocates no Optional */
    private @Nullable String indexOf(Query query) {
        return listener == null ? null : query.index().orElse(null);
    }

    private @Nullable String indexOf(Scan scan) {
        return listener == null ? null : scan.index().orElse(null);
    }

    /**
     * {@return one page's response}: the request asks for capacity when a listener wants it (unless its
     * customizer said otherwise), and the page is reported as an operation of one attempt
     */
    private static <Q extends DynamoDbRequest, R extends DynamoDbResponse> R page(Observer o, Q request,
                                                                                DynamoDbClient client,
                                                                                BiFunction<DynamoDbClient, Q, R> call) {
        return send(o, o.wantsCapacity() ? Observer.withCapacity(request) : request, client, call, 0);
    }

    /**
     * {@return the response of one call the SDK client retries itself (a single-item call, a page)}, logged and
     * reported as an operation of one attempt: its items read counted from the response, its items written as
     * given. Without a listener, just the call: the method reference is a constant, so nothing is allocated.
     */
    private static <Q extends DynamoDbRequest, R extends DynamoDbResponse> R send(Observer o, Q request,
                                                                                DynamoDbClient client,
                                                                                BiFunction<DynamoDbClient, Q, R> call,
                                                                                int written) {
        RequestLog.send(request, 1);
        if (!o.active()) {
            return call.apply(client, request);
        }
        long t0 = o.now();
        R r;
        try {
            r = o.call(() -> call.apply(client, request));
        } catch (RuntimeException e) {
            o.single(t0, e);
            throw e;
        }
        o.single(t0, Observer.capacityOf(r), Observer.countOf(r), written);
        return r;
    }

    /** {@return the table's name and key schema} */
    @Override
    public String toString() {
        return "Table[" + name() + ", " + schema() + (listener == null ? "" : ", with a listener") + "]";
    }
}
