package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.core.internal.Clients;
import dev.dynamatic.core.internal.ItemIds;
import dev.dynamatic.core.internal.Outcomes;
import dev.dynamatic.core.internal.RequestLog;
import dev.dynamatic.core.internal.Requests;
import dev.dynamatic.core.internal.Observer;
import dev.dynamatic.core.internal.Retrier;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import dev.dynamatic.core.internal.SdkCalls;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * A TransactWriteItems: puts, updates, deletes and condition checks across tables that share one client,
 * built from the same {@link PutItem}, {@link UpdateItem}, {@link DeleteItem} specs as single-item writes, plus
 * {@link ConditionCheck}. All happen or none. Also {@link #get(List)} for TransactGetItems.
 *
 * <p>Each action is assembled and checked when it is added: at most {@value Limits#MAX_TRANSACTION_ACTIONS} actions, at most
 * 4 MB of items and values, no item targeted twice (DynamoDB's rules), and no single-item option a transaction
 * action does not have ({@code withReturnOld(true)}, {@code withReturnValues(..)} other than {@code NONE}, or a
 * customizer) — all {@link IllegalArgumentException}s before anything is sent.
 *
 * <p><b>Idempotency.</b> Every {@code Transaction} value carries a client request token: {@link #of()} draws a
 * random one, and so does each method that adds an action, unless {@link #withToken(String)} set one explicitly.
 * Executing the same value again (within DynamoDB's 10-minute window) is therefore idempotent: DynamoDB
 * answers success without writing twice.
 *
 * <p><b>Outcomes.</b> A cancellation whose reasons are not all transient is {@link Failure.TransactionCanceled},
 * with one reason per action in order (and the item as it was for a failed condition). A cancellation whose
 * reasons are all transient ({@code TransactionConflict}, {@code ThrottlingError},
 * {@code ProvisionedThroughputExceeded}), throttling, 5xx, a dropped connection and
 * {@code TransactionInProgressException} are retried with the same token under the {@link RetryPolicy} (SDK
 * retries off, see there); when the budget runs out, {@link RetriesExhaustedException} carries every attempt's
 * failure. Other exceptions ({@code IdempotentParameterMismatchException}, validation) are thrown at once.
 *
 * {@snippet :
 * Either<Failure, TransactWriteItemsResponse> registered = Transaction.of()
 *         .put(shop, PutItem.of(customer, CUSTOMER).withCondition(attributeNotExists(path("PK"))))
 *         .put(shop, PutItem.of(emailGuard, EMAIL_GUARD).withCondition(attributeNotExists(path("PK"))))
 *         .execute();
 * }
 *
 * <p>Immutable: each method that adds or configures returns a new transaction.
 */
public final class Transaction {

    private record Action(Table table, ItemIds.Id id, TransactWriteItem item, long size) {
    }

    private final List<Action> actions;
    private final String token;
    private final boolean explicitToken;
    private final RetryPolicy retry;
    private final long bytes;

    private Transaction(List<Action> actions, String token, boolean explicitToken, RetryPolicy retry, long bytes) {
        this.actions = actions;
        this.token = token;
        this.explicitToken = explicitToken;
        this.retry = retry;
        this.bytes = bytes;
    }

    /** {@return an empty transaction with a fresh random token and {@link RetryPolicy#defaults()}} */
    public static Transaction of() {
        return new Transaction(List.of(), newToken(), false, RetryPolicy.defaults(), 0);
    }

    /**
     * {@return this transaction plus the put}
     *
     * @param <T> the item type
     * @param table the table to write to
     * @param put the item, its codec and condition
     * @throws IllegalArgumentException if the put returns the old item or has a customizer, its item lacks its
     *                                  key, or the transaction would break one of DynamoDB's rules
     */
    public <T> Transaction put(Table table, PutItem<T> put) {
        requireNonNull(table, "table is null");
        requireNonNull(put, "put is null");
        reject(put.returnOld(), "put", "withReturnOld(true)");
        reject(put.customizer().isPresent(), "put", "a customizer");
        return put(table, Requests.of(table.name(), table.schema()).put(put));
    }

    /** {@return this transaction plus a put assembled already} (the optimistic lock assembles its put once) */
    Transaction put(Table table, Requests.PutParts p) {
        return add(table, p.key(), p.transactItem(), p.size());
    }

    /**
     * {@return this transaction plus the update}
     *
     * @param table the table to write to
     * @param update the key, the update and its condition
     * @throws IllegalArgumentException if the update returns values or has a customizer, or the transaction would
     *                                  break one of DynamoDB's rules
     */
    public Transaction update(Table table, UpdateItem update) {
        requireNonNull(table, "table is null");
        requireNonNull(update, "update is null");
        reject(update.returnValues() != software.amazon.awssdk.services.dynamodb.model.ReturnValue.NONE, "update",
                "withReturnValues(" + update.returnValues() + ")");
        reject(update.customizer().isPresent(), "update", "a customizer");
        Requests.UpdateParts u = Requests.of(table.name(), table.schema()).update(update);
        return add(table, u.key(), u.transactItem(), u.size());
    }

    /**
     * {@return this transaction plus the delete}
     *
     * @param table the table to delete from
     * @param delete the key and the condition
     * @throws IllegalArgumentException if the delete returns the old item or has a customizer, or the transaction
     *                                  would break one of DynamoDB's rules
     */
    public Transaction delete(Table table, DeleteItem delete) {
        requireNonNull(table, "table is null");
        requireNonNull(delete, "delete is null");
        reject(delete.returnOld(), "delete", "withReturnOld(true)");
        reject(delete.customizer().isPresent(), "delete", "a customizer");
        Requests.DeleteParts d = Requests.of(table.name(), table.schema()).delete(delete);
        return add(table, d.key(), d.transactItem(), d.size());
    }

    /**
     * {@return this transaction plus the condition check}
     *
     * @param table the table the checked item is in
     * @param check the key and the condition
     * @throws IllegalArgumentException if the transaction would break one of DynamoDB's rules
     */
    public Transaction check(Table table, ConditionCheck check) {
        requireNonNull(table, "table is null");
        requireNonNull(check, "check is null");
        Requests.CheckParts c = Requests.of(table.name(), table.schema()).check(check);
        return add(table, c.key(), c.transactItem(), c.size());
    }

    /**
     * {@return this transaction with an explicit client request token}, kept by the actions added after it: use
     * it to retry a transaction idempotently from another process
     *
     * @param clientRequestToken the token, 1 to 36 characters
     * @throws IllegalArgumentException unless the token has 1 to 36 characters (DynamoDB's rule)
     */
    public Transaction withToken(String clientRequestToken) {
        requireNonNull(clientRequestToken, "clientRequestToken is null");
        if (clientRequestToken.isEmpty() || clientRequestToken.length() > Limits.MAX_CLIENT_REQUEST_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a client request token has 1 to " + Limits.MAX_CLIENT_REQUEST_TOKEN_LENGTH
                    + " characters, got " + clientRequestToken.length());
        }
        return new Transaction(actions, clientRequestToken, true, retry, bytes);
    }

    /**
     * {@return this transaction retried under the policy}
     *
     * @param policy the attempts, backoff and deadline
     */
    public Transaction withRetry(RetryPolicy policy) {
        return new Transaction(actions, token, explicitToken, requireNonNull(policy, "policy is null"), bytes);
    }

    /** {@return the client request token this transaction is sent with} */
    public String token() {
        return token;
    }

    /** {@return the number of actions} */
    public int size() {
        return actions.size();
    }

    /**
     * Runs the transaction.
     *
     * @return the SDK response, or the cancellation with its reasons per action
     * @throws IllegalArgumentException if the transaction has no action
     * @throws RetriesExhaustedException if the budget ran out, carrying every attempt's failure
     * @throws SdkException if the call fails for a reason that retrying cannot fix (earlier attempts' failures
     *                      suppressed)
     */
    public Either<Failure, TransactWriteItemsResponse> execute() {
        return execute(Table.observe(actions, Action::table, Operation.Kind.TRANSACT_WRITE, "TransactWriteItems"), true);
    }

    /**
     * Runs the transaction, its attempts reported to the observer; its end too when {@code ends} (an
     * {@link OptimisticLock} reports the end of its locked write itself).
     */
    Either<Failure, TransactWriteItemsResponse> execute(Observer o, boolean ends) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one action");
        }
        DynamoDbClient client = actions.getFirst().table().client();
        List<TransactWriteItem> items = new ArrayList<>(actions.size());
        for (Action a : actions) {
            items.add(a.item());
        }
        return retrying(retry, "TransactWriteItems (" + actions.size() + " actions)", ends ? o : Observer.NONE, o,
                (attempt, remaining) -> {
            TransactWriteItemsRequest.Builder b = TransactWriteItemsRequest.builder().transactItems(items)
                    .clientRequestToken(token)
                    .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), remaining));
            if (o.wantsCapacity()) {
                b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            }
            TransactWriteItemsRequest request = b.build();
            RequestLog.send(request, attempt);
            long t0 = o.now();
            TransactWriteItemsResponse r = o.active() ? o.call(() -> client.transactWriteItems(request))
                    : client.transactWriteItems(request);
            o.attemptAll(attempt, t0, Operation.Outcome.OK, false, r.consumedCapacity(), 0, items.size(), 0);
            return r;
        }, r -> 0, items.size());
    }

    /**
     * One read of a {@link #get(List) TransactGetItems}.
     *
     * <p>Immutable; equal when table, key and projection are equal.
     */
    public static final class Read {
        private final Table table;
        private final Key key;
        private final @Nullable Projection projection;

        private Read(Table table, Key key, @Nullable Projection projection) {
            this.table = table;
            this.key = key;
            this.projection = projection;
        }

        /**
         * {@return a read of the whole item with this key}
         *
         * @param table the table to read from
         * @param key the item's key
         */
        public static Read of(Table table, Key key) {
            return new Read(requireNonNull(table, "table is null"), requireNonNull(key, "key is null"), null);
        }

        /**
         * {@return this read returning only the projected attributes}
         *
         * @param p the attributes to return
         */
        public Read withProjection(Projection p) {
            return new Read(table, key, requireNonNull(p, "projection is null"));
        }

        /** {@return the table} */
        public Table table() {
            return table;
        }

        /** {@return the item's key} */
        public Key key() {
            return key;
        }

        /** {@return the attributes to return; empty for all} */
        public Optional<Projection> projection() {
            return Optional.ofNullable(projection);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Read r && table.equals(r.table) && key.equals(r.key)
                    && Objects.equals(projection, r.projection);
        }

        @Override
        public int hashCode() {
            return Objects.hash(table, key, projection);
        }

        @Override
        public String toString() {
            return "Read[" + table.name() + ", key=" + key + (projection == null ? "" : ", projected") + "]";
        }
    }

    /**
     * {@return the items read in one serializable snapshot}; see {@link #get(List, RetryPolicy)}
     *
     * @param reads the reads, 1 to {@value Limits#MAX_TRANSACTION_ACTIONS}, across tables that share one client
     */
    public static Either<Failure, List<Optional<Item>>> get(List<Read> reads) {
        return get(reads, RetryPolicy.defaults());
    }

    /**
     * Reads up to {@value Limits#MAX_TRANSACTION_ACTIONS} items, across tables that share one client, in one serializable snapshot
     * (TransactGetItems); transient cancellations and retryable failures are retried under the policy. Each item
     * is an {@link Item}, a view over its attributes: {@code item.decode(codec)} reads it as the caller's type.
     *
     * @param reads the reads, in the order of the result
     * @param policy the attempts, backoff and deadline
     * @return one entry per read, in order, empty where there is no item; or the cancellation with its reasons
     * @throws IllegalArgumentException for no reads, more than {@value Limits#MAX_TRANSACTION_ACTIONS}, one item read twice, or
     *                                  tables on different clients
     * @throws RetriesExhaustedException if the budget ran out, carrying every attempt's failure
     */
    public static Either<Failure, List<Optional<Item>>> get(List<Read> reads, RetryPolicy policy) {
        requireNonNull(policy, "policy is null");
        List<Read> all = List.copyOf(requireNonNull(reads, "reads is null"));
        if (all.isEmpty() || all.size() > Limits.MAX_TRANSACTION_ACTIONS) {
            throw new IllegalArgumentException("a transactional read has 1 to " + Limits.MAX_TRANSACTION_ACTIONS + " reads, got " + all.size());
        }
        Map<ItemIds.Id, Integer> seen = new HashMap<>();
        List<TransactGetItem> items = new ArrayList<>(all.size());
        Table first = all.getFirst().table();
        for (Read r : all) {
            Clients.checkSame("transaction", first.client(), first.name(), r.table().client(), r.table().name());
            Requests.GetParts g = Requests.of(r.table().name(), r.table().schema()).get(r.key(), r.projection());
            ItemIds.Id id = ItemIds.of(r.table().name(), r.table().schema().names(), g.key());
            Integer earlier = seen.putIfAbsent(id, items.size());
            if (earlier != null) {
                throw new IllegalArgumentException("a transaction reads each item once: reads " + earlier + " and "
                        + items.size() + " (table " + r.table().name() + ") have the same key");
            }
            items.add(TransactGetItem.builder().get(g.applyTo(Get.builder()).build()).build());
        }
        DynamoDbClient client = first.client();
        Observer o = Table.observe(all, Read::table, Operation.Kind.TRANSACT_GET, "TransactGetItems");
        return retrying(policy, "TransactGetItems (" + all.size() + " reads)", o, o, (attempt, remaining) -> {
            TransactGetItemsRequest.Builder b = TransactGetItemsRequest.builder().transactItems(items)
                    .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), remaining));
            if (o.wantsCapacity()) {
                b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            }
            TransactGetItemsRequest request = b.build();
            RequestLog.send(request, attempt);
            long t0 = o.now();
            TransactGetItemsResponse response = o.active() ? o.call(() -> client.transactGetItems(request))
                    : client.transactGetItems(request);
            List<Optional<Item>> out = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                ItemResponse ir = response.hasResponses() && i < response.responses().size()
                        ? response.responses().get(i) : null;
                out.add(ir == null ? Optional.empty() : Outcomes.item(ir.item(), ir.hasItem()));
            }
            if (o.active()) {
                o.attemptAll(attempt, t0, Operation.Outcome.OK, false, response.consumedCapacity(), found(out), 0, 0);
            }
            return out;
        }, Transaction::found, 0);
    }

    /** {@return the reads that found an item} */
    private static int found(List<Optional<Item>> reads) {
        int found = 0;
        for (Optional<Item> read : reads) {
            found += read.isPresent() ? 1 : 0;
        }
        return found;
    }

    /** A call that sends a transaction: attempt number (from 1), and the time left before the deadline. */
    @FunctionalInterface
    private interface Call<R> {
        R send(int attempt, Optional<java.time.Duration> remaining);
    }

    /**
     * Calls until the call succeeds, is cancelled for a reason that is not transient (returned as a value), fails in
     * a way retrying cannot fix (thrown), or the budget runs out ({@link RetriesExhaustedException}).
     */
    private static <R> Either<Failure, R> retrying(RetryPolicy policy, String operation, Observer ending, Observer o,
                                                  Call<R> call, ToIntFunction<R> returned, int written) {
        int[] attempts = {0};
        Either<Failure, R> result;
        try {
            result = Retrier.run(policy, operation, remaining -> {
                long t0 = o.now();
                try {
                    return new Retrier.Done<>(Either.<Failure, R>right(call.send(++attempts[0], remaining)));
                } catch (TransactionInProgressException e) {
                    o.failed(attempts[0], t0, e, true);
                    return new Retrier.Again<>(e); // the same token's earlier attempt is still running: ask again
                } catch (TransactionCanceledException e) {
                    Failure.TransactionCanceled canceled = Outcomes.canceled(e);
                    boolean again = Outcomes.allTransient(canceled);
                    o.failed(attempts[0], t0, e, again);
                    return again ? new Retrier.Again<>(e) : new Retrier.Done<>(Either.<Failure, R>left(canceled));
                } catch (SdkException e) {
                    boolean again = SdkCalls.retryable(e);
                    o.failed(attempts[0], t0, e, again);
                    if (!again) {
                        throw e;
                    }
                    return new Retrier.Again<>(e);
                }
            });
        } catch (RuntimeException e) {
            ending.end(e);
            throw e;
        }
        if (ending.active()) {
            if (result.isRight()) {
                ending.end(Operation.Outcome.OK, null, List.of(), returned.applyAsInt(result.get()), written, 0);
            } else {
                ending.end(result.getLeft());
            }
        }
        return result;
    }

    // ---- internals

    private static void reject(boolean present, String what, String option) {
        if (present) {
            throw new IllegalArgumentException("a transaction's " + what + " cannot have " + option
                    + ": a transaction action returns no values (DynamoDB returns the old item only for a failed"
                    + " condition, which the library asks for) and has no SDK request of its own to customize");
        }
    }

    private Transaction add(Table table, Map<String, AttributeValue> key, TransactWriteItem item, long size) {
        if (!actions.isEmpty()) {
            Table first = actions.getFirst().table();
            Clients.checkSame("transaction", first.client(), first.name(), table.client(), table.name());
        }
        if (actions.size() == Limits.MAX_TRANSACTION_ACTIONS) {
            throw new IllegalArgumentException("a transaction has at most " + Limits.MAX_TRANSACTION_ACTIONS + " actions");
        }
        ItemIds.Id id = ItemIds.of(table.name(), table.schema().names(), key);
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).id().equals(id)) {
                throw new IllegalArgumentException("a transaction targets each item once: actions " + i + " and "
                        + actions.size() + " (table " + table.name() + ") have the same key (DynamoDB rejects the"
                        + " whole transaction)");
            }
        }
        long total = bytes + size;
        if (total > Limits.MAX_TRANSACTION_BYTES) {
            throw new IllegalArgumentException("a transaction carries at most " + Limits.MAX_TRANSACTION_BYTES + " bytes; with this action "
                    + total);
        }
        List<Action> more = new ArrayList<>(actions.size() + 1);
        more.addAll(actions);
        more.add(new Action(table, id, item, size));
        return new Transaction(List.copyOf(more), explicitToken ? token : newToken(), explicitToken, retry, total);
    }

    private static String newToken() {
        return UUID.randomUUID().toString();
    }

    /** {@return the number of actions and the token} */
    @Override
    public String toString() {
        return "Transaction[" + actions.size() + " actions, token " + token + "]";
    }
}
