package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Transactions: what is rejected before sending, tokens, and how cancellations are read. */
class TransactionTest {

    static final Table ORDERS = BatchTest.ORDERS;
    static final Table AUDIT = BatchTest.AUDIT;

    @Test
    void rejectsTheHundredAndFirstAction() {
        Transaction t = Transaction.of();
        for (int i = 0; i < Transaction.MAX_ACTIONS; i++) {
            t = t.put(ORDERS, PutItem.of(BatchTest.order("O#" + i, "HEADER")));
        }
        assertEquals(100, t.size());
        Transaction full = t;
        assertThrows(IllegalArgumentException.class, () -> full.delete(ORDERS, DeleteItem.of(Key.of("O#x", "HEADER"))));
    }

    @Test
    void rejectsTwoActionsOnOneItem() {
        Transaction t = Transaction.of().put(ORDERS, PutItem.of(BatchTest.order("O#1", "HEADER")));
        assertThrows(IllegalArgumentException.class, () -> t.update(ORDERS,
                UpdateItem.of(Key.of("O#1", "HEADER"), update(set(path("status"), value("OPEN"))))));
        assertThrows(IllegalArgumentException.class,
                () -> t.check(ORDERS, ConditionCheck.of(Key.of("O#1", "HEADER"), attributeExists(path("PK")))));
        // the same key in another table is another item
        assertEquals(2, t.put(AUDIT, PutItem.of(BatchTest.order("O#1", "HEADER"))).size());
    }

    @Test
    void rejectsSingleItemOptionsATransactionDoesNotHave() {
        assertThrows(IllegalArgumentException.class,
                () -> Transaction.of().put(ORDERS, PutItem.of(BatchTest.order("a", "b")).returningOld()));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of().update(ORDERS,
                UpdateItem.of(Key.of("a", "b"), update(set(path("x"), value(1)))).returning(ReturnValue.ALL_NEW)));
        assertThrows(IllegalArgumentException.class,
                () -> Transaction.of().delete(ORDERS, DeleteItem.of(Key.of("a", "b")).returningOld()));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of().delete(ORDERS, DeleteItem.of(Key.of("a", "b"))
                .customize(b -> b.returnConsumedCapacity("TOTAL"))));
    }

    @Test
    void rejectsMoreThanFourMegabytes() {
        String big = "x".repeat(350 * 1024);
        Transaction t = Transaction.of();
        for (int i = 0; i < 11; i++) {
            t = t.put(ORDERS, PutItem.of(Item.of(Map.of("PK", "O#" + i, "SK", "S", "blob", big))));
        }
        Transaction almost = t;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> almost.put(ORDERS, PutItem.of(Item.of(Map.of("PK", "O#last", "SK", "S", "blob", big)))));
        assertTrue(e.getMessage().contains("4194304"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyTransactionAndBadTokens() {
        assertThrows(IllegalArgumentException.class, () -> Transaction.of().execute());
        assertThrows(IllegalArgumentException.class, () -> Transaction.of().token(""));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of().token("x".repeat(37)));
        assertEquals("x".repeat(36), Transaction.of().token("x".repeat(36)).token());
    }

    @Test
    void everyNewSetOfActionsGetsANewTokenUnlessOneWasSet() {
        Transaction base = Transaction.of().check(ORDERS, ConditionCheck.of(Key.of("C#1", "PROFILE"),
                attributeExists(path("PK"))));
        Transaction a = base.put(ORDERS, PutItem.of(BatchTest.order("O#1", "HEADER")));
        Transaction b = base.put(ORDERS, PutItem.of(BatchTest.order("O#2", "HEADER")));
        assertNotEquals(a.token(), b.token());
        assertNotEquals(base.token(), a.token());
        assertEquals(a.token(), a.retry(RetryPolicy.defaults().attempts(3)).token());

        Transaction fixed = base.token("order-o1-v1").put(ORDERS, PutItem.of(BatchTest.order("O#1", "HEADER")));
        assertEquals("order-o1-v1", fixed.token());
    }

    @Test
    void rejectsTablesOnDifferentClients() {
        try (var other = BatchTest.client()) {
            Table elsewhere = Table.of(other, "Audit", KeySchema.of("PK", "SK"));
            assertThrows(IllegalArgumentException.class, () -> Transaction.of()
                    .put(ORDERS, PutItem.of(BatchTest.order("a", "b")))
                    .put(elsewhere, PutItem.of(BatchTest.order("a", "b"))));
        }
    }

    @Test
    void rejectsReadingOneItemTwiceOrNothing() {
        assertThrows(IllegalArgumentException.class, () -> Transaction.get(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Transaction.get(List.of(
                Transaction.Read.of(ORDERS, Key.of("a", "b")), Transaction.Read.of(ORDERS, Key.of("a", "b")))));
    }

    @Test
    void readsEveryReasonInOrderWithTheOldItem() {
        TransactionCanceledException e = cancelled(
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ConditionalCheckFailed").message("The conditional request failed")
                        .item(Map.of("PK", AttributeValue.fromS("C#1"), "SK", AttributeValue.fromS("PROFILE"))).build());
        Failure.TransactionCanceled f = Transaction.canceled(e);
        assertEquals(List.of("None", "ConditionalCheckFailed"),
                f.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList());
        assertEquals(Optional.empty(), f.reasons().get(0).message());
        assertEquals(Optional.of(Item.of(Map.of("PK", "C#1", "SK", "PROFILE"))), f.reasons().get(1).item());
        assertEquals("Transaction cancelled", f.message());
        assertFalse(Transaction.allTransient(f));
    }

    @Test
    void retriesOnlyWhenEveryReasonIsTransient() {
        assertTrue(Transaction.allTransient(Transaction.canceled(cancelled(reason("None"), reason("TransactionConflict")))));
        assertTrue(Transaction.allTransient(Transaction.canceled(cancelled(reason("ThrottlingError"),
                reason("ProvisionedThroughputExceeded")))));
        assertFalse(Transaction.allTransient(Transaction.canceled(cancelled(reason("TransactionConflict"),
                reason("ConditionalCheckFailed")))));
        assertFalse(Transaction.allTransient(Transaction.canceled(cancelled(reason("ValidationError")))));
        assertFalse(Transaction.allTransient(Transaction.canceled(cancelled(reason("None")))));
        assertFalse(Transaction.allTransient(Transaction.canceled(cancelled())));
    }

    @Test
    void aConditionCheckRendersItsCondition() {
        Transaction t = Transaction.of().check(ORDERS, ConditionCheck.of(Key.of("E#a@b.c", "EMAIL"),
                attributeNotExists(path("PK"))));
        assertEquals(1, t.size());
        assertThrows(NullPointerException.class, () -> ConditionCheck.of(null, attributeNotExists(path("PK"))));
    }

    private static CancellationReason reason(String code) {
        return CancellationReason.builder().code(code).build();
    }

    private static TransactionCanceledException cancelled(CancellationReason... reasons) {
        return TransactionCanceledException.builder().cancellationReasons(reasons)
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .errorMessage("Transaction cancelled").build()).build();
    }
}
