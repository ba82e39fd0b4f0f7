package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Projection;
import dev.dynamatic.render.Renderer;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A TransactWriteItems: puts, updates, deletes and condition checks across tables that share one client,
 * built from the same {@link PutItem}, {@link UpdateItem}, {@link DeleteItem} specs as single-item writes, plus
 * {@link ConditionCheck}. All happen or none. Also {@link #get(List)} for TransactGetItems.
 *
 * <p>Each action is rendered and checked when it is added: at most {@value #MAX_ACTIONS} actions, at most
 * {@value #MAX_BYTES} bytes of items and values, no item targeted twice (DynamoDB's rules), and no
 * single-item option a transaction action does not have ({@code returnOld}, {@code returning(..)}, or a
 * customizer setting {@code ReturnConsumedCapacity}, {@code ReturnItemCollectionMetrics} or legacy
 * parameters) — all {@link IllegalArgumentException}s before anything is sent.
 *
 * <p><b>Idempotency.</b> Every {@code Transaction} value carries a client request token: {@link #of()} draws a
 * random one, and so does each method that adds an action, unless {@link #token(String)} set one explicitly.
 * Executing the same value again (within DynamoDB's 10-minute window) is therefore idempotent: DynamoDB
 * answers success without writing twice.
 *
 * <p><b>Outcomes.</b> A cancellation whose reasons are not all transient is {@link Failure.TransactionCanceled},
 * with one reason per action in order (and the item as it was for a failed condition). A cancellation whose
 * reasons are all transient ({@code TransactionConflict}, {@code ThrottlingError},
 * {@code ProvisionedThroughputExceeded}), throttling, 5xx, a dropped connection and
 * {@code TransactionInProgressException} are retried with the same token under the {@link RetryPolicy} (SDK
 * retries off, see there); when the budget runs out, the last exception is thrown. Other exceptions
 * ({@code IdempotentParameterMismatchException}, validation) are thrown at once.
 *
 * {@snippet :
 * Either<Failure, TransactWriteItemsResponse> registered = Transaction.of()
 *         .put(shop, PutItem.of(customer).condition(attributeNotExists(path("PK"))))
 *         .put(shop, PutItem.of(emailGuard).condition(attributeNotExists(path("PK"))))
 *         .execute();
 * }
 */
public final class Transaction {

    /** DynamoDB's most actions in one transaction. */
    public static final int MAX_ACTIONS = 100;

    /** DynamoDB's most bytes in one transaction. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    /** DynamoDB's longest client request token. */
    public static final int MAX_TOKEN_LENGTH = 36;

    private static final Set<String> TRANSIENT = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded");

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

    /** {@return this transaction plus the put} ({@code returningOld()} is not available in a transaction) */
    public <T> Transaction put(Table table, PutItem<T> put) {
        requireNonNull(table, "table is null");
        PutItemRequest r = table.requests().put(requireNonNull(put, "put is null"));
        rejectReturnValues(r.returnValues(), r.returnConsumedCapacity(), r.returnItemCollectionMetrics(),
                r.hasExpected() || r.conditionalOperator() != null, "put");
        software.amazon.awssdk.services.dynamodb.model.Put p = software.amazon.awssdk.services.dynamodb.model.Put.builder()
                .tableName(r.tableName()).item(r.item()).conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null)
                .expressionAttributeValues(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null)
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailure()).build();
        return add(table, ItemIds.keyOf(table.schema(), r.item()), TransactWriteItem.builder().put(p).build(),
                ItemIds.size(r.item()) + values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null));
    }

    /** {@return this transaction plus the update} ({@code returning(..)} is not available in a transaction) */
    public Transaction update(Table table, UpdateItem update) {
        requireNonNull(table, "table is null");
        UpdateItemRequest r = table.requests().update(requireNonNull(update, "update is null"));
        rejectReturnValues(r.returnValues(), r.returnConsumedCapacity(), r.returnItemCollectionMetrics(),
                r.hasExpected() || r.hasAttributeUpdates() || r.conditionalOperator() != null, "update");
        software.amazon.awssdk.services.dynamodb.model.Update u = software.amazon.awssdk.services.dynamodb.model.Update
                .builder().tableName(r.tableName()).key(r.key()).updateExpression(r.updateExpression())
                .conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null)
                .expressionAttributeValues(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null)
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailure()).build();
        return add(table, r.key(), TransactWriteItem.builder().update(u).build(),
                ItemIds.size(r.key()) + values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null));
    }

    /** {@return this transaction plus the delete} ({@code returningOld()} is not available in a transaction) */
    public Transaction delete(Table table, DeleteItem delete) {
        requireNonNull(table, "table is null");
        DeleteItemRequest r = table.requests().delete(requireNonNull(delete, "delete is null"));
        rejectReturnValues(r.returnValues(), r.returnConsumedCapacity(), r.returnItemCollectionMetrics(),
                r.hasExpected() || r.conditionalOperator() != null, "delete");
        software.amazon.awssdk.services.dynamodb.model.Delete d = software.amazon.awssdk.services.dynamodb.model.Delete
                .builder().tableName(r.tableName()).key(r.key()).conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null)
                .expressionAttributeValues(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null)
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailure()).build();
        return add(table, r.key(), TransactWriteItem.builder().delete(d).build(),
                ItemIds.size(r.key()) + values(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null));
    }

    /** {@return this transaction plus the condition check} */
    public Transaction check(Table table, ConditionCheck check) {
        requireNonNull(table, "table is null");
        requireNonNull(check, "check is null");
        Map<String, AttributeValue> key = table.key(check.key());
        software.amazon.awssdk.services.dynamodb.model.ConditionCheck.Builder b =
                software.amazon.awssdk.services.dynamodb.model.ConditionCheck.builder().tableName(table.name()).key(key)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        var rendered = table.requests().log("ConditionCheck", Renderer.condition(check.condition()));
        rendered.applyTo(b);
        return add(table, key, TransactWriteItem.builder().conditionCheck(b.build()).build(),
                ItemIds.size(key) + values(rendered.values()));
    }

    /**
     * {@return this transaction with an explicit client request token}, kept by the actions added after it: use
     * it to retry a transaction idempotently from another process (DynamoDB accepts 1 to 36 characters)
     */
    public Transaction token(String clientRequestToken) {
        requireNonNull(clientRequestToken, "clientRequestToken is null");
        if (clientRequestToken.isEmpty() || clientRequestToken.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a client request token has 1 to " + MAX_TOKEN_LENGTH
                    + " characters, got " + clientRequestToken.length());
        }
        return new Transaction(actions, clientRequestToken, true, retry, bytes);
    }

    /** {@return this transaction retried under the policy} */
    public Transaction retry(RetryPolicy policy) {
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
     * @throws SdkException if the call fails for a reason that retrying cannot fix, or the budget ran out
     */
    public Either<Failure, TransactWriteItemsResponse> execute() {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one action");
        }
        DynamoDbClient client = actions.getFirst().table().client();
        List<TransactWriteItem> items = actions.stream().map(Action::item).toList();
        return retrying(retry, remaining -> client.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(items).clientRequestToken(token)
                .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), remaining)).build()));
    }

    /**
     * One read of a {@link #get(List) TransactGetItems}.
     *
     * @param table the table
     * @param key the item's key
     * @param projection the attributes to return, all if empty
     */
    public record Read(Table table, Key key, Optional<Projection> projection) {
        /** Checks the parts are present. */
        public Read {
            requireNonNull(table, "table is null");
            requireNonNull(key, "key is null");
            requireNonNull(projection, "projection is null");
        }

        /** {@return a read of the whole item with this key} */
        public static Read of(Table table, Key key) {
            return new Read(table, key, Optional.empty());
        }

        /** {@return this read returning only the projected attributes} */
        public Read projection(Projection p) {
            return new Read(table, key, Optional.of(p));
        }
    }

    /** {@return the items read in one serializable snapshot}; see {@link #get(List, RetryPolicy)} */
    public static Either<Failure, List<Optional<Item>>> get(List<Read> reads) {
        return get(reads, RetryPolicy.defaults());
    }

    /**
     * Reads up to {@value #MAX_ACTIONS} items, across tables that share one client, in one serializable snapshot
     * (TransactGetItems); transient cancellations and retryable failures are retried under the policy.
     *
     * @return one entry per read, in order, empty where there is no item; or the cancellation with its reasons
     * @throws IllegalArgumentException for no reads, more than {@value #MAX_ACTIONS}, one item read twice, or
     *                                  tables on different clients
     */
    public static Either<Failure, List<Optional<Item>>> get(List<Read> reads, RetryPolicy policy) {
        requireNonNull(policy, "policy is null");
        List<Read> all = List.copyOf(requireNonNull(reads, "reads is null"));
        if (all.isEmpty() || all.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("a transactional read has 1 to " + MAX_ACTIONS + " reads, got " + all.size());
        }
        Set<ItemIds.Id> seen = new HashSet<>();
        List<TransactGetItem> items = new ArrayList<>(all.size());
        for (Read r : all) {
            Batch.checkSameClient(all.getFirst().table(), r.table());
            Map<String, AttributeValue> key = r.table().key(r.key());
            ItemIds.Id id = ItemIds.of(r.table().name(), r.table().schema().names(), key);
            if (!seen.add(id)) {
                throw new IllegalArgumentException("a transaction reads each item once: " + id + " is read twice");
            }
            Get.Builder g = Get.builder().tableName(r.table().name()).key(key);
            r.projection().ifPresent(p -> r.table().requests().log("TransactGetItems", Renderer.projection(p)).applyTo(g));
            items.add(TransactGetItem.builder().get(g.build()).build());
        }
        DynamoDbClient client = all.getFirst().table().client();
        return retrying(policy, remaining -> {
            TransactGetItemsResponse response = client.transactGetItems(TransactGetItemsRequest.builder()
                    .transactItems(items)
                    .overrideConfiguration(SdkCalls.singleAttempt(Optional.empty(), remaining)).build());
            List<Optional<Item>> out = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                ItemResponse ir = response.hasResponses() && i < response.responses().size()
                        ? response.responses().get(i) : null;
                out.add(ir != null && ir.hasItem() && !ir.item().isEmpty()
                        ? Optional.of(Item.fromSdk(ir.item())) : Optional.empty());
            }
            return out;
        });
    }

    /**
     * Calls until the call succeeds, is cancelled for a reason that is not transient (returned as a value),
     * fails in a way retrying cannot fix (thrown), or the budget runs out (the last exception thrown). The call
     * gets the time left, for its {@code apiCallTimeout}.
     */
    private static <R> Either<Failure, R> retrying(RetryPolicy policy,
                                                   java.util.function.Function<java.util.Optional<java.time.Duration>, R> call) {
        RetryPolicy.Budget budget = policy.start();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return Either.right(call.apply(budget.remaining()));
            } catch (TransactionCanceledException e) {
                Failure.TransactionCanceled canceled = canceled(e);
                if (!allTransient(canceled)) {
                    return Either.left(canceled);
                }
                backOffOrThrow(budget, attempts, e);
            } catch (SdkException e) {
                if (!SdkCalls.retryable(e)) {
                    throw e;
                }
                backOffOrThrow(budget, attempts, e);
            }
        }
    }

    // ---- internals

    private Transaction add(Table table, Map<String, AttributeValue> key, TransactWriteItem item, long size) {
        if (!actions.isEmpty()) {
            Batch.checkSameClient(actions.getFirst().table(), table);
        }
        if (actions.size() == MAX_ACTIONS) {
            throw new IllegalArgumentException("a transaction has at most " + MAX_ACTIONS + " actions");
        }
        ItemIds.Id id = ItemIds.of(table.name(), table.schema().names(), key);
        for (Action a : actions) {
            if (a.id().equals(id)) {
                throw new IllegalArgumentException("a transaction targets each item once: " + id
                        + " is already in it (DynamoDB rejects the whole transaction)");
            }
        }
        long total = bytes + size;
        if (total > MAX_BYTES) {
            throw new IllegalArgumentException("a transaction carries at most " + MAX_BYTES + " bytes; with this action "
                    + total);
        }
        List<Action> more = new ArrayList<>(actions.size() + 1);
        more.addAll(actions);
        more.add(new Action(table, id, item, size));
        return new Transaction(List.copyOf(more), explicitToken ? token : newToken(), explicitToken, retry, total);
    }

    private static long values(Map<String, AttributeValue> values) {
        return values == null ? 0 : ItemIds.size(values);
    }

    private static void rejectReturnValues(ReturnValue returnValues, Object consumedCapacity, Object metrics,
                                           boolean legacy, String what) {
        if (returnValues != null && returnValues != ReturnValue.NONE) {
            throw new IllegalArgumentException("a transaction's " + what + " cannot return values (" + returnValues
                    + "); DynamoDB returns the old item only for a failed condition, which the library asks for");
        }
        if (consumedCapacity != null || metrics != null) {
            throw new IllegalArgumentException("a transaction's " + what + " cannot ask for consumed capacity or item"
                    + " collection metrics per action");
        }
        if (legacy) {
            throw new IllegalArgumentException("a transaction's " + what + " cannot use legacy parameters (Expected,"
                    + " AttributeUpdates, ConditionalOperator)");
        }
    }

    static Failure.TransactionCanceled canceled(TransactionCanceledException e) {
        List<Failure.TransactionCanceled.Reason> reasons = new ArrayList<>();
        if (e.hasCancellationReasons()) {
            for (CancellationReason r : e.cancellationReasons()) {
                reasons.add(new Failure.TransactionCanceled.Reason(r.code() == null ? "None" : r.code(),
                        Optional.ofNullable(r.message()),
                        r.hasItem() && !r.item().isEmpty() ? Optional.of(Item.fromSdk(r.item())) : Optional.empty()));
            }
        }
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
        return new Failure.TransactionCanceled(reasons, message);
    }

    /** Whether every reason that is not {@code None} is transient, and there is one. */
    static boolean allTransient(Failure.TransactionCanceled canceled) {
        boolean any = false;
        for (Failure.TransactionCanceled.Reason r : canceled.reasons()) {
            if (r.none()) {
                continue;
            }
            if (!TRANSIENT.contains(r.code())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static void backOffOrThrow(RetryPolicy.Budget budget, int attempts, SdkException last) {
        try {
            if (!budget.backOff(attempts, ThreadLocalRandom.current())) {
                throw last;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            AbortedException aborted = AbortedException.create("interrupted while backing off before retry " + attempts, e);
            aborted.addSuppressed(last);
            throw aborted;
        }
    }

    private static String newToken() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String toString() {
        return "Transaction[" + actions.size() + " actions, token " + token + "]";
    }
}
