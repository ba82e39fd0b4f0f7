package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** What DynamoDB's answers become: decoded items and failures, from SDK exceptions built in-process. */
class OutcomesTest {

    static final Map<String, AttributeValue> OLD = Map.of("PK", AttributeValue.fromS("a"),
            "SK", AttributeValue.fromS("b"), "n", AttributeValue.fromN("1.50"));

    static ConditionalCheckFailedException conditionFailed(Map<String, AttributeValue> item) {
        return ConditionalCheckFailedException.builder()
                .message("The conditional request failed")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ConditionalCheckFailedException")
                        .errorMessage("The conditional request failed").build())
                .item(item).statusCode(400).build();
    }

    // ---- condition failures

    @Test
    void aFailedConditionWithTheItemGivesTheItemAsData() {
        Failure.ConditionFailed f = Outcomes.conditionFailed(conditionFailed(OLD));
        assertEquals(Optional.of(Item.of(Map.of("PK", "a", "SK", "b", "n", new BigDecimal("1.5")))), f.item());
        assertEquals(OLD, f.item().orElseThrow().attributes());
        assertEquals("The conditional request failed", f.message());
    }

    @Test
    void aFailedConditionWithoutTheItemGivesNoItem() {
        assertEquals(Optional.empty(), Outcomes.conditionFailed(conditionFailed(null)).item());
        assertEquals(Optional.empty(), Outcomes.conditionFailed(conditionFailed(Map.of())).item());
    }

    @Test
    void aFailedConditionWithoutErrorDetailsKeepsTheExceptionMessage() {
        ConditionalCheckFailedException bare = ConditionalCheckFailedException.builder()
                .message("condition failed here").build();
        assertEquals("condition failed here", Outcomes.conditionFailed(bare).message());
    }

    // ---- returned attributes

    @Test
    void returnedAttributesAreDecodedOnlyWhenPresentAndNotEmpty() {
        assertEquals(Optional.of(Item.from(OLD)), Outcomes.decode(OLD, true, Item.codec()));
        assertEquals(Optional.empty(), Outcomes.decode(OLD, false, Item.codec()));
        assertEquals(Optional.empty(), Outcomes.decode(Map.of(), true, Item.codec()));
        assertEquals(Optional.empty(), Outcomes.decode(null, true, Item.codec()));
        assertEquals(Optional.empty(), Outcomes.item(null, false));
    }

    // ---- transaction cancellations

    @Test
    void readsEveryReasonInOrderWithTheOldItem() {
        TransactionCanceledException e = cancelled(
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ConditionalCheckFailed").message("The conditional request failed")
                        .item(Map.of("PK", AttributeValue.fromS("C#1"), "SK", AttributeValue.fromS("PROFILE"))).build(),
                CancellationReason.builder().build());
        Failure.TransactionCanceled f = Outcomes.canceled(e);
        assertEquals(List.of("None", "ConditionalCheckFailed", "None"),
                f.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList());
        assertEquals(List.of(true, false, true), f.reasons().stream().map(Failure.TransactionCanceled.Reason::none).toList());
        assertEquals(Optional.empty(), f.reasons().get(0).message());
        assertEquals(Optional.empty(), f.reasons().get(0).item());
        assertEquals(Optional.of("The conditional request failed"), f.reasons().get(1).message());
        assertEquals(Optional.of(Item.of(Map.of("PK", "C#1", "SK", "PROFILE"))), f.reasons().get(1).item());
        assertEquals("Transaction cancelled", f.message());
        assertFalse(Outcomes.allTransient(f));
    }

    @Test
    void aCancellationWithoutReasonsHasNone() {
        assertEquals(List.of(), Outcomes.canceled(cancelled()).reasons());
    }

    @Test
    void retriesOnlyWhenEveryReasonIsTransient() {
        assertTrue(Outcomes.allTransient(Outcomes.canceled(cancelled(reason("None"), reason("TransactionConflict")))));
        assertTrue(Outcomes.allTransient(Outcomes.canceled(cancelled(reason("ThrottlingError"),
                reason("ProvisionedThroughputExceeded")))));
        assertFalse(Outcomes.allTransient(Outcomes.canceled(cancelled(reason("TransactionConflict"),
                reason("ConditionalCheckFailed")))));
        assertFalse(Outcomes.allTransient(Outcomes.canceled(cancelled(reason("ValidationError")))));
        assertFalse(Outcomes.allTransient(Outcomes.canceled(cancelled(reason("None")))));
        assertFalse(Outcomes.allTransient(Outcomes.canceled(cancelled())));
    }

    private static CancellationReason reason(String code) {
        return CancellationReason.builder().code(code).build();
    }

    static TransactionCanceledException cancelled(CancellationReason... reasons) {
        return TransactionCanceledException.builder().cancellationReasons(reasons)
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .errorMessage("Transaction cancelled").build()).build();
    }
}
