package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.and;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.value;
import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Dsl;
import dev.dynamatic.ast.Path;
import dev.dynamatic.core.internal.Outcomes;
import dev.dynamatic.core.internal.RequestLog;
import dev.dynamatic.core.internal.Requests;
import dev.dynamatic.core.internal.Observer;
import dev.dynamatic.core.internal.Retrier;
import dev.dynamatic.core.internal.SdkCalls;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Optimistic locking on a number attribute: each write adds {@code version = :expected} (or
 * {@code attribute_not_exists(version)} when the caller expects no version, {@code 0}) to the put, update or
 * delete, sets the version to {@code expected + 1}, and reports another version as {@link Failure.VersionConflict}
 * with the item as it is, or the caller's own condition failing as {@link Failure.ConditionFailed}. The lock
 * stores nothing but the version attribute.
 *
 * {@snippet :
 * OptimisticLock lock = OptimisticLock.on("version");
 * Item counter = shop.get(key).orElseThrow();
 * Either<Failure, Long> written = lock.update(shop,
 *         UpdateItem.of(key, update(set(path("count"), plus(path("count"), value(1))))), lock.versionOf(counter));
 * }
 *
 * <p><b>Exact when an answer is lost ({@link Mode#TRANSACTION}, the default).</b> If the connection drops after
 * DynamoDB applied a write, a naive retry's condition fails, and a helper would report a conflict for its own write
 * (or a retry loop would apply the change twice). So each write is sent as a one-action {@code TransactWriteItems}
 * with a client request token of its own, and retried with the same token under the lock's {@link RetryPolicy}:
 * DynamoDB applies a token's request at most once and answers a repeat of a call that succeeded with success, for
 * 10 minutes after the first call. The outcome is therefore settled exactly, by DynamoDB, however many other
 * writers change the item meanwhile. The window is why the lock's policy must have a deadline of at most
 * {@value #MAX_DEADLINE_MINUTES} minutes (the default: 2 minutes). The cost: a transactional write consumes twice
 * the write capacity of a plain one.
 *
 * <p><b>{@link Mode#CONDITIONAL_WRITE}</b> sends plain conditional writes, for engines without transactions or to
 * save the capacity. It retries only what certainly was not applied (throttling). A write whose answer may have
 * been lost (a broken connection, a timeout, a 5xx) is never sent again and throws
 * {@link OutcomeUnknownException}, naming the version the item is at now: neither the version read back nor a
 * retry's condition can settle it, since another writer may have deleted the item and recreated it at the
 * expected version meanwhile (a resent write would then be applied to the new item too). The caller reads the
 * item and decides.
 *
 * <p>A delete leaves nothing behind: in transaction mode the token settles a lost answer as for any write; in
 * conditional-write mode a delete whose answer was lost throws {@link OutcomeUnknownException} like any other
 * write. Immutable and thread-safe.
 */
public final class OptimisticLock {

    /** The longest deadline the lock's policy may have: DynamoDB keeps a client request token for 10 minutes. */
    public static final int MAX_DEADLINE_MINUTES = 9;

    private static final RetryPolicy DEFAULT_RETRY = RetryPolicy.defaults().withDeadline(Duration.ofMinutes(2));

    /** How the lock sends its writes. */
    public enum Mode {
        /** A one-action {@code TransactWriteItems} with a client request token: exact, twice the write capacity. */
        TRANSACTION,
        /** A plain conditional write: a lost answer is never resent and throws {@link OutcomeUnknownException}. */
        CONDITIONAL_WRITE
    }

    private final String versionAttribute;
    private final Mode mode;
    private final RetryPolicy retry;

    private OptimisticLock(String versionAttribute, Mode mode, RetryPolicy retry) {
        this.versionAttribute = versionAttribute;
        this.mode = mode;
        this.retry = retry;
    }

    /**
     * {@return a lock on this number attribute}, in {@link Mode#TRANSACTION}, retrying under
     * {@link RetryPolicy#defaults()} with a 2-minute deadline
     *
     * @param versionAttribute the name of the number attribute that holds the version
     */
    public static OptimisticLock on(String versionAttribute) {
        requireNonNull(versionAttribute, "versionAttribute is null");
        if (versionAttribute.isEmpty()) {
            throw new IllegalArgumentException("version attribute name is empty");
        }
        return new OptimisticLock(versionAttribute, Mode.TRANSACTION, DEFAULT_RETRY);
    }

    /**
     * {@return this lock sending its writes in the given mode}
     *
     * @param m how the lock sends its writes
     */
    public OptimisticLock withMode(Mode m) {
        return new OptimisticLock(versionAttribute, requireNonNull(m, "mode is null"), retry);
    }

    /**
     * {@return this lock retrying its writes under the policy}
     *
     * @param policy the attempts, backoff and deadline for each write
     * @throws IllegalArgumentException if the policy has no deadline, or one longer than
     *                                  {@value #MAX_DEADLINE_MINUTES} minutes
     */
    public OptimisticLock withRetry(RetryPolicy policy) {
        requireNonNull(policy, "policy is null");
        if (policy.deadline().isEmpty() || policy.deadline().get().compareTo(Duration.ofMinutes(MAX_DEADLINE_MINUTES)) > 0) {
            throw new IllegalArgumentException("the lock's retry policy needs a deadline of at most "
                    + MAX_DEADLINE_MINUTES + " minutes (DynamoDB keeps a client request token for 10), got "
                    + policy.deadline().map(Duration::toString).orElse("none"));
        }
        return new OptimisticLock(versionAttribute, mode, policy);
    }

    /** {@return the version attribute's name} */
    public String versionAttribute() {
        return versionAttribute;
    }

    /** {@return how the lock sends its writes} */
    public Mode mode() {
        return mode;
    }

    /**
     * {@return the item's version: its version attribute, or 0 if it has none}
     *
     * @param item the item as read
     * @throws IllegalArgumentException if the attribute is not a whole number within {@code long}
     */
    public long versionOf(Item item) {
        requireNonNull(item, "item is null");
        return item.has(versionAttribute) && !item.isNull(versionAttribute) ? item.getLong(versionAttribute) : 0;
    }

    /**
     * Puts the item if its current version is {@code expected}, writing version {@code expected + 1} (a version
     * attribute the codec writes is overwritten). The codec's and the put's {@linkplain Behaviour behaviours} are
     * applied once, before the first attempt: every retry sends the same item.
     *
     * @param <T> the item type
     * @param table the table to write to
     * @param put the item, its codec and any condition of the caller's own
     * @param expected the version the caller read; 0 for an item that must not exist or has no version yet
     * @return the version written; or {@code VersionConflict}, or {@code ConditionFailed} if the put's own
     *         condition failed
     * @throws IllegalArgumentException if the put returns the old item, or (in transaction mode) has a customizer,
     *                                  or a behaviour writes the version attribute, or {@code expected} is above 0
     *                                  and a behaviour keeps a creation time (such a put is a create)
     * @throws OutcomeUnknownException in conditional-write mode, if an answer was lost (the cause is the lost
     *                                 call's exception); in transaction mode, if the budget ran out after an
     *                                 answer was lost (the cause is the {@link RetriesExhaustedException})

     * @throws RetriesExhaustedException when the budget ran out and no answer was lost
     */
    public <T> Either<Failure, Long> put(Table table, PutItem<T> put, long expected) {
        requireNonNull(table, "table is null");
        requireNonNull(put, "put is null");
        checkExpected(expected);
        checkNotKey(table);
        reject(put.returnOld(), "withReturnOld(true)");
        long next = expected + 1;
        ItemCodec<T> codec = put.codec();
        String version = versionAttribute;
        ItemCodec<T> versioned = new ItemCodec<>() {
            @Override
            public Map<String, AttributeValue> encode(T value) {
                Map<String, AttributeValue> m = new LinkedHashMap<>(codec.encode(value));
                m.put(version, AttributeValue.fromN(Long.toString(next)));
                return m;
            }

            @Override
            public T decode(Map<String, AttributeValue> item) {
                return codec.decode(item);
            }

            @Override
            public Behaviours behaviours() {
                return codec.behaviours();
            }
        };
        checkBehaviours(codec.behaviours().and(put.behaviours()), expected);
        PutItem<T> locked = PutItem.of(put.item(), versioned).withCondition(withVersion(put.condition(), expected))
                .withBehaviours(put.behaviours());
        if (mode == Mode.TRANSACTION) {
            reject(put.customizer().isPresent(), "a customizer");
            // Assembled once: the behaviours' time and ids are drawn once, and every retry sends the same item.
            Requests.PutParts parts = Requests.of(table.name(), table.schema()).put(locked);
            return transactional(table, parts::key, expected, Transaction.of().put(table, parts),
                    observe(table, "TransactWriteItems", codec));
        }
        PutItem<T> sent = put.customizer().map(locked::withCustomizer).orElse(locked);
        Requests requests = Requests.of(table.name(), table.schema());
        Requests.PutParts parts = requests.put(sent);
        Observer o = observe(table, "PutItem", codec);
        return conditional(table, parts.key(), expected, o, (attempt, remaining) -> {
            PutItemRequest.Builder b = parts.applyTo(PutItemRequest.builder());
            if (o.wantsCapacity()) {
                b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            }
            sent.customizer().ifPresent(c -> c.accept(b));
            PutItemRequest request = b.overrideConfiguration(SdkCalls.singleAttempt(b.build().overrideConfiguration(),
                    remaining)).build();
            RequestLog.send(request, attempt);
            return table.client().putItem(request);
        });
    }

    /**
     * Applies the update if the item's current version is {@code expected}, setting version {@code expected + 1}.
     * The update's {@linkplain Behaviour behaviours} are applied once, before the first attempt.
     *
     * @param table the table to write to
     * @param update the key, the update and any condition of the caller's own
     * @param expected the version the caller read; 0 for an item that must not exist or has no version yet
     * @return the version written; or {@code VersionConflict}, or {@code ConditionFailed} if the update's own
     *         condition failed
     * @throws IllegalArgumentException if the update itself or a behaviour touches the version attribute, returns
     *                                  values, or (in transaction mode) has a customizer
     * @throws OutcomeUnknownException in conditional-write mode, if an answer was lost (the cause is the lost
     *                                 call's exception); in transaction mode, if the budget ran out after an
     *                                 answer was lost (the cause is the {@link RetriesExhaustedException})

     * @throws RetriesExhaustedException when the budget ran out and no answer was lost
     */
    public Either<Failure, Long> update(Table table, UpdateItem update, long expected) {
        requireNonNull(table, "table is null");
        requireNonNull(update, "update is null");
        checkExpected(expected);
        checkNotKey(table);
        reject(update.returnValues() != ReturnValue.NONE, "withReturnValues(" + update.returnValues() + ")");
        checkBehaviours(update.behaviours(), 0);
        Path version = Path.attribute(versionAttribute);
        UpdateItem locked = UpdateItem.of(update.key(), update.update().and(Dsl.update(set(version, value(expected + 1)))))
                .withCondition(withVersion(update.condition(), expected)).withBehaviours(update.behaviours());
        if (mode == Mode.TRANSACTION) {
            reject(update.customizer().isPresent(), "a customizer");
            return transactional(table, () -> table.key(update.key()), expected, Transaction.of().update(table, locked),
                    observe(table, "TransactWriteItems", null));
        }
        UpdateItem sent = update.customizer().map(locked::withCustomizer).orElse(locked);
        Requests.UpdateParts parts = Requests.of(table.name(), table.schema()).update(sent);
        Observer o = observe(table, "UpdateItem", null);
        return conditional(table, parts.key(), expected, o, (attempt, remaining) -> {
            UpdateItemRequest.Builder b = parts.applyTo(UpdateItemRequest.builder());
            if (o.wantsCapacity()) {
                b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            }
            sent.customizer().ifPresent(c -> c.accept(b));
            UpdateItemRequest request = b.overrideConfiguration(SdkCalls.singleAttempt(b.build().overrideConfiguration(),
                    remaining)).build();
            RequestLog.send(request, attempt);
            return table.client().updateItem(request);
        });
    }

    /**
     * Deletes the item if its current version is {@code expected}.
     *
     * @param table the table to delete from
     * @param delete the key and any condition of the caller's own
     * @param expected the version the caller read
     * @return the version deleted; or {@code VersionConflict} (with no current item if the item is gone), or
     *         {@code ConditionFailed} if the delete's own condition failed
     * @throws IllegalArgumentException if the delete returns the old item, or (in transaction mode) has a customizer
     * @throws OutcomeUnknownException in conditional-write mode, if an answer was lost (the cause is the lost
     *                                 call's exception); in transaction mode, if the budget ran out after an
     *                                 answer was lost (the cause is the {@link RetriesExhaustedException})
     * @throws RetriesExhaustedException when the budget ran out and no answer was lost
     */
    public Either<Failure, Long> delete(Table table, DeleteItem delete, long expected) {
        requireNonNull(table, "table is null");
        requireNonNull(delete, "delete is null");
        checkExpected(expected);
        reject(delete.returnOld(), "withReturnOld(true)");
        DeleteItem locked = DeleteItem.of(delete.key()).withCondition(withVersion(delete.condition(), expected));
        if (mode == Mode.TRANSACTION) {
            reject(delete.customizer().isPresent(), "a customizer");
            return transactional(table, () -> table.key(delete.key()), expected, Transaction.of().delete(table, locked),
                    observe(table, "TransactWriteItems", null)).map(v -> expected);
        }
        DeleteItem sent = delete.customizer().map(locked::withCustomizer).orElse(locked);
        Requests.DeleteParts parts = Requests.of(table.name(), table.schema()).delete(sent);
        Observer o = observe(table, "DeleteItem", null);
        return conditional(table, parts.key(), expected, o, (attempt, remaining) -> {
            DeleteItemRequest.Builder b = parts.applyTo(DeleteItemRequest.builder());
            if (o.wantsCapacity()) {
                b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            }
            sent.customizer().ifPresent(c -> c.accept(b));
            DeleteItemRequest request = b.overrideConfiguration(SdkCalls.singleAttempt(b.build().overrideConfiguration(),
                    remaining)).build();
            RequestLog.send(request, attempt);
            return table.client().deleteItem(request);
        }).map(v -> expected);
    }

    // ---- transaction mode

    private Either<Failure, Long> transactional(Table table, Supplier<Map<String, AttributeValue>> key, long expected,
                                                Transaction t, Observer o) {
        return ended(o, () -> {
            Either<Failure, TransactWriteItemsResponse> r;
            try {
                r = t.withRetry(retry).execute(o, false);
            } catch (RetriesExhaustedException e) {
                throw unknownIfLost(table, expected + 1, e);
            }
            return settle(table, key, expected, r);
        });
    }

    private Either<Failure, Long> settle(Table table, Supplier<Map<String, AttributeValue>> key, long expected,
                                         Either<Failure, TransactWriteItemsResponse> r) {
        if (r.isRight()) {
            return Either.right(expected + 1);
        }
        Failure f = r.getLeft();
        if (f instanceof Failure.TransactionCanceled c && !c.reasons().isEmpty()
                && "ConditionalCheckFailed".equals(c.reasons().getFirst().code())) {
            Failure.TransactionCanceled.Reason reason = c.reasons().getFirst();
            // Engines that do not return the item with a cancellation reason: read it as it is now.
            Optional<Item> now = reason.item().isPresent() ? reason.item() : current(table, key.get());
            return Either.left(settleConditionFailure(expected, now, reason.message().orElse(c.message())));
        }
        return Either.left(f);
    }

    // ---- conditional-write mode

    /** One attempt of a conditional write, with the time left as its timeout. */
    @FunctionalInterface
    private interface Send {
        DynamoDbResponse send(int attempt, Optional<Duration> remaining);
    }

    /** What an attempt of a conditional write came to. */
    private sealed interface Settled permits Applied, Refused {
    }

    private record Applied() implements Settled {
    }

    private record Refused(Failure failure) implements Settled {
    }

    private Either<Failure, Long> conditional(Table table, Map<String, AttributeValue> key, long expected, Observer o,
                                              Send send) {
        return ended(o, () -> attemptConditionally(table, key, expected, o, send));
    }

    /** {@return the observer of a locked write on the table}: none without a listener */
    private static Observer observe(Table table, String api, @Nullable ItemCodec<?> codec) {
        return table.observe(Operation.Kind.LOCKED_WRITE, api, null, codec);
    }

    /** {@return the locked write's outcome}, its end reported: a version conflict, a failed condition, or an exception */
    private static Either<Failure, Long> ended(Observer o, Supplier<Either<Failure, Long>> write) {
        Either<Failure, Long> r;
        try {
            r = write.get();
        } catch (RuntimeException e) {
            o.end(e);
            throw e;
        }
        if (r.isRight()) {
            o.end(Operation.Outcome.OK, null, List.of(), 0, 1, 0);
        } else {
            o.end(r.getLeft());
        }
        return r;
    }

    private Either<Failure, Long> attemptConditionally(Table table, Map<String, AttributeValue> key, long expected,
                                                       Observer o, Send send) {
        long next = expected + 1;
        int[] attempts = {0};
        Settled w = Retrier.run(retry, "locked write of version " + next + " on " + table.name(), remaining -> {
            long t0 = o.now();
            try {
                int attempt = ++attempts[0];
                DynamoDbResponse response = o.active() ? o.call(() -> send.send(attempt, remaining))
                        : send.send(attempt, remaining);
                o.attempt(attempt, t0, Operation.Outcome.OK, false, Observer.capacityOf(response), 0, 1, 0);
                return new Retrier.Done<>(new Applied());
            } catch (ConditionalCheckFailedException e) {
                o.failed(attempts[0], t0, e, false);
                Optional<Item> now = e.hasItem() && !e.item().isEmpty() ? Outcomes.item(e.item(), true)
                        : current(table, key);
                return new Retrier.Done<>(new Refused(settleConditionFailure(expected, now, Outcomes.message(e))));
            } catch (SdkException e) {
                o.failed(attempts[0], t0, e, !SdkCalls.mayHaveApplied(e) && SdkCalls.retryable(e));
                if (SdkCalls.mayHaveApplied(e)) {
                    // Never sent again: the item may have been deleted and recreated at the expected version since,
                    // and a resent write would then be applied a second time, to the new item.
                    throw lostAnswer(table, key, next, e);
                }
                if (!SdkCalls.retryable(e)) {
                    throw e;
                }
                return new Retrier.Again<>(e);
            }
        });
        return switch (w) {
            case Applied a -> Either.right(next);
            case Refused r -> Either.left(r.failure());
        };
    }

    /**
     * {@return the exception for a conditional write whose answer was lost}: whether it was applied cannot be told,
     * and the message names the version the item is at now (read consistently), to help the caller decide
     */
    private OutcomeUnknownException lostAnswer(Table table, Map<String, AttributeValue> key, long next,
                                               SdkException lost) {
        String now;
        try {
            Optional<Item> item = current(table, key);
            now = item.isEmpty() ? "the item is now absent" : "the item is now at version " + version(item);
        } catch (SdkException readFailed) {
            lost.addSuppressed(readFailed);
            now = "reading the item failed too";
        }
        return new OutcomeUnknownException("table " + table.name() + ": the answer to the write of version " + next
                + " was lost, so whether it was applied cannot be told (" + now + "); it is not sent again, since an"
                + " item deleted and recreated meanwhile would take it a second time; read the item and decide"
                + " (the transaction mode settles this)", lost);
    }

    /**
     * {@return the exception for a write whose retries ran out}: when an attempt may have been applied although its
     * answer was lost (a broken connection, a 5xx), whether the write happened is unknown; otherwise the
     * exhausted retries as they are
     */
    private static RuntimeException unknownIfLost(Table table, long next, RetriesExhaustedException e) {
        boolean lost = e.getCause() instanceof SdkException last && SdkCalls.mayHaveApplied(last);
        for (Throwable earlier : e.getSuppressed()) {
            lost |= earlier instanceof SdkException s && SdkCalls.mayHaveApplied(s);
        }
        if (!lost) {
            return e;
        }
        return new OutcomeUnknownException("table " + table.name() + ": the retries of the write of version " + next
                + " ran out after an answer was lost, so whether it was applied cannot be told; read the item", e);
    }

    /** The item as it is now, read consistently: for engines that do not return it with a failed condition. */
    private static Optional<Item> current(Table table, Map<String, AttributeValue> key) {
        GetItemRequest request = GetItemRequest.builder().tableName(table.name()).key(key).consistentRead(true).build();
        RequestLog.send(request, 1);
        GetItemResponse r = table.client().getItem(request);
        return Outcomes.item(r.item(), r.hasItem());
    }

    // ---- shared

    /** A condition failure is a version conflict when the item is at another version, else the caller's own. */
    private Failure settleConditionFailure(long expected, Optional<Item> now, String message) {
        return version(now) != expected ? new Failure.VersionConflict(expected, now)
                : new Failure.ConditionFailed(now, message);
    }

    private long version(Optional<Item> item) {
        return item.map(i -> {
            AttributeValue v = i.attributes().get(versionAttribute);
            return v == null || v.n() == null ? 0L : new BigDecimal(v.n()).longValueExact();
        }).orElse(0L);
    }

    private Condition withVersion(Optional<Condition> own, long expected) {
        Path version = Path.attribute(versionAttribute);
        Condition lock = expected == 0 ? attributeNotExists(version) : eq(version, value(expected));
        return own.<Condition>map(c -> and(c, lock)).orElse(lock);
    }

    /**
     * The version is the lock's: no behaviour may write it. A put with a creation time is a create (conditioned on
     * its absence), so at a version above 0 it could never succeed.
     */
    private void checkBehaviours(Behaviours behaviours, long expected) {
        behaviours.on(versionAttribute).ifPresent(b -> {
            throw new IllegalArgumentException("the version attribute \"" + versionAttribute + "\" is the lock's, but"
                    + " the behaviour " + b.getClass().getSimpleName() + " writes it too");
        });
        if (expected > 0) {
            for (Behaviour b : behaviours.list()) {
                if (b instanceof Behaviour.CreatedAt c) {
                    throw new IllegalArgumentException("a locked put at version " + expected + " replaces an existing"
                            + " item, but its creation time \"" + c.attribute() + "\" makes the put a create"
                            + " (attribute_not_exists): change the item with update(..) instead");
                }
            }
        }
    }

    private void checkNotKey(Table table) {
        if (table.schema().names().contains(versionAttribute)) {
            throw new IllegalArgumentException("the version attribute \"" + versionAttribute
                    + "\" cannot be a key attribute of " + table);
        }
    }

    private static void reject(boolean present, String option) {
        if (present) {
            throw new IllegalArgumentException("a locked write cannot have " + option + ": the lock returns the version"
                    + " written, and in transaction mode sends a transaction action, which has no SDK request of its"
                    + " own to customize");
        }
    }

    private static void checkExpected(long expected) {
        if (expected < 0 || expected == Long.MAX_VALUE) {
            throw new IllegalArgumentException("expected version must be 0 (none yet) or positive, got " + expected);
        }
    }

    /** {@return the version attribute, mode and retry policy} */
    @Override
    public String toString() {
        return "OptimisticLock[" + versionAttribute + ", " + mode + ", " + retry + "]";
    }
}
