package dev.dynamatic.core.internal;

import dev.dynamatic.core.Failure;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Operation;
import dev.dynamatic.core.OperationListener;
import dev.dynamatic.core.RetriesExhaustedException;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One operation's observation by the listeners of the tables it touches: the front-ends report each attempt and
 * the end here, and this turns them into {@link Operation.Attempt}s and an {@link Operation.End} for every
 * listener. Without a listener, {@link #NONE} ignores everything: a front-end calls it with values it already has
 * (enum constants, counts, the response's own fields), so that path allocates nothing.
 *
 * <p>A listener that throws is logged and otherwise ignored. Thread-safe: a batch's chunks report from workers.
 */
public final class Observer {

    /** The observer of an operation no listener watches: every method does nothing. */
    public static final Observer NONE = new Observer(new OperationListener.Observation[0], false);

    private static final System.Logger LOG = System.getLogger(OperationListener.class.getName());

    private final OperationListener.Observation[] observations;
    private final boolean capacity;
    private final long start;
    private final AtomicInteger attempts = new AtomicInteger();
    /** Capacity summed over the attempts, by table and index; guarded by itself. */
    private final Map<List<String>, double[]> totals = new LinkedHashMap<>();

    private Observer(OperationListener.Observation[] observations, boolean capacity) {
        this.observations = observations;
        this.capacity = capacity;
        this.start = observations.length == 0 ? 0 : System.nanoTime();
    }

    /**
     * {@return the observer of an operation on one table}: {@link #NONE} without a listener
     *
     * @param listener the table's listener, or null
     * @param kind what the operation is
     * @param api the DynamoDB API it calls
     * @param table the table name
     * @param index the index it reads, or null
     * @param codec the codec of its items (for the entity type), or null
     */
    public static Observer start(@Nullable OperationListener listener, Operation.Kind kind, String api, String table,
                                 @Nullable String index, @Nullable ItemCodec<?> codec) {
        if (listener == null) {
            return NONE;
        }
        return start(listener instanceof AllListeners all ? all.listeners() : List.of(listener), new Operation(kind,
                api, List.of(table), Optional.ofNullable(index), codec == null ? Optional.empty() : codec.entityType()));
    }

    /**
     * {@return the observer of an operation on several tables}: each distinct listener (by identity) once;
     * {@link #NONE} when the list has none
     *
     * @param listeners the tables' listeners, nulls and repeats allowed
     * @param kind what the operation is
     * @param api the DynamoDB API it calls
     * @param tables the table names, repeats allowed
     */
    public static Observer start(List<@Nullable OperationListener> listeners, Operation.Kind kind, String api,
                                 List<String> tables) {
        List<OperationListener> distinct = new ArrayList<>(1);
        for (OperationListener listener : listeners) {
            for (OperationListener l : listener instanceof AllListeners all ? all.listeners()
                    : listener == null ? List.<OperationListener>of() : List.of(listener)) {
                if (distinct.stream().noneMatch(d -> d == l)) {
                    distinct.add(l);
                }
            }
        }
        if (distinct.isEmpty()) {
            return NONE;
        }
        return start(distinct, new Operation(kind, api, tables.stream().distinct().toList(), Optional.empty(),
                Optional.empty()));
    }

    private static Observer start(List<OperationListener> listeners, Operation operation) {
        List<OperationListener.Observation> started = new ArrayList<>(listeners.size());
        boolean capacity = false;
        for (OperationListener l : listeners) {
            try {
                started.add(requireNonNull(l.start(operation), "start returned null"));
                capacity |= l.wantsCapacity();
            } catch (RuntimeException e) {
                failed(l, "start", e);
            }
        }
        return started.isEmpty() ? NONE
                : new Observer(started.toArray(new OperationListener.Observation[0]), capacity);
    }

    /** {@return whether any listener watches} */
    public boolean active() {
        return observations.length > 0;
    }

    /** {@return whether a listener wants consumed capacity}: then requests ask for {@code INDEXES} */
    public boolean wantsCapacity() {
        return capacity;
    }

    /** {@return {@link System#nanoTime()} when observed, else 0}: an attempt's start */
    public long now() {
        return observations.length == 0 ? 0 : System.nanoTime();
    }

    /** {@return the executor, wrapped by each listener (for its context)} */
    public Executor wrap(Executor executor) {
        return wrapped(executor, (o, e) -> o.wrap(e));
    }

    /**
     * {@return what the call gave}, made within the listeners' wrapping (a tracing listener's span is current, so
     * that the SDK's own instrumentation nests under it); call only when {@link #active()}, so that the path without
     * a listener allocates no lambda
     */
    @SuppressWarnings("unchecked")
    public <R> R call(Supplier<R> call) {
        if (observations.length == 0) {
            return call.get();
        }
        Object[] out = new Object[1];
        wrap(() -> out[0] = call.get()).run();
        return (R) requireNonNull(out[0], "the call returned null");
    }

    /** {@return the task, wrapped by each listener (for its context)} */
    public Runnable wrap(Runnable task) {
        return wrapped(task, (o, r) -> o.wrap(r));
    }

    /** {@return the executor or task wrapped by each listener in turn}; one that throws is skipped */
    private <X> X wrapped(X x, BiFunction<OperationListener.Observation, X, X> wrap) {
        X out = x;
        for (OperationListener.Observation o : observations) {
            try {
                out = wrap.apply(o, out);
            } catch (RuntimeException e) {
                failed(o, "wrap", e);
            }
        }
        return out;
    }

    /**
     * Reports an attempt that got an answer.
     *
     * @param number the attempt's number
     * @param startNanos {@link #now()} when it was sent
     * @param outcome what it came to
     * @param again whether it asks to be tried again
     * @param consumed the capacity the answer reported, or null
     * @param returned items read
     * @param written items written
     * @param unprocessed items left unprocessed
     */
    public void attempt(int number, long startNanos, Operation.Outcome outcome, boolean again,
                        @Nullable ConsumedCapacity consumed, int returned, int written, int unprocessed) {
        if (observations.length == 0) {
            return;
        }
        attempt(number, startNanos, outcome, null, again, consumed == null ? List.of() : List.of(consumed),
                returned, written, unprocessed);
    }

    /**
     * Reports an attempt that got an answer with capacity per table (batches, transactions).
     *
     * @param number the attempt's number
     * @param startNanos {@link #now()} when it was sent
     * @param outcome what it came to
     * @param again whether it asks to be tried again
     * @param consumed the capacity the answer reported, per table
     * @param returned items read
     * @param written items written
     * @param unprocessed items left unprocessed
     */
    public void attemptAll(int number, long startNanos, Operation.Outcome outcome, boolean again,
                           List<ConsumedCapacity> consumed, int returned, int written, int unprocessed) {
        if (observations.length == 0) {
            return;
        }
        attempt(number, startNanos, outcome, null, again, consumed, returned, written, unprocessed);
    }

    /**
     * Reports an attempt that failed with an exception.
     *
     * @param number the attempt's number
     * @param startNanos {@link #now()} when it was sent
     * @param failure the exception
     * @param again whether it asks to be tried again
     */
    public void failed(int number, long startNanos, Throwable failure, boolean again) {
        if (observations.length == 0) {
            return;
        }
        attempt(number, startNanos, outcome(failure), failure, again, List.of(), 0, 0, 0);
    }

    private void attempt(int number, long startNanos, Operation.Outcome outcome, @Nullable Throwable failure,
                         boolean again, List<ConsumedCapacity> consumed, int returned, int written, int unprocessed) {
        attempts.incrementAndGet();
        List<Operation.Capacity> rows = rows(consumed);
        add(rows);
        Operation.Attempt a = new Operation.Attempt(number, Duration.ofNanos(System.nanoTime() - startNanos),
                outcome, errorOf(failure), again, rows, returned, written, unprocessed);
        for (OperationListener.Observation o : observations) {
            try {
                o.attempt(a);
            } catch (RuntimeException e) {
                failed(o, "attempt", e);
            }
        }
    }

    /**
     * Reports the end of the operation.
     *
     * @param outcome what it came to
     * @param failure the exception it ended with, or null
     * @param reasons a cancelled transaction's codes, else empty
     * @param returned items read
     * @param written items written
     * @param unprocessed items left unprocessed
     */
    public void end(Operation.Outcome outcome, @Nullable Throwable failure, List<String> reasons, int returned,
                    int written, int unprocessed) {
        if (observations.length == 0) {
            return;
        }
        List<Operation.Capacity> capacity = new ArrayList<>();
        synchronized (totals) {
            totals.forEach((k, v) -> capacity.add(new Operation.Capacity(k.get(0),
                    k.get(1).isEmpty() ? Optional.empty() : Optional.of(k.get(1)), v[0], v[1], v[2])));
        }
        Operation.End e = new Operation.End(outcome, errorOf(failure), reasons, attempts.get(),
                Duration.ofNanos(System.nanoTime() - start), capacity, returned, written, unprocessed);
        for (OperationListener.Observation o : observations) {
            try {
                o.end(e);
            } catch (RuntimeException x) {
                failed(o, "end", x);
            }
        }
    }

    /**
     * Reports the end of an operation that came to a failure value: a failed condition, a version conflict, or a
     * cancelled transaction with its reason codes.
     *
     * @param failure what the operation returned
     */
    public void end(Failure failure) {
        if (observations.length == 0) {
            return;
        }
        switch (failure) {
            case Failure.ConditionFailed c -> end(Operation.Outcome.CONDITION_FAILED, null, List.of(), 0, 0, 0);
            case Failure.VersionConflict v -> end(Operation.Outcome.VERSION_CONFLICT, null, List.of(), 0, 0, 0);
            case Failure.TransactionCanceled c -> end(Operation.Outcome.TRANSACTION_CANCELED, null,
                    c.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList(), 0, 0, 0);
        } // no default: a new Failure record must break this build
    }

    /**
     * Reports the end of an operation that threw.
     *
     * @param failure the exception
     */
    public void end(Throwable failure) {
        if (observations.length == 0) {
            return;
        }
        end(outcome(failure), failure, failure instanceof TransactionCanceledException t ? reasons(t) : List.of(),
                0, 0, 0);
    }

    /**
     * Reports a call of one attempt that got an answer (a single-item call, a page): the attempt and the end.
     *
     * @param startNanos {@link #now()} when it was sent
     * @param consumed the capacity the answer reported, or null
     * @param returned items read
     * @param written items written
     */
    public void single(long startNanos, @Nullable ConsumedCapacity consumed, int returned, int written) {
        if (observations.length == 0) {
            return;
        }
        attempt(1, startNanos, Operation.Outcome.OK, false, consumed, returned, written, 0);
        end(Operation.Outcome.OK, null, List.of(), returned, written, 0);
    }

    /**
     * Reports a call of one attempt that failed (a failed condition included): the attempt and the end.
     *
     * @param startNanos {@link #now()} when it was sent
     * @param failure the exception
     */
    public void single(long startNanos, Throwable failure) {
        if (observations.length == 0) {
            return;
        }
        failed(1, startNanos, failure, false);
        end(failure);
    }

    /**
     * {@return the request asking for {@code ReturnConsumedCapacity=INDEXES}}, unless it already says what it
     * wants (a customizer's setting is kept)
     */
    @SuppressWarnings("unchecked")
    public static <Q extends DynamoDbRequest> Q withCapacity(Q request) {
        return (Q) switch (request) {
            case QueryRequest q when q.returnConsumedCapacityAsString() == null ->
                    q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            case ScanRequest q when q.returnConsumedCapacityAsString() == null ->
                    q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            default -> request;
        };
    }

    /** {@return a single-item call's, query's or scan's consumed capacity, or null} */
    public static @Nullable ConsumedCapacity capacityOf(DynamoDbResponse response) {
        return switch (response) {
            case GetItemResponse r -> r.consumedCapacity();
            case PutItemResponse r -> r.consumedCapacity();
            case UpdateItemResponse r -> r.consumedCapacity();
            case DeleteItemResponse r -> r.consumedCapacity();
            case QueryResponse r -> r.consumedCapacity();
            case ScanResponse r -> r.consumedCapacity();
            default -> null;
        };
    }

    /** {@return the items a get, query or scan page returned (counted, for {@code Select=COUNT})} */
    public static int countOf(DynamoDbResponse response) {
        return switch (response) {
            case GetItemResponse r -> r.hasItem() && !r.item().isEmpty() ? 1 : 0;
            case QueryResponse r -> r.count() == null ? 0 : r.count();
            case ScanResponse r -> r.count() == null ? 0 : r.count();
            default -> 0;
        };
    }

    /** {@return what an exception means as an outcome} */
    public static Operation.Outcome outcome(Throwable failure) {
        if (failure instanceof ConditionalCheckFailedException) {
            return Operation.Outcome.CONDITION_FAILED;
        }
        if (failure instanceof TransactionCanceledException) {
            return Operation.Outcome.TRANSACTION_CANCELED;
        }
        if (failure instanceof AwsServiceException s && s.isThrottlingException()) {
            return Operation.Outcome.THROTTLED;
        }
        if (failure instanceof RetriesExhaustedException) {
            return Operation.Outcome.GAVE_UP;
        }
        return Operation.Outcome.ERROR;
    }

    /** {@return a cancelled transaction's reason codes, in order} */
    public static List<String> reasons(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return List.of();
        }
        List<String> codes = new ArrayList<>(e.cancellationReasons().size());
        e.cancellationReasons().forEach(r -> codes.add(r.code() == null ? "None" : r.code()));
        return codes;
    }

    private static Optional<String> errorOf(@Nullable Throwable failure) {
        if (failure == null) {
            return Optional.empty();
        }
        Throwable t = failure instanceof RetriesExhaustedException && failure.getCause() != null
                ? failure.getCause() : failure;
        return Optional.of(t.getClass().getName());
    }

    private static List<Operation.Capacity> rows(List<ConsumedCapacity> consumed) {
        if (consumed.isEmpty()) {
            return List.of();
        }
        List<Operation.Capacity> rows = new ArrayList<>();
        for (ConsumedCapacity c : consumed) {
            if (c == null || c.tableName() == null) {
                continue;
            }
            rows.add(new Operation.Capacity(c.tableName(), Optional.empty(), units(c.capacityUnits()),
                    units(c.readCapacityUnits()), units(c.writeCapacityUnits())));
            if (c.hasGlobalSecondaryIndexes()) {
                c.globalSecondaryIndexes().forEach((i, v) -> rows.add(row(c.tableName(), i, v)));
            }
            if (c.hasLocalSecondaryIndexes()) {
                c.localSecondaryIndexes().forEach((i, v) -> rows.add(row(c.tableName(), i, v)));
            }
        }
        return rows;
    }

    private static Operation.Capacity row(String table, String index, Capacity c) {
        return new Operation.Capacity(table, Optional.of(index), units(c.capacityUnits()), units(c.readCapacityUnits()),
                units(c.writeCapacityUnits()));
    }

    private static double units(@Nullable Double d) {
        return d == null ? 0 : d;
    }

    private void add(List<Operation.Capacity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        synchronized (totals) {
            for (Operation.Capacity r : rows) {
                double[] t = totals.computeIfAbsent(List.of(r.table(), r.index().orElse("")), k -> new double[3]);
                t[0] += r.units();
                t[1] += r.readUnits();
                t[2] += r.writeUnits();
            }
        }
    }

    private static void failed(Object listener, String call, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, () -> "an operation listener (" + listener.getClass().getName()
                + ") threw from " + call + "; the operation goes on", e);
    }
}
