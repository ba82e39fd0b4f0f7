package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.BatchGet;
import dev.dynamatic.core.ConditionCheck;
import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.RetriesExhaustedException;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.Transaction;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.it.FaultProxy.Fault;
import dev.dynamatic.it.server.DynamoDbServer;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Transactions against an engine that has them (dynoxide); the outcomes no local engine produces
 * ({@code TransactionConflict}, throttling inside a transaction, {@code IdempotentParameterMismatch}) are injected by
 * {@link FaultProxy} with DynamoDB's bodies.
 */
@DynamoDbIT
@Tag("transactions")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");
    static final RetryPolicy QUICK = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));

    /**
     * Every fault the proxy can inject into a TransactWriteItems that another attempt can get past. Not
     * IdempotentParameterMismatch: no retry fixes it, the library throws it at once (tested on its own below).
     */
    static final List<Fault> TRANSACT_WRITE_FAULTS = Stream.of(Fault.values())
            .filter(f -> f.appliesTo("TransactWriteItems") && f != Fault.IDEMPOTENT_MISMATCH).toList();

    /** About 30% of TransactWriteItems calls fail: 4% for each kind that another attempt gets past. */
    static final Map<Fault, Double> THIRTY_PERCENT = TRANSACT_WRITE_FAULTS.stream()
            .collect(Collectors.toMap(f -> f, f -> 0.04));

    /** Enough attempts that a transaction failing all of them (0.32^40) does not happen; short waits on loopback. */
    static final RetryPolicy PATIENT = RetryPolicy.defaults().withMaxAttempts(40)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));

    static final int THREADS = 4;

    private String emailsName;

    @BeforeAll
    void createSecondTable(DynamoDbClient direct) {
        emailsName = TestTables.uniqueName("tx-emails");
        TestTables.create(direct, emailsName, TableSpec.of("pk", "sk"));
    }

    @AfterAll
    void deleteSecondTable(DynamoDbClient direct) {
        TestTables.delete(direct, emailsName);
    }

    static Item customer(String id, String email) {
        return Item.of(Map.of("pk", "CUST#" + id, "sk", "PROFILE", "email", email, "name", "customer " + id));
    }

    static Item guard(String email, String id) {
        return Item.of(Map.of("pk", "EMAIL#" + email, "sk", "EMAIL", "customer", id));
    }

    static Transaction register(Table shop, Table emails, String id, String email) {
        return Transaction.of()
                .put(shop, PutItem.of(customer(id, email)).withCondition(attributeNotExists(path("pk"))))
                .put(emails, PutItem.of(guard(email, id)).withCondition(attributeNotExists(path("pk"))));
    }

    static long counter(Table t, Key key) {
        return t.get(GetItem.of(key).withConsistentRead(true), Item.codec()).map(i -> i.getLong("n")).orElse(0L);
    }

    @Test
    void writesAcrossTablesAllOrNothing(DynamoDbClient direct, TestTable table) {
        Table shop = Table.of(direct, table.name(), SCHEMA);
        Table emails = Table.of(direct, emailsName, SCHEMA);
        Either<Failure, TransactWriteItemsResponse> ok = register(shop, emails, "1", "ada@example.com").execute();
        assertTrue(ok.isRight(), ok::toString);
        assertEquals(Optional.of(customer("1", "ada@example.com")), shop.get(Key.of("CUST#1", "PROFILE")));
        assertEquals(Optional.of(guard("ada@example.com", "1")), emails.get(Key.of("EMAIL#ada@example.com", "EMAIL")));

        Either<Failure, List<Optional<Item>>> read = Transaction.get(List.of(
                Transaction.Read.of(shop, Key.of("CUST#1", "PROFILE")).withProjection(projection("email")),
                Transaction.Read.of(emails, Key.of("EMAIL#ada@example.com", "EMAIL")),
                Transaction.Read.of(shop, Key.of("CUST#none", "PROFILE"))));
        List<Optional<Item>> items = read.get();
        assertEquals(3, items.size());
        Item projected = items.get(0).orElseThrow();
        assertEquals("ada@example.com", projected.getString("email"));
        // dynoxide adds the key attributes to a projected transactional read (DynamoDB does not): not asserted
        assertTrue(!projected.has("name"), projected::toString);
        assertEquals(Optional.of(guard("ada@example.com", "1")), items.get(1));
        assertEquals(Optional.empty(), items.get(2));
    }

    @Test
    void returnsTheReasonOfEachActionWithTheOldItem(DynamoDbClient direct, TestTable table) {
        Table shop = Table.of(direct, table.name(), SCHEMA);
        Table emails = Table.of(direct, emailsName, SCHEMA);
        assertTrue(register(shop, emails, "2", "bob@example.com").execute().isRight());

        // the same email for another customer: the guard's condition fails, nothing is written
        Either<Failure, TransactWriteItemsResponse> again = register(shop, emails, "3", "bob@example.com").execute();
        Failure.TransactionCanceled c = assertInstanceOf(Failure.TransactionCanceled.class, again.getLeft());
        assertEquals(List.of("None", "ConditionalCheckFailed"),
                c.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList());
        assertEquals(Optional.of(guard("bob@example.com", "2")), c.reasons().get(1).item());
        assertEquals(Optional.empty(), c.reasons().get(0).item());
        assertTrue(c.message().contains("ConditionalCheckFailed"), c.message());
        assertEquals(Optional.empty(), shop.get(Key.of("CUST#3", "PROFILE")));

        // a condition check, an update and a delete report in order too
        Either<Failure, TransactWriteItemsResponse> checked = Transaction.of()
                .check(shop, ConditionCheck.of(Key.of("CUST#nobody", "PROFILE"), attributeExists(path("pk"))))
                .update(shop, UpdateItem.of(Key.of("CUST#2", "PROFILE"), update(add(path("logins"), value(1)))))
                .delete(emails, DeleteItem.of(Key.of("EMAIL#bob@example.com", "EMAIL")))
                .execute();
        assertEquals(List.of("ConditionalCheckFailed", "None", "None"),
                assertInstanceOf(Failure.TransactionCanceled.class, checked.getLeft()).reasons().stream()
                        .map(Failure.TransactionCanceled.Reason::code).toList());
        assertTrue(emails.get(Key.of("EMAIL#bob@example.com", "EMAIL")).isPresent());
    }

    @Test
    void executingTheSameTransactionTwiceWritesOnce(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        Key key = Key.of("COUNTER#idempotent", "c");
        Transaction once = Transaction.of().update(t, UpdateItem.of(key, update(add(path("n"), value(1)))));
        assertTrue(once.execute().isRight());
        assertTrue(once.execute().isRight()); // same token: DynamoDB answers without writing again
        assertEquals(1, counter(t, key));

        Transaction another = Transaction.of().update(t, UpdateItem.of(key, update(add(path("n"), value(1)))));
        assertNotEquals(once.token(), another.token());
        assertTrue(another.execute().isRight());
        assertEquals(2, counter(t, key));
    }

    @Test
    void retriesADroppedResponseWithTheSameTokenAndWritesOnce(DynamoDbServer server, TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            Table t = Table.of(faulty, table.name(), SCHEMA);
            Key key = Key.of("COUNTER#dropped", "c");
            proxy.injectNext("TransactWriteItems", Fault.DROP_AFTER_FORWARD);
            Transaction tx = Transaction.of().update(t, UpdateItem.of(key, update(add(path("n"), value(1))))).withRetry(QUICK);
            assertTrue(tx.execute().isRight());
            assertEquals(1, counter(t, key));
            assertEquals(List.of(tx.token(), tx.token()), proxy.transactionTokens());
            assertEquals(1, proxy.appliedButDropped("TransactWriteItems"));
            assertEquals(2, sdk.attempts("TransactWriteItems"));
            assertEquals(2, sdk.calls("TransactWriteItems")); // the library's retry, not the SDK's
        }
    }

    @Test
    void retriesTransientCancellationsWithTheSameToken(DynamoDbServer server, TestTable table) {
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
            Table t = Table.of(faulty, table.name(), SCHEMA);
            Table emails = Table.of(faulty, emailsName, SCHEMA);
            proxy.injectNext("TransactWriteItems", Fault.TRANSACTION_CONFLICT, Fault.TRANSACTION_THROTTLED,
                    Fault.THROTTLING, Fault.INTERNAL_SERVER_ERROR);
            Transaction tx = register(t, emails, "4", "cy@example.com").withRetry(QUICK);
            assertTrue(tx.execute().isRight());
            assertEquals(5, proxy.requests("TransactWriteItems"));
            assertEquals(1, proxy.forwarded("TransactWriteItems"));
            assertEquals(Set.of(tx.token()), Set.copyOf(proxy.transactionTokens()));
            assertTrue(t.get(Key.of("CUST#4", "PROFILE")).isPresent());

            // transactional reads too
            proxy.injectNext("TransactGetItems", Fault.TRANSACTION_CONFLICT);
            assertEquals(Either.right(List.of(Optional.of(customer("4", "cy@example.com")))),
                    Transaction.get(List.of(Transaction.Read.of(t, Key.of("CUST#4", "PROFILE"))), QUICK));
            assertEquals(2, proxy.requests("TransactGetItems"));
        }
    }

    @Test
    void throwsRetriesExhaustedCarryingEveryAttemptWhenTheBudgetRunsOut(DynamoDbServer server, TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            Table t = Table.of(faulty, table.name(), SCHEMA);
            Table emails = Table.of(faulty, emailsName, SCHEMA);
            proxy.injectNext("TransactWriteItems", Fault.TRANSACTION_CONFLICT, Fault.THROTTLING,
                    Fault.INTERNAL_SERVER_ERROR);
            Transaction tx = register(t, emails, "5", "di@example.com").withRetry(QUICK.withMaxAttempts(3));
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, tx::execute);

            // the cause is the last attempt's failure, every earlier one is suppressed, in order
            assertEquals(3, e.attempts());
            assertInstanceOf(InternalServerErrorException.class, e.getCause());
            Throwable[] earlier = e.getSuppressed();
            assertEquals(2, earlier.length, () -> List.of(earlier).toString());
            TransactionCanceledException conflict = assertInstanceOf(TransactionCanceledException.class, earlier[0]);
            assertTrue(conflict.cancellationReasons().stream().anyMatch(r -> r.code().equals("TransactionConflict")));
            assertEquals("ThrottlingException",
                    assertInstanceOf(AwsServiceException.class, earlier[1]).awsErrorDetails().errorCode());
            assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
            assertTrue(e.getMessage().contains("TransactWriteItems"), e.getMessage());
            assertTrue(!e.elapsed().isNegative());

            // three requests with one token, none reached the server, and the SDK retried none of them
            assertEquals(3, proxy.requests("TransactWriteItems"));
            assertEquals(0, proxy.forwarded("TransactWriteItems"));
            assertEquals(List.of(tx.token(), tx.token(), tx.token()), proxy.transactionTokens());
            assertEquals(3, sdk.calls("TransactWriteItems"));
            assertEquals(3, sdk.attempts("TransactWriteItems"));
            assertEquals(Optional.empty(), t.get(Key.of("CUST#5", "PROFILE")));
        }
    }

    @Test
    void aTransientCancellationOnTheLastAttemptIsTheCause(DynamoDbServer server, TestTable table) {
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
            Table t = Table.of(faulty, table.name(), SCHEMA);
            Table emails = Table.of(faulty, emailsName, SCHEMA);
            proxy.injectNext("TransactWriteItems", Fault.TRANSACTION_CONFLICT, Fault.TRANSACTION_CONFLICT);
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                    () -> register(t, emails, "5b", "dj@example.com").withRetry(QUICK.withMaxAttempts(2)).execute());
            TransactionCanceledException last = assertInstanceOf(TransactionCanceledException.class, e.getCause());
            assertTrue(last.cancellationReasons().stream().anyMatch(r -> r.code().equals("TransactionConflict")));
            assertInstanceOf(TransactionCanceledException.class, e.getSuppressed()[0]);
            assertEquals(1, e.getSuppressed().length);
            assertEquals(2, proxy.requests("TransactWriteItems"));
            assertEquals(0, proxy.forwarded("TransactWriteItems"));

            // transactional reads too
            proxy.injectNext("TransactGetItems", Fault.TRANSACTION_CONFLICT, Fault.THROTTLING);
            RetriesExhaustedException read = assertThrows(RetriesExhaustedException.class, () -> Transaction.get(
                    List.of(Transaction.Read.of(t, Key.of("CUST#5b", "PROFILE"))), QUICK.withMaxAttempts(2)));
            assertEquals(2, read.attempts());
            assertInstanceOf(TransactionCanceledException.class, read.getSuppressed()[0]);
            assertEquals("ThrottlingException",
                    assertInstanceOf(AwsServiceException.class, read.getCause()).awsErrorDetails().errorCode());
        }
    }

    @Test
    void rejectsAnActionWithOptionsATransactionDoesNotHaveBeforeSending(DynamoDbServer server, TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (DynamoDbClient counted = TestClients.sync(server, sdk)) {
            Table t = Table.of(counted, table.name(), SCHEMA);
            Key key = Key.of("CUST#options", "PROFILE");
            Item item = customer("options", "op@example.com");
            List<Executable> misuse = List.of(
                    () -> Transaction.of().put(t, PutItem.of(item).withReturnOld(true)),
                    () -> Transaction.of().put(t, PutItem.of(item).withCustomizer(b -> { })),
                    () -> Transaction.of().update(t, UpdateItem.of(key, update(add(path("n"), value(1))))
                            .withReturnValues(ReturnValue.ALL_NEW)),
                    () -> Transaction.of().update(t, UpdateItem.of(key, update(add(path("n"), value(1))))
                            .withCustomizer(b -> b.returnValues(ReturnValue.NONE))),
                    () -> Transaction.of().delete(t, DeleteItem.of(key).withReturnOld(true)),
                    () -> Transaction.of().delete(t, DeleteItem.of(key).withCustomizer(b -> { })));
            for (Executable m : misuse) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, m);
                assertTrue(e.getMessage().contains("cannot have"), e.getMessage());
            }
            // NONE is no option: such an update is an action
            assertTrue(Transaction.of().update(t, UpdateItem.of(key, update(add(path("n"), value(1))))
                    .withReturnValues(ReturnValue.NONE)).execute().isRight());
            assertEquals(1, sdk.calls("TransactWriteItems"));
            assertEquals(1, counter(t, key));
        }
    }

    @Test
    void throwsAnIdempotentParameterMismatchWithoutRetrying(DynamoDbServer server, TestTable table) {
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
            Table t = Table.of(faulty, table.name(), SCHEMA);
            Table emails = Table.of(faulty, emailsName, SCHEMA);
            proxy.injectNext("TransactWriteItems", Fault.IDEMPOTENT_MISMATCH);
            IdempotentParameterMismatchException e = assertThrows(IdempotentParameterMismatchException.class,
                    () -> register(t, emails, "6", "ed@example.com").withRetry(QUICK).execute());
            assertTrue(e.getMessage().contains("idempotent token"), e.getMessage());
            assertEquals(1, proxy.requests("TransactWriteItems"));
        }
    }

    /** What each of many transactions came to, by the transaction's token. */
    record Outcomes(Map<String, Either<Failure, TransactWriteItemsResponse>> byToken, Map<String, Integer> index) {
    }

    /**
     * Runs the transactions on {@value #THREADS} threads, each inside {@link FaultProxy#tagged} with its token, and
     * {@return what each came to}; a transaction that throws fails the test
     */
    static Outcomes runAll(List<Transaction> transactions) throws Exception {
        Map<String, Either<Failure, TransactWriteItemsResponse>> byToken = new ConcurrentHashMap<>();
        Map<String, Integer> index = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int th = 0; th < THREADS; th++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < transactions.size(); i = next.getAndIncrement()) {
                        Transaction tx = transactions.get(i);
                        index.put(tx.token(), i);
                        byToken.put(tx.token(), FaultProxy.tagged(tx.token(), tx::execute));
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
        return new Outcomes(Map.copyOf(byToken), Map.copyOf(index));
    }

    /** The attempts of each transaction as the proxy saw them, summed up for the printed line. */
    record Attempts(long transactions, long applied, long appliedMoreThanOnceByStatus, long appliedButDropped,
                    long refusedButDropped, long retried) {

        static Attempts of(FaultProxy proxy, Collection<String> tokens) {
            long applied = 0;
            long twice = 0;
            long appliedButDropped = 0;
            long refusedButDropped = 0;
            long retried = 0;
            for (String token : tokens) {
                List<FaultProxy.Attempt> a = proxy.attempts(token);
                long ok = a.stream().filter(FaultProxy.Attempt::applied).count();
                applied += ok > 0 ? 1 : 0;
                twice += ok > 1 ? 1 : 0;
                appliedButDropped += a.stream().filter(x -> x.applied() && !x.answered()).count();
                refusedButDropped += a.stream().filter(x -> x.status() != 0 && !x.applied() && !x.answered()).count();
                retried += a.size() > 1 ? 1 : 0;
            }
            return new Attempts(tokens.size(), applied, twice, appliedButDropped, refusedButDropped, retried);
        }
    }

    /**
     * Transactions that are not idempotent ({@code ADD n :1} on one counter, {@code ADD m :2} on another) under
     * about 30% faults of every kind another attempt gets past, dropped answers of applied transactions among them:
     * each is retried with its token, so each is applied exactly once, and the counters read back directly are
     * exactly T and 2T.
     */
    @Test
    void nonIdempotentTransactionsUnderEveryFaultAreEachAppliedExactlyOnce(DynamoDbServer server,
                                                                          DynamoDbClient direct, TestTable table)
            throws Exception {
        int count = 300;
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            Table t = Table.of(faulty, table.name(), SCHEMA);
            Key n = Key.of("COUNTER#faults-n", "c");
            Key m = Key.of("COUNTER#faults-m", "c");
            List<Transaction> transactions = IntStream.range(0, count).mapToObj(i -> Transaction.of()
                    .update(t, UpdateItem.of(n, update(add(path("n"), value(1)))))
                    .update(t, UpdateItem.of(m, update(add(path("n"), value(2)))))
                    .withRetry(PATIENT)).toList();
            proxy.injectNext("TransactWriteItems", TRANSACT_WRITE_FAULTS.toArray(Fault[]::new));
            proxy.plan(THIRTY_PERCENT, "TransactWriteItems");
            Outcomes outcomes = runAll(transactions);
            proxy.calm();

            Table clean = Table.of(direct, table.name(), SCHEMA);
            long nBack = counter(clean, n);
            long mBack = counter(clean, m);
            long succeeded = outcomes.byToken().values().stream().filter(Either::isRight).count();
            Attempts attempts = Attempts.of(proxy, outcomes.byToken().keySet());
            List<String> tokens = proxy.transactionTokens();
            System.err.printf("[dynamatic-it] transactions under faults: %d transactions of ADD n 1 and ADD m 2, %d"
                            + " reported written; read back directly: n = %d, m = %d; TransactWriteItems: %d library"
                            + " calls = %d SDK attempts = %d proxy requests with %d distinct tokens (%d reached the"
                            + " server, %d applied but answer dropped, %d refused but answer dropped), %d transactions"
                            + " retried, faults injected %s%n",
                    count, succeeded, nBack, mBack, sdk.calls("TransactWriteItems"), sdk.attempts("TransactWriteItems"),
                    proxy.requests("TransactWriteItems"), Set.copyOf(tokens).size(),
                    proxy.forwarded("TransactWriteItems"), proxy.appliedButDropped("TransactWriteItems"),
                    proxy.refusedButDropped("TransactWriteItems"), attempts.retried(),
                    proxy.injected("TransactWriteItems"));

            assertEquals(count, nBack);
            assertEquals(2L * count, mBack);
            assertEquals(count, succeeded, outcomes.byToken()::toString);
            // every transaction reached the server and was answered 200 at least once; its token kept it to one apply
            assertEquals(count, attempts.applied());
            assertEquals(proxy.appliedButDropped("TransactWriteItems"), attempts.appliedButDropped());
            assertTrue(attempts.appliedButDropped() > 0, "no applied transaction lost its answer");
            assertEquals(count, Set.copyOf(tokens).size());
            assertEquals(proxy.requests("TransactWriteItems"), tokens.size());
            assertEquals(sdk.calls("TransactWriteItems"), sdk.attempts("TransactWriteItems"));
            assertEquals(sdk.attempts("TransactWriteItems"), proxy.requests("TransactWriteItems"));
            for (Fault f : TRANSACT_WRITE_FAULTS) {
                assertTrue(proxy.injected("TransactWriteItems").getOrDefault(f, 0L) > 0, "no " + f + " was injected");
            }
        }
    }

    /**
     * As above, each transaction adding 1 to a shared counter and to a receipt of its own, behind a condition check
     * on a gate item that is closed for every fifth: those are cancelled (ConditionalCheckFailed on the check,
     * whatever faults their attempts met) and nothing of them is applied; each of the others is applied once.
     */
    @Test
    void transactionsWhoseConditionFailsAreCancelledAndNotAppliedUnderEveryFault(DynamoDbServer server,
                                                                                DynamoDbClient direct,
                                                                                TestTable table) throws Exception {
        int count = 200;
        Table clean = Table.of(direct, table.name(), SCHEMA);
        for (int i = 0; i < count; i++) {
            Map<String, Object> gate = new java.util.LinkedHashMap<>();
            gate.put("pk", "GATE#" + i);
            gate.put("sk", "g");
            if (i % 5 != 0) {
                gate.put("open", true);
            }
            clean.put(Item.of(gate));
        }
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            Table t = Table.of(faulty, table.name(), SCHEMA);
            Key counter = Key.of("COUNTER#gated", "c");
            List<Transaction> transactions = IntStream.range(0, count).mapToObj(i -> Transaction.of()
                    .update(t, UpdateItem.of(counter, update(add(path("n"), value(1)))))
                    .check(t, ConditionCheck.of(Key.of("GATE#" + i, "g"), attributeExists(path("open"))))
                    .update(t, UpdateItem.of(Key.of("RECEIPT#" + i, "r"), update(add(path("n"), value(1)))))
                    .withRetry(PATIENT)).toList();
            proxy.injectNext("TransactWriteItems", TRANSACT_WRITE_FAULTS.toArray(Fault[]::new));
            proxy.plan(THIRTY_PERCENT, "TransactWriteItems");
            Outcomes outcomes = runAll(transactions);
            proxy.calm();

            long counterBack = counter(clean, counter);
            List<Key> receiptKeys = IntStream.range(0, count).mapToObj(i -> Key.of("RECEIPT#" + i, "r")).toList();
            Map<Integer, Long> receipts = new java.util.TreeMap<>();
            for (Item r : BatchGet.of().keys(clean, receiptKeys).withConsistentRead(true).execute().items(clean)) {
                receipts.put(Integer.parseInt(r.getString("pk").substring("RECEIPT#".length())), r.getLong("n"));
            }
            long cancelled = outcomes.byToken().values().stream().filter(Either::isLeft).count();
            Attempts attempts = Attempts.of(proxy, outcomes.byToken().keySet());
            System.err.printf("[dynamatic-it] gated transactions under faults: %d transactions, %d reported written,"
                            + " %d cancelled (%d expected); read back directly: counter = %d, %d receipts (%d with n ="
                            + " 1); TransactWriteItems: %d proxy requests (%d reached the server, %d applied but answer"
                            + " dropped, %d refused but answer dropped), faults injected %s%n",
                    count, count - cancelled, cancelled, count / 5, counterBack, receipts.size(),
                    receipts.values().stream().filter(v -> v == 1).count(), proxy.requests("TransactWriteItems"),
                    proxy.forwarded("TransactWriteItems"), proxy.appliedButDropped("TransactWriteItems"),
                    proxy.refusedButDropped("TransactWriteItems"), proxy.injected("TransactWriteItems"));

            Map<Integer, Long> expectedReceipts = new java.util.TreeMap<>();
            IntStream.range(0, count).filter(i -> i % 5 != 0).forEach(i -> expectedReceipts.put(i, 1L));
            assertEquals(expectedReceipts, receipts);
            assertEquals(count - count / 5, counterBack);
            for (Map.Entry<String, Either<Failure, TransactWriteItemsResponse>> e : outcomes.byToken().entrySet()) {
                int i = outcomes.index().get(e.getKey());
                List<FaultProxy.Attempt> a = proxy.attempts(e.getKey());
                if (i % 5 == 0) {
                    Failure.TransactionCanceled c = assertInstanceOf(Failure.TransactionCanceled.class,
                            e.getValue().getLeft(), () -> "transaction " + i + ": " + e.getValue());
                    assertEquals(List.of("None", "ConditionalCheckFailed", "None"),
                            c.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList());
                    assertTrue(a.stream().noneMatch(FaultProxy.Attempt::applied), () -> "transaction " + i + ": " + a);
                } else {
                    assertTrue(e.getValue().isRight(), () -> "transaction " + i + ": " + e.getValue());
                    assertTrue(a.stream().anyMatch(FaultProxy.Attempt::applied), () -> "transaction " + i + ": " + a);
                }
            }
            assertEquals(count / 5, cancelled);
            assertEquals(sdk.attempts("TransactWriteItems"), proxy.requests("TransactWriteItems"));
            for (Fault f : TRANSACT_WRITE_FAULTS) {
                assertTrue(proxy.injected("TransactWriteItems").getOrDefault(f, 0L) > 0, "no " + f + " was injected");
            }
            assertTrue(attempts.appliedButDropped() > 0, "no applied transaction lost its answer");
        }
    }
}
