package dev.dynamatic.core;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * Observes what a table does: each logical operation (a get, put, update or delete; a page of a query or scan; a
 * batch; a transaction; a locked write; a parallel-scan segment) and each attempt under it. The event SPI the
 * metrics and tracing modules ({@code dynamatic-micrometer}, {@code dynamatic-opentelemetry}) build on.
 *
 * <p>A listener is registered per table, {@link Table#withListener(OperationListener)} or
 * {@link AsyncTable#withListener(OperationListener)}; a table without one does no extra work and allocates nothing
 * for it. An operation on several tables (a batch, a transaction) is seen once by each distinct listener of the
 * tables it touches (compared by identity), and its {@link Operation#tables()} names every table; an operation on
 * tables none of which has a listener is seen by none.
 *
 * <p>For each operation, {@link #start(Operation)} is called on the caller's thread before anything is sent; the
 * {@link Observation} it returns receives each attempt, then the end, exactly once. Events carry names, counts,
 * durations, outcomes and error classes, never an attribute value. A listener that throws never fails the
 * operation: its exception is logged (WARNING, {@code System.Logger} {@code dev.dynamatic.core.OperationListener})
 * and the operation goes on. Implementations must be thread-safe: a batch's chunks and a parallel scan's segments
 * report from worker threads.
 *
 * {@snippet :
 * OperationListener log = op -> new OperationListener.Observation() {
 *     @Override
 *     public void attempt(Operation.Attempt a) {
 *         System.out.println(op.kind() + " attempt " + a.number() + ": " + a.outcome());
 *     }
 *
 *     @Override
 *     public void end(Operation.End e) {
 *         System.out.println(op.kind() + " " + op.tables() + ": " + e.outcome() + " in " + e.duration());
 *     }
 * };
 * Table orders = Table.of(client, "Orders", KeySchema.of("customer", "orderId")).withListener(log);
 * }
 */
@FunctionalInterface
public interface OperationListener {

    /**
     * {@return what observes this operation's attempts and end}; called once per operation, before it sends anything
     *
     * @param operation what starts: kind, tables, index, entity type
     */
    Observation start(Operation operation);

    /**
     * {@return one listener made of these, each seeing every operation in turn}: to register metrics and tracing on
     * one table. A listener that throws fails none of the others.
     *
     * @param listeners the listeners, in the order they are called
     */
    static OperationListener all(OperationListener... listeners) {
        return new dev.dynamatic.core.internal.AllListeners(List.of(listeners));
    }

    /**
     * {@return whether this listener wants consumed capacity}: then each request that does not say otherwise asks
     * DynamoDB for {@code ReturnConsumedCapacity=INDEXES} (a request whose customizer set {@code ReturnConsumedCapacity}
     * keeps that setting); by default true
     */
    default boolean wantsCapacity() {
        return true;
    }

    /**
     * One operation, as a listener sees it: its attempts, then its end. The library calls {@link #end(Operation.End)}
     * exactly once, after the last attempt; attempts of a batch's chunks may be reported from several threads at once.
     */
    interface Observation {

        /**
         * Receives one attempt: one request sent (or, for calls that keep the SDK's own retries, one SDK call).
         *
         * @param attempt what the attempt came to
         */
        default void attempt(Operation.Attempt attempt) {
        }

        /**
         * Receives the operation's end.
         *
         * @param end what the operation came to
         */
        void end(Operation.End end);

        /**
         * {@return the executor this operation's worker tasks (batch chunks, parallel-scan segments) run on}: by
         * default the one given; a tracing listener returns one that carries its context into the tasks
         *
         * @param executor the executor the operation would use
         */
        default Executor wrap(Executor executor) {
            return executor;
        }

        /**
         * {@return the task, run with this operation's context}: each SDK call of the operation is made through it
         * (so that the SDK's own instrumentation sees the context), and an {@link AsyncTable} completes the future
         * it returned through it (so that the caller's callbacks see it too); by default the task itself
         *
         * @param task what to run
         */
        default Runnable wrap(Runnable task) {
            return task;
        }
    }
}
