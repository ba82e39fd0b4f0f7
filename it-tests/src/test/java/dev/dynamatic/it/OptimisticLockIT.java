package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dynamatic.core.BatchGet;
import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.OptimisticLock;
import dev.dynamatic.core.OutcomeUnknownException;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.RetriesExhaustedException;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.it.FaultProxy.Fault;
import dev.dynamatic.it.server.DynamoDbServer;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The optimistic lock in both modes, under contention and lost answers, every outcome checked by reading the item
 * back. {@link OptimisticLock.Mode#TRANSACTION} (engines with transactions) settles a write whose answer was lost
 * after the server applied it exactly, by its client request token: applied once, reported as success.
 * {@link OptimisticLock.Mode#CONDITIONAL_WRITE} (every engine) cannot tell such a write from another writer's and
 * says so with {@link OutcomeUnknownException}; the item shows it applied exactly once. Both report version
 * conflicts and the caller's own condition failing as values, and store nothing but the version.
 */
@DynamoDbIT
class OptimisticLockIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");
    static final int THREADS = 8;
    static final int INCREMENTS = 200;

    /** Short waits on loopback; the lock's deadline must stay within DynamoDB's 10-minute token window. */
    static final RetryPolicy QUICK = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
            .withDeadline(Duration.ofMinutes(2));

    static final OptimisticLock TRANSACTION = OptimisticLock.on("version").withRetry(QUICK);
    static final OptimisticLock CONDITIONAL_WRITE = OptimisticLock.on("version")
            .withMode(OptimisticLock.Mode.CONDITIONAL_WRITE).withRetry(QUICK);

    static UpdateItem increment(Key key) {
        return UpdateItem.of(key, update(set(path("count"), plus(path("count"), value(1)))));
    }

    static Item read(Table t, Key key) {
        return t.get(GetItem.of(key).withConsistentRead(true), Item.codec()).orElseThrow();
    }

    static Optional<Item> find(Table t, Key key) {
        return t.get(GetItem.of(key).withConsistentRead(true), Item.codec());
    }

    /** Creates a counter at version 1, count 0, through the lock. */
    static Key counter(Table t, String name, OptimisticLock lock) {
        Key key = Key.of("counter#" + name, "c");
        assertEquals(Either.right(1L), lock.put(t, PutItem.of(Item.of(Map.of("pk", "counter#" + name, "sk", "c",
                "count", 0))), 0));
        return key;
    }

    /** Asserts the item holds its key, the count and the version, and nothing else: the lock stores only the version. */
    static void assertCounter(Item item, long count, long version) {
        assertEquals(Set.of("pk", "sk", "count", "version"), item.keySet(), item::toString);
        assertEquals(count, item.getLong("count"));
        assertEquals(version, item.getLong("version"));
    }

    /** What one call of the lock came to. */
    enum Outcome { WRITTEN, CONFLICT, UNKNOWN }

    /**
     * One call of the lock: the tag its requests carried through the proxy ({@link FaultProxy#tagged}) and what it
     * came to.
     */
    record Call(String tag, Outcome outcome) {
    }

    private static final AtomicLong TAGS = new AtomicLong();

    /** {@return a tag no other call of this run has} */
    static String newTag() {
        return "lock-" + TAGS.incrementAndGet();
    }

    /** One locked write with the version read, tagged; an {@link OutcomeUnknownException} is an outcome. */
    static Outcome writeOnce(String tag, Supplier<Either<Failure, Long>> write) {
        return FaultProxy.tagged(tag, () -> {
            Either<Failure, Long> written;
            try {
                written = write.get();
            } catch (OutcomeUnknownException e) {
                return Outcome.UNKNOWN;
            }
            if (written.isRight()) {
                return Outcome.WRITTEN;
            }
            switch (written.getLeft()) {
                case Failure.VersionConflict c -> {
                    return Outcome.CONFLICT;
                }
                case Failure.ConditionFailed c -> fail("no condition of its own, yet " + c);
                case Failure.TransactionCanceled c -> fail("the lock reports a conflict, not a cancellation: " + c);
            }
            throw new AssertionError("unreachable");
        });
    }

    /**
     * One increment as an application writes it: read, write with the version read, on conflict read again; each
     * call of the lock is tagged and handed to {@code calls}. An {@link OutcomeUnknownException} ends it: the caller
     * cannot tell whether the write was applied. {@return WRITTEN or UNKNOWN}
     */
    static Outcome incrementOnce(Table t, Key key, OptimisticLock lock, Consumer<Call> calls) {
        while (true) {
            Item current = read(t, key);
            String tag = newTag();
            Outcome o = writeOnce(tag, () -> lock.update(t, increment(key), lock.versionOf(current)));
            calls.accept(new Call(tag, o));
            if (o != Outcome.CONFLICT) {
                return o;
            }
        }
    }

    static void incrementOnce(Table t, Key key, OptimisticLock lock) {
        assertEquals(Outcome.WRITTEN, incrementOnce(t, key, lock, c -> { }));
    }

    /** What {@link #hammer} counted: increments written and unknown, conflicts met, and every call of the lock. */
    record Hammered(long written, long unknown, long conflicts, List<Call> calls) {
    }

    /** {@value #THREADS} threads, each incrementing the counter {@value #INCREMENTS} times. */
    static Hammered hammer(Table t, Key key, OptimisticLock lock) throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicLong unknown = new AtomicLong();
        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    for (int n = 0; n < INCREMENTS; n++) {
                        switch (incrementOnce(t, key, lock, calls::add)) {
                            case WRITTEN -> written.incrementAndGet();
                            case UNKNOWN -> unknown.incrementAndGet();
                            case CONFLICT -> fail("an increment ends written or unknown");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long conflicts = calls.stream().filter(c -> c.outcome() == Outcome.CONFLICT).count();
        return new Hammered(written.get(), unknown.get(), conflicts, List.copyOf(calls));
    }

    /**
     * What the proxy saw of a set of calls of the lock: per call, the attempts of the lock's write operation and
     * how many of them the server applied (answered 200).
     *
     * @param applied the attempts the server answered 200 (in transaction mode a repeat of an applied token is
     *                answered 200 without applying it again)
     * @param unknownApplied calls that ended unknown and were applied: an answer dropped after the server applied it
     * @param unknownRefused calls that ended unknown and were not applied, an answer of a write the server refused
     *                       having been dropped
     * @param unknownLostBefore calls that ended unknown and were not applied, an attempt having been lost before it
     *                          reached the server (dropped, or a 500)
     */
    record Seen(long applied, long unknownApplied, long unknownRefused, long unknownLostBefore) {

        long unknown() {
            return unknownApplied + unknownRefused + unknownLostBefore;
        }
    }

    /**
     * {@return what the proxy saw of the calls}, asserting for each call what its attempts allow: a call written had
     * its write applied, the answer received; a conflict had none applied; an unknown outcome had an attempt whose
     * answer was lost, and at most one applied (in transaction mode: none unknown, and a call written may see 200
     * twice, the repeat answered by its token)
     */
    static Seen seen(FaultProxy proxy, String operation, OptimisticLock.Mode mode, List<Call> calls) {
        long applied = 0;
        long unknownApplied = 0;
        long unknownRefused = 0;
        long unknownLostBefore = 0;
        for (Call call : calls) {
            List<FaultProxy.Attempt> a = proxy.attempts(call.tag()).stream()
                    .filter(x -> x.operation().equals(operation)).toList();
            long ok = a.stream().filter(FaultProxy.Attempt::applied).count();
            applied += ok;
            boolean appliedAndLost = a.stream().anyMatch(x -> x.applied() && !x.answered());
            switch (call.outcome()) {
                case WRITTEN -> {
                    assertTrue(mode == OptimisticLock.Mode.TRANSACTION ? ok >= 1 : ok == 1, () -> call + ": " + a);
                    assertTrue(a.getLast().applied() && a.getLast().answered(), () -> call + ": " + a);
                }
                case CONFLICT -> {
                    assertEquals(0, ok, () -> call + ": " + a);
                    assertTrue(!appliedAndLost, () -> call + ": " + a);
                }
                case UNKNOWN -> {
                    assertEquals(OptimisticLock.Mode.CONDITIONAL_WRITE, mode, () -> call + ": " + a);
                    assertTrue(ok <= 1, () -> call + " was applied more than once: " + a);
                    assertTrue(a.stream().anyMatch(FaultProxy.Attempt::lost), () -> call + ": no answer was lost: " + a);
                    if (ok == 1) {
                        assertTrue(appliedAndLost, () -> call + ": " + a);
                        unknownApplied++;
                    } else if (a.stream().anyMatch(x -> x.status() != 0 && !x.answered())) {
                        unknownRefused++;
                    } else {
                        unknownLostBefore++;
                    }
                }
            }
            if (appliedAndLost) {
                // the lost answer of an applied write is settled by its token, or unknown: never a conflict
                assertEquals(mode == OptimisticLock.Mode.TRANSACTION ? Outcome.WRITTEN : Outcome.UNKNOWN,
                        call.outcome(), () -> call + ": " + a);
            }
        }
        return new Seen(applied, unknownApplied, unknownRefused, unknownLostBefore);
    }

    /**
     * {@return the faults for a run "under every fault"}: every kind that applies to the operation and that another
     * attempt gets past (not IdempotentParameterMismatch), about 30% of the calls in all, two thirds of the
     * dropped answers after the server answered
     */
    static Map<Fault, Double> everyFault(String operation) {
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        for (Fault f : lockFaults(operation)) {
            rates.put(f, switch (f) {
                case DROP_AFTER_APPLIED -> 0.08;
                case DROP_AFTER_FORWARD -> 0.06;
                case PROVISIONED_THROUGHPUT_EXCEEDED, THROTTLING, INTERNAL_SERVER_ERROR, DROP_BEFORE_FORWARD,
                     PARTIAL_BATCH, TRANSACTION_CONFLICT, TRANSACTION_THROTTLED, IDEMPOTENT_MISMATCH -> 0.03;
            });
        }
        return rates;
    }

    /** {@return every fault kind that applies to the operation and that another attempt gets past} */
    static List<Fault> lockFaults(String operation) {
        return Stream.of(Fault.values()).filter(f -> f.appliesTo(operation) && f != Fault.IDEMPOTENT_MISMATCH).toList();
    }

    /** What both modes do alike. */
    abstract class Contract {

        private final OptimisticLock lock;
        private final String updateOperation;
        private final String deleteOperation;

        Contract(OptimisticLock lock, String updateOperation, String deleteOperation) {
            this.lock = lock;
            this.updateOperation = updateOperation;
            this.deleteOperation = deleteOperation;
        }

        /** {@return the lock under test} */
        OptimisticLock lock() {
            return lock;
        }

        /** {@return the operation the lock's updates are sent as} */
        String updateOperation() {
            return updateOperation;
        }

        /** {@return the operation the lock's deletes are sent as} */
        String deleteOperation() {
            return deleteOperation;
        }

        /**
         * {@return the lock with enough attempts that a write failing all of them under about 30% faults (0.3^40)
         * does not happen}
         */
        OptimisticLock patientLock() {
            return lock().withRetry(QUICK.withMaxAttempts(40));
        }

        /** {@return a key prefix of this mode's counters: the modes share the table} */
        String name(String counter) {
            return lock().mode() + "-" + counter;
        }

        @Test
        void eightThreadsIncrementOneCounterToExactly1600(DynamoDbClient direct, TestTable table) throws Exception {
            Table t = Table.of(direct, table.name(), SCHEMA);
            Key key = counter(t, name("clean"), lock());
            Hammered h = hammer(t, key, lock());
            assertEquals(THREADS * INCREMENTS, h.written());
            assertEquals(0, h.unknown());
            assertCounter(read(t, key), THREADS * INCREMENTS, THREADS * INCREMENTS + 1);
            System.err.printf("[dynamatic-it] optimistic lock (%s): %d threads x %d increments = %d, %d conflicts"
                    + " observed%n", lock().mode(), THREADS, INCREMENTS, read(t, key).getLong("count"), h.conflicts());
        }

        @Test
        void tellsItsOwnConditionFromAnotherVersion(DynamoDbClient direct, TestTable table) {
            Table t = Table.of(direct, table.name(), SCHEMA);
            Key key = counter(t, name("outcomes"), lock());

            Failure.ConditionFailed own = assertInstanceOf(Failure.ConditionFailed.class, lock().update(t,
                    increment(key).withCondition(eq(path("count"), value(99))), 1).getLeft());
            assertEquals(0, own.item().orElseThrow().getLong("count"));
            assertEquals(1, lock().versionOf(own.item().orElseThrow()));
            assertCounter(read(t, key), 0, 1);

            assertEquals(Either.right(2L), lock().update(t, increment(key), 1));
            Failure.VersionConflict stale = assertInstanceOf(Failure.VersionConflict.class,
                    lock().update(t, increment(key), 1).getLeft());
            assertEquals(1, stale.expected());
            assertEquals(2, lock().versionOf(stale.current().orElseThrow()));
            assertCounter(read(t, key), 1, 2);

            Failure.VersionConflict exists = assertInstanceOf(Failure.VersionConflict.class, lock().put(t,
                    PutItem.of(Item.of(Map.of("pk", "counter#" + name("outcomes"), "sk", "c"))), 0).getLeft());
            assertEquals(0, exists.expected());
            assertCounter(read(t, key), 1, 2);

            Failure.ConditionFailed ownDelete = assertInstanceOf(Failure.ConditionFailed.class, lock().delete(t,
                    DeleteItem.of(key).withCondition(eq(path("count"), value(99))), 2).getLeft());
            assertEquals(2, lock().versionOf(ownDelete.item().orElseThrow()));
            assertEquals(Either.right(2L), lock().delete(t, DeleteItem.of(key), 2));
            assertEquals(Optional.empty(), find(t, key));
            Failure.VersionConflict gone = assertInstanceOf(Failure.VersionConflict.class,
                    lock().delete(t, DeleteItem.of(key), 2).getLeft());
            assertEquals(Optional.empty(), gone.current());
        }

        @Test
        void adoptsAnItemVersionedByAnotherWriter(DynamoDbClient direct, TestTable table) {
            Table t = Table.of(direct, table.name(), SCHEMA);
            String pk = "counter#" + name("legacy");
            Key key = Key.of(pk, "c");
            direct.putItem(b -> b.tableName(table.name()).item(Map.of("pk", AttributeValue.fromS(pk),
                    "sk", AttributeValue.fromS("c"), "count", AttributeValue.fromN("7"), "version", AttributeValue.fromN("5"))));
            assertEquals(Either.right(6L), lock().update(t, increment(key), 5));
            assertCounter(read(t, key), 8, 6);
            assertEquals(Either.right(7L), lock().update(t, increment(key), 6));
            assertCounter(read(t, key), 9, 7);
            // a put through a codec that writes a version of its own: the lock's version wins
            assertEquals(Either.right(8L), lock().put(t, PutItem.of(Item.of(Map.of("pk", pk, "sk", "c", "count", 1,
                    "version", 99))), 7));
            assertCounter(read(t, key), 1, 8);
        }

        @Test
        void rejectsOptionsThatReturnValuesBeforeSending(DynamoDbServer server, TestTable table) {
            AttemptCounter sdk = new AttemptCounter();
            try (DynamoDbClient counted = TestClients.sync(server, sdk)) {
                Table t = Table.of(counted, table.name(), SCHEMA);
                Key key = Key.of("counter#" + name("options"), "c");
                Item item = Item.of(Map.of("pk", "counter#" + name("options"), "sk", "c", "count", 0));
                assertThrows(IllegalArgumentException.class,
                        () -> lock().put(t, PutItem.of(item).withReturnOld(true), 0));
                assertThrows(IllegalArgumentException.class,
                        () -> lock().update(t, increment(key).withReturnValues(ReturnValue.ALL_NEW), 0));
                assertThrows(IllegalArgumentException.class,
                        () -> lock().delete(t, DeleteItem.of(key).withReturnOld(true), 1));
                IllegalArgumentException touchesVersion = assertThrows(IllegalArgumentException.class,
                        () -> lock().update(t, UpdateItem.of(key, update(set(path("version"), value(1)))), 0));
                assertTrue(touchesVersion.getMessage().contains("version"), touchesVersion.getMessage());
                assertEquals(Map.of(), sdk.all());
            }
        }

        /**
         * {@return what {@link #hammer} counted} while the proxy injects {@link #everyFault every fault} into the
         * lock's writes, one of each kind first
         */
        Hammered hammerUnderEveryFault(FaultProxy proxy, Table t, Key key) throws Exception {
            proxy.injectNext(updateOperation(), lockFaults(updateOperation()).toArray(Fault[]::new));
            proxy.plan(everyFault(updateOperation()), updateOperation());
            try {
                return hammer(t, key, patientLock());
            } finally {
                proxy.calm();
            }
        }

        /** Asserts every fault kind that applies to the operation was injected at least once. */
        static void assertEveryFaultInjected(FaultProxy proxy, String operation) {
            for (Fault f : lockFaults(operation)) {
                assertTrue(proxy.injected(operation).getOrDefault(f, 0L) > 0, "no " + f + " was injected: "
                        + proxy.injected(operation));
            }
        }

        /**
         * 100 items at version 1, each deleted once through the lock under every fault (one of each kind first, then
         * about 30% of the calls): each is gone, the server applied each delete exactly once, and each delete is
         * reported deleted or (conditional-write mode, its applied answer dropped) unknown.
         */
        @Test
        void deletesUnderEveryFaultAreEachAppliedExactlyOnce(DynamoDbServer server, DynamoDbClient direct,
                                                             TestTable table) {
            int count = 100;
            Table clean = Table.of(direct, table.name(), SCHEMA);
            List<Key> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String pk = "gone#" + name("") + i;
                clean.put(Item.of(Map.of("pk", pk, "sk", "c", "count", i, "version", 1)));
                keys.add(Key.of(pk, "c"));
            }
            AttemptCounter sdk = new AttemptCounter();
            try (FaultProxy proxy = FaultProxy.start(server.endpoint());
                 DynamoDbClient faulty = proxy.client(server, sdk)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                proxy.injectNext(deleteOperation(), lockFaults(deleteOperation()).toArray(Fault[]::new));
                proxy.plan(everyFault(deleteOperation()), deleteOperation());
                OptimisticLock patient = patientLock();
                List<Call> calls = new ArrayList<>();
                for (Key key : keys) {
                    String tag = newTag();
                    calls.add(new Call(tag, writeOnce(tag, () -> patient.delete(t, DeleteItem.of(key), 1))));
                }
                proxy.calm();

                List<Item> left = BatchGet.of().keys(clean, keys).withConsistentRead(true).execute().items(clean);
                Seen seen = seen(proxy, deleteOperation(), lock().mode(), calls);
                long deleted = calls.stream().filter(c -> c.outcome() == Outcome.WRITTEN).count();
                long unknown = calls.stream().filter(c -> c.outcome() == Outcome.UNKNOWN).count();
                System.err.printf("[dynamatic-it] optimistic lock (%s) deletes under faults: %d items deleted once"
                                + " each, %d reported deleted, %d outcome unknown (%d applied); read back directly: %d"
                                + " left; %s: %d proxy requests (%d reached the server, %d applied but answer dropped,"
                                + " %d refused but answer dropped), faults injected %s%n",
                        lock().mode(), count, deleted, unknown, seen.unknownApplied(), left.size(), deleteOperation(),
                        proxy.requests(deleteOperation()), proxy.forwarded(deleteOperation()),
                        proxy.appliedButDropped(deleteOperation()), proxy.refusedButDropped(deleteOperation()),
                        proxy.injected(deleteOperation()));

                // what is left is exactly the deletes lost before reaching the server, which only the conditional-write
                // mode has (it never resends a write whose answer was lost); the transaction mode's token settles them
                assertEquals(mode() == OptimisticLock.Mode.TRANSACTION ? 0 : seen.unknownLostBefore(), left.size());
                assertEquals(count, deleted + unknown);
                // no other writer: every unknown outcome is a delete applied whose answer was dropped, or one lost on
                // its way to the server, never a refused one
                assertEquals(new Seen(seen.applied(), seen.unknownApplied(), 0, seen.unknownLostBefore()), seen);
                assertEquals(unknown, seen.unknown());
                // in transaction mode a repeat of an applied token is answered 200 too, and its answer may be
                // dropped as well: count attempts, not calls
                assertEquals(proxy.appliedButDropped(deleteOperation()), mode() == OptimisticLock.Mode.TRANSACTION
                        ? calls.stream().mapToLong(c -> proxy.attempts(c.tag()).stream()
                                .filter(x -> x.applied() && !x.answered()).count()).sum()
                        : seen.unknownApplied());
                if (mode() == OptimisticLock.Mode.CONDITIONAL_WRITE) {
                    // each delete that reached the server applied exactly once
                    assertEquals(count - seen.unknownLostBefore(), seen.applied());
                }
                assertTrue(proxy.appliedButDropped(deleteOperation()) > 0, "no applied delete lost its answer");
                assertEquals(sdk.calls(deleteOperation()), sdk.attempts(deleteOperation()));
                assertEveryFaultInjected(proxy, deleteOperation());
            }
        }

        /** {@return the mode of the lock under test} */
        OptimisticLock.Mode mode() {
            return lock().mode();
        }

        /**
         * Asserts what the lock makes of its write (of version 1) whose answer was lost after the server applied it,
         * when another writer deleted the item and recreated it at version 1 meanwhile: {@code outcome} is the
         * version returned or the exception thrown.
         */
        abstract void assertRecreatedAfterLostWrite(Object outcome, long versionWritten);

        /** {@return the write's result, or the exception it threw} */
        static Object outcomeOf(Supplier<Either<Failure, Long>> write) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                return e;
            }
        }

        /**
         * Creates a counter (version 1, count 0) and sends the write through the proxy, which drops its answer after
         * the server applied it, while {@code meanwhile} recreates the item at version 1 with count 42 through a
         * direct table; then asserts the recreated item untouched, and what the lock made of it.
         */
        void assertLostWriteSparesTheRecreatedItem(DynamoDbServer server, DynamoDbClient direct, TestTable table,
                                                   String counterName, String operation, BiConsumer<Table, Key> meanwhile,
                                                   BiFunction<Table, Key, Either<Failure, Long>> write,
                                                   long versionWritten) {
            Table other = Table.of(direct, table.name(), SCHEMA);
            try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name(counterName), lock());
                proxy.injectNext(operation, Fault.DROP_AFTER_FORWARD, () -> meanwhile.accept(other, key));
                Object outcome = outcomeOf(() -> write.apply(t, key));
                Optional<Item> back = find(other, key);
                System.err.printf("[dynamatic-it] optimistic lock (%s): a write of version %d applied, its answer"
                                + " dropped, the item recreated at version 1 meanwhile: the write came to %s; %s: %d"
                                + " requests, %d applied but answer dropped; read back directly: %s%n",
                        mode(), versionWritten, outcome, operation, proxy.requests(operation),
                        proxy.appliedButDropped(operation), back.map(i -> "count " + i.getLong("count")
                                + ", version " + i.getLong("version")).orElse("the recreated item is gone"));
                assertEquals(1, proxy.appliedButDropped(operation));
                assertTrue(back.isPresent(), "the write was applied again: it deleted the recreated item");
                assertCounter(back.get(), 42, 1); // the recreated item, untouched
                assertRecreatedAfterLostWrite(outcome, versionWritten);
            }
        }

        /** {@return a put of the counter through the lock, as new: version 1, count 42} */
        Either<Failure, Long> recreate(Table t, String counterName) {
            return lock().put(t, PutItem.of(Item.of(Map.of("pk", "counter#" + name(counterName), "sk", "c",
                    "count", 42))), 0);
        }

        /**
         * A delete applied, its answer dropped, and meanwhile another writer recreates the item, at version 1 again:
         * the item must be gone exactly once, so the recreated item stays.
         */
        @Test
        void aLostDeleteAnswerDoesNotDeleteTheItemRecreatedMeanwhile(DynamoDbServer server, DynamoDbClient direct,
                                                                    TestTable table) {
            assertLostWriteSparesTheRecreatedItem(server, direct, table, "recreated", deleteOperation(),
                    (other, key) -> assertEquals(Either.right(1L), recreate(other, "recreated")),
                    (t, key) -> lock().delete(t, DeleteItem.of(key), 1), 1);
        }

        /**
         * An increment applied (version 2), its answer dropped, and meanwhile another writer deletes the item and
         * recreates it at version 1: the increment must not be applied to the recreated item too.
         */
        @Test
        void aLostUpdateAnswerIsNotAppliedAgainToTheItemRecreatedMeanwhile(DynamoDbServer server,
                                                                           DynamoDbClient direct, TestTable table) {
            assertLostWriteSparesTheRecreatedItem(server, direct, table, "recreated-updated", updateOperation(),
                    (other, key) -> {
                        assertEquals(Either.right(2L), lock().delete(other, DeleteItem.of(key), 2));
                        assertEquals(Either.right(1L), recreate(other, "recreated-updated"));
                    },
                    (t, key) -> lock().update(t, increment(key), 1), 2);
        }

        /** Asserts what the lock makes of its write when another writer stepped in after the answer was lost. */
        abstract void assertSteppedIn(Supplier<Either<Failure, Long>> write);

        /** Asserts what the lock makes of its write when it was lost before arriving and then overtaken. */
        abstract void assertOvertaken(Supplier<Either<Failure, Long>> write);

        /** {@return how many times the lock sends a write again after its answer was lost} */
        abstract int resentAfterLostAnswer();

        @Test
        void anotherWriterSteppingInAfterTheLostAnswerDoesNotFoolIt(DynamoDbServer server, DynamoDbClient direct,
                                                                     TestTable table) {
            Table other = Table.of(direct, table.name(), SCHEMA);
            try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("stepping-in"), lock());

                // ours is applied (version 2), its answer dropped; meanwhile another writer makes versions 3, 4 and 5
                proxy.injectNext(updateOperation(), Fault.DROP_AFTER_FORWARD, () -> {
                    for (int i = 0; i < 3; i++) {
                        incrementOnce(other, key, lock());
                    }
                });
                assertSteppedIn(() -> lock().update(t, increment(key), 1));
                assertCounter(read(t, key), 4, 5); // ours applied once: neither lost nor repeated
            }
        }

        @Test
        void aWriteThatNeverArrivedAndWasOvertakenIsNotReportedWritten(DynamoDbServer server, DynamoDbClient direct,
                                                                        TestTable table) {
            Table other = Table.of(direct, table.name(), SCHEMA);
            try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("overtaken"), lock());
                long forwarded = proxy.forwarded(updateOperation());

                // ours is dropped before the server sees it; meanwhile another writer makes version 2
                proxy.injectNext(updateOperation(), Fault.DROP_BEFORE_FORWARD, () -> incrementOnce(other, key, lock()));
                assertOvertaken(() -> lock().update(t, increment(key), 1));
                assertCounter(read(t, key), 1, 2);
                // only the retry reached the server (transaction mode); nothing did (conditional-write mode: not resent)
                assertEquals(forwarded + resentAfterLostAnswer(), proxy.forwarded(updateOperation()));
            }
        }

        /**
         * A connection dropped before the server saw the write looks to the client like one dropped after: the
         * transaction mode resends it with its token and it is applied once; the conditional-write mode does not
         * resend it, reports the outcome unknown, and the item is as it was.
         */
        @Test
        void aWriteLostBeforeItArrivedIsAppliedAtMostOnce(DynamoDbServer server, TestTable table) {
            try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("never-arrived"), lock());
                long requests = proxy.requests(updateOperation()); // in transaction mode the counter's put is one
                long forwarded = proxy.forwarded(updateOperation());

                proxy.injectNext(updateOperation(), Fault.DROP_BEFORE_FORWARD);
                if (resentAfterLostAnswer() == 1) {
                    assertEquals(Either.right(2L), lock().update(t, increment(key), 1));
                    assertCounter(read(t, key), 1, 2);
                } else {
                    assertThrows(OutcomeUnknownException.class, () -> lock().update(t, increment(key), 1));
                    assertCounter(read(t, key), 0, 1);
                }
                assertEquals(requests + 1 + resentAfterLostAnswer(), proxy.requests(updateOperation()));
                assertEquals(forwarded + resentAfterLostAnswer(), proxy.forwarded(updateOperation()));
            }
        }
    }

    /** The default mode: a one-action TransactWriteItems with a client request token, retried with the same token. */
    @Nested
    @Tag("transactions")
    class TransactionMode extends Contract {

        TransactionMode() {
            super(TRANSACTION, "TransactWriteItems", "TransactWriteItems");
        }

        /** The retry carries the write's token: DynamoDB applies it at most once. */
        @Override
        int resentAfterLostAnswer() {
            return 1;
        }

        /** The retry carries the token of the write that was applied: DynamoDB answers it with success. */
        @Override
        void assertRecreatedAfterLostWrite(Object outcome, long versionWritten) {
            assertEquals(Either.right(versionWritten), outcome);
        }

        /** The retry carries the token of the write that was applied: DynamoDB answers it with success. */
        @Override
        void assertSteppedIn(Supplier<Either<Failure, Long>> write) {
            assertEquals(Either.right(2L), write.get());
        }

        /** The retry's token was never applied: its condition is evaluated, and finds another version. */
        @Override
        void assertOvertaken(Supplier<Either<Failure, Long>> write) {
            Failure.VersionConflict conflict = assertInstanceOf(Failure.VersionConflict.class, write.get().getLeft());
            assertEquals(1, conflict.expected());
            assertEquals(2, TRANSACTION.versionOf(conflict.current().orElseThrow()));
        }

        /**
         * Eight threads increment one counter ({@code SET count = count + :1}) under every fault that applies to
         * TransactWriteItems: every increment is reported written, none unknown, and the counter read back directly
         * is exactly the number written; each lost answer of an applied write was settled by its token.
         */
        @Test
        void staysExactUnderEveryFault(DynamoDbServer server, DynamoDbClient direct, TestTable table) throws Exception {
            AttemptCounter sdk = new AttemptCounter();
            try (FaultProxy proxy = FaultProxy.start(server.endpoint());
                 DynamoDbClient faulty = proxy.client(server, sdk)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("dropped"), lock());
                Hammered h = hammerUnderEveryFault(proxy, t, key);
                Item back = read(Table.of(direct, table.name(), SCHEMA), key);
                Seen seen = seen(proxy, "TransactWriteItems", lock().mode(), h.calls());
                long appliedButDropped = proxy.appliedButDropped("TransactWriteItems");
                List<String> tokens = proxy.transactionTokens();
                System.err.printf("[dynamatic-it] optimistic lock (TRANSACTION) under every fault: %d threads x %d"
                                + " increments: %d reported written, %d outcome unknown, %d conflicts; read back"
                                + " directly: count = %d, version = %d; TransactWriteItems: %d library calls = %d SDK"
                                + " attempts = %d proxy requests with %d distinct tokens (%d reached the server, %d"
                                + " applied but answer dropped and settled by the token, %d refused but answer"
                                + " dropped), faults injected %s%n",
                        THREADS, INCREMENTS, h.written(), h.unknown(), h.conflicts(), back.getLong("count"),
                        back.getLong("version"), sdk.calls("TransactWriteItems"), sdk.attempts("TransactWriteItems"),
                        proxy.requests("TransactWriteItems"), Set.copyOf(tokens).size(),
                        proxy.forwarded("TransactWriteItems"), appliedButDropped,
                        proxy.refusedButDropped("TransactWriteItems"), proxy.injected("TransactWriteItems"));

                assertCounter(back, h.written(), h.written() + 1);
                assertEquals(THREADS * INCREMENTS, h.written());
                assertEquals(0, h.unknown());
                assertEquals(0, seen.unknown());
                assertTrue(appliedButDropped > 50, "too few applied writes lost their answer: " + appliedButDropped);
                // one token per call of the lock (the counter's put, every increment, every conflict), each retry
                // sent with its call's token; the SDK retried nothing
                assertEquals(proxy.requests("TransactWriteItems"), tokens.size());
                assertEquals(1 + h.calls().size(), Set.copyOf(tokens).size());
                assertTrue(tokens.size() >= Set.copyOf(tokens).size() + appliedButDropped, "each lost answer was retried");
                assertEquals(sdk.calls("TransactWriteItems"), sdk.attempts("TransactWriteItems"));
                assertEquals(sdk.attempts("TransactWriteItems"), proxy.requests("TransactWriteItems"));
                assertEveryFaultInjected(proxy, "TransactWriteItems");
            }
        }

        @Test
        void aLostAnswerOfAnAppliedWriteIsSuccessAndAppliedOnce(DynamoDbServer server, TestTable table) {
            try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("one-drop"), lock());
                int before = proxy.transactionTokens().size();

                proxy.injectNext("TransactWriteItems", Fault.DROP_AFTER_FORWARD);
                assertEquals(Either.right(2L), lock().update(t, increment(key), 1));
                assertCounter(read(t, key), 1, 2);
                assertEquals(1, proxy.appliedButDropped("TransactWriteItems"));
                List<String> update = proxy.transactionTokens().subList(before, before + 2);
                assertEquals(update.get(0), update.get(1)); // the retry carried the first attempt's token

                proxy.injectNext("TransactWriteItems", Fault.DROP_AFTER_FORWARD);
                assertEquals(Either.right(3L), lock().put(t, PutItem.of(Item.of(Map.of("pk", "counter#"
                        + name("one-drop"), "sk", "c", "count", 10))), 2));
                assertCounter(read(t, key), 10, 3);

                proxy.injectNext("TransactWriteItems", Fault.DROP_AFTER_FORWARD);
                assertEquals(Either.right(3L), lock().delete(t, DeleteItem.of(key), 3));
                assertEquals(Optional.empty(), find(t, key));
                assertEquals(3, proxy.appliedButDropped("TransactWriteItems"));
                assertEquals(before + 6, proxy.transactionTokens().size());
                assertEquals(before + 3, Set.copyOf(proxy.transactionTokens()).size());
            }
        }

        @Test
        void rejectsACustomizerBeforeSending(DynamoDbServer server, TestTable table) {
            AttemptCounter sdk = new AttemptCounter();
            try (DynamoDbClient counted = TestClients.sync(server, sdk)) {
                Table t = Table.of(counted, table.name(), SCHEMA);
                Key key = Key.of("counter#" + name("customized"), "c");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> lock().update(t, increment(key).withCustomizer(b -> { }), 0));
                assertTrue(e.getMessage().contains("customizer"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> lock().put(t, PutItem.of(Item.of(Map.of(
                        "pk", "counter#" + name("customized"), "sk", "c"))).withCustomizer(b -> { }), 0));
                assertThrows(IllegalArgumentException.class,
                        () -> lock().delete(t, DeleteItem.of(key).withCustomizer(b -> { }), 1));
                assertEquals(Map.of(), sdk.all());
            }
        }
    }

    /** Plain conditional writes: every engine; a lost answer it cannot settle is an {@link OutcomeUnknownException}. */
    @Nested
    class ConditionalWriteMode extends Contract {

        ConditionalWriteMode() {
            super(CONDITIONAL_WRITE, "UpdateItem", "DeleteItem");
        }

        /** Never: an item deleted and recreated meanwhile would take the resent write a second time. */
        @Override
        int resentAfterLostAnswer() {
            return 0;
        }

        /**
         * The item is at version 1 again: without a token the lock cannot tell it from the one it wrote, so it cannot
         * report the write settled (nor send it again): the outcome is unknown.
         */
        @Override
        void assertRecreatedAfterLostWrite(Object outcome, long versionWritten) {
            assertInstanceOf(OutcomeUnknownException.class, outcome, () -> "came to " + outcome);
        }

        /** The retry's condition fails and the item is at another version: whose write made it cannot be told. */
        @Override
        void assertSteppedIn(Supplier<Either<Failure, Long>> write) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, write::get);
            assertTrue(e.getMessage().contains("version 5"), e.getMessage());
        }

        /** Without a token the lock cannot tell the other writer's version 2 from its own: it does not guess. */
        @Override
        void assertOvertaken(Supplier<Either<Failure, Long>> write) {
            assertThrows(OutcomeUnknownException.class, write::get);
        }

        @Test
        void aLostAnswerOfAnAppliedWriteIsOutcomeUnknownAndAppliedOnce(DynamoDbServer server, TestTable table) {
            try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("one-drop"), lock());

                proxy.injectNext("UpdateItem", Fault.DROP_AFTER_FORWARD);
                OutcomeUnknownException update = assertThrows(OutcomeUnknownException.class,
                        () -> lock().update(t, increment(key), 1));
                assertTrue(update.getMessage().contains("now at version 2"), update.getMessage());
                assertInstanceOf(SdkClientException.class, update.getCause());
                assertCounter(read(t, key), 1, 2);
                assertEquals(1, proxy.appliedButDropped("UpdateItem"));
                assertEquals(1, proxy.requests("UpdateItem")); // not sent again

                proxy.injectNext("PutItem", Fault.DROP_AFTER_FORWARD);
                assertThrows(OutcomeUnknownException.class, () -> lock().put(t, PutItem.of(Item.of(Map.of("pk",
                        "counter#" + name("one-drop"), "sk", "c", "count", 10))), 2));
                assertCounter(read(t, key), 10, 3);

                proxy.injectNext("DeleteItem", Fault.DROP_AFTER_FORWARD);
                assertThrows(OutcomeUnknownException.class, () -> lock().delete(t, DeleteItem.of(key), 3));
                assertEquals(Optional.empty(), find(t, key));
                assertEquals(1, proxy.appliedButDropped("PutItem"));
                assertEquals(1, proxy.appliedButDropped("DeleteItem"));
            }
        }

        /**
         * Eight threads increment one counter ({@code SET count = count + :1}) under every fault that applies to
         * UpdateItem. Read back directly, the counter is exactly the increments reported written plus the unknown
         * outcomes whose write the server applied (the proxy saw it answer 200 and dropped the answer): nothing
         * applied twice, nothing reported written that was not applied. Every unknown outcome is one of three, told
         * apart by what the proxy saw of the call's attempts: applied with the answer dropped; refused with the
         * answer dropped; or lost before reaching the server (dropped, or a 500). A lost answer is never resent.
         */
        @Test
        void eachLostAnswerUnderEveryFaultIsSettledOrOutcomeUnknownAndNothingIsAppliedTwice(DynamoDbServer server,
                DynamoDbClient direct, TestTable table) throws Exception {
            AttemptCounter sdk = new AttemptCounter();
            try (FaultProxy proxy = FaultProxy.start(server.endpoint());
                 DynamoDbClient faulty = proxy.client(server, sdk)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("dropped"), lock());
                Hammered h = hammerUnderEveryFault(proxy, t, key);
                Item back = read(Table.of(direct, table.name(), SCHEMA), key);
                Seen seen = seen(proxy, "UpdateItem", lock().mode(), h.calls());
                long appliedButDropped = proxy.appliedButDropped("UpdateItem");
                System.err.printf("[dynamatic-it] optimistic lock (CONDITIONAL_WRITE) under every fault: %d threads x %d"
                                + " increments: %d reported written, %d outcome unknown (%d applied, answer dropped; %d"
                                + " refused, answer dropped; %d lost before reaching the server), %d conflicts;"
                                + " read back directly: count = %d, version = %d (written + unknown applied = %d);"
                                + " UpdateItem: %d library calls = %d SDK attempts = %d proxy requests (%d reached the"
                                + " server, %d answered 200, %d applied but answer dropped, %d refused but answer"
                                + " dropped), faults injected %s%n",
                        THREADS, INCREMENTS, h.written(), h.unknown(), seen.unknownApplied(), seen.unknownRefused(),
                        seen.unknownLostBefore(), h.conflicts(), back.getLong("count"), back.getLong("version"),
                        h.written() + seen.unknownApplied(), sdk.calls("UpdateItem"), sdk.attempts("UpdateItem"),
                        proxy.requests("UpdateItem"), proxy.forwarded("UpdateItem"), seen.applied(), appliedButDropped,
                        proxy.refusedButDropped("UpdateItem"), proxy.injected("UpdateItem"));

                assertCounter(back, h.written() + seen.unknownApplied(), h.written() + seen.unknownApplied() + 1);
                assertEquals(back.getLong("count"), seen.applied()); // every 200 the server sent applied one increment
                assertEquals(THREADS * INCREMENTS, h.written() + h.unknown());
                assertEquals(h.unknown(), seen.unknown());
                assertEquals(appliedButDropped, seen.unknownApplied());
                assertTrue(seen.unknownRefused() <= proxy.refusedButDropped("UpdateItem"));
                assertTrue(appliedButDropped > 50, "too few applied writes lost their answer: " + appliedButDropped);
                // the lock's writes go out with the SDK's retries off: each library call is one HTTP attempt
                assertEquals(sdk.calls("UpdateItem"), sdk.attempts("UpdateItem"));
                assertEquals(sdk.attempts("UpdateItem"), proxy.requests("UpdateItem"));
                assertEveryFaultInjected(proxy, "UpdateItem");
            }
        }

        @Test
        void throwsRetriesExhaustedCarryingEveryAttemptWhenTheBudgetRunsOut(DynamoDbServer server, TestTable table) {
            AttemptCounter sdk = new AttemptCounter();
            try (FaultProxy proxy = FaultProxy.start(server.endpoint());
                 DynamoDbClient faulty = proxy.client(server, sdk)) {
                Table t = Table.of(faulty, table.name(), SCHEMA);
                Key key = counter(t, name("exhausted"), lock());

                proxy.injectNext("UpdateItem", Fault.PROVISIONED_THROUGHPUT_EXCEEDED, Fault.THROTTLING,
                        Fault.THROTTLING);
                OptimisticLock threeAttempts = lock().withRetry(QUICK.withMaxAttempts(3));
                RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                        () -> threeAttempts.update(t, increment(key), 1));

                // the cause is the last attempt's failure, every earlier one is suppressed, in order
                assertEquals(3, e.attempts());
                assertEquals("ThrottlingException",
                        assertInstanceOf(AwsServiceException.class, e.getCause()).awsErrorDetails().errorCode());
                Throwable[] earlier = e.getSuppressed();
                assertEquals(2, earlier.length, () -> List.of(earlier).toString());
                assertInstanceOf(ProvisionedThroughputExceededException.class, earlier[0]);
                assertEquals("ThrottlingException",
                        assertInstanceOf(AwsServiceException.class, earlier[1]).awsErrorDetails().errorCode());
                assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
                assertTrue(!e.elapsed().isNegative());

                // three requests, none reached the server, the SDK retried none of them; the item is as it was
                assertEquals(3, proxy.requests("UpdateItem"));
                assertEquals(0, proxy.forwarded("UpdateItem"));
                assertEquals(3, sdk.calls("UpdateItem"));
                assertEquals(3, sdk.attempts("UpdateItem"));

                // a 500 says "may or may not have succeeded": the outcome is unknown at once, the write not resent
                long before = proxy.requests("UpdateItem");
                proxy.injectNext("UpdateItem", Fault.INTERNAL_SERVER_ERROR);
                OutcomeUnknownException unknown = assertThrows(OutcomeUnknownException.class,
                        () -> threeAttempts.update(t, increment(key), 1));
                assertInstanceOf(InternalServerErrorException.class, unknown.getCause());
                assertEquals(before + 1, proxy.requests("UpdateItem"));
                assertCounter(read(t, key), 0, 1);
            }
        }

        @Test
        void sendsTheWriteWithItsCustomizer(DynamoDbClient direct, TestTable table) {
            Table t = Table.of(direct, table.name(), SCHEMA);
            Key key = counter(t, name("customized"), lock());
            List<UpdateItemRequest> sent = new ArrayList<>();
            assertEquals(Either.right(2L), lock().update(t, increment(key).withCustomizer(b -> sent.add(b.build())), 1));
            assertEquals(1, sent.size());
            assertTrue(sent.getFirst().conditionExpression().contains("="), sent.getFirst().conditionExpression());
            assertTrue(sent.getFirst().expressionAttributeNames().containsValue("version"),
                    sent.getFirst().expressionAttributeNames()::toString);
            assertCounter(read(t, key), 1, 2);
        }
    }
}
