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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
}
