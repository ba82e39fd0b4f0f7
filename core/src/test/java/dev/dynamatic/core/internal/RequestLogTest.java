package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Redaction;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class RequestLogTest {

    static final String SECRET = "hunter2-canary";
    static final Map<String, AttributeValue> KEY = Map.of("PK", AttributeValue.fromS(SECRET));

    @Test
    void aQueryFilterIsLoggedAsTheFilterExpressionItIs() {
        String line = RequestLog.describe(QueryRequest.builder().tableName("Shop").indexName("GSI1")
                .keyConditionExpression("#n0 = :v0").filterExpression("#n1 > :v1")
                .expressionAttributeNames(Map.of("#n0", "GSI1PK", "#n1", "total"))
                .expressionAttributeValues(Map.of(":v0", AttributeValue.fromS(SECRET), ":v1", AttributeValue.fromN("5")))
                .limit(10).build(), 1);
        assertEquals("Query TableName=Shop IndexName=\"GSI1\" KeyConditionExpression=\"#n0 = :v0\""
                + " FilterExpression=\"#n1 > :v1\" ExpressionAttributeNames={#n0=GSI1PK, #n1=total}"
                + " ExpressionAttributeValues={:v0=<S>, :v1=<N>} Limit=\"10\" attempt=1", line.replaceAll(
                "ExpressionAttributeNames=\\{#n1=total, #n0=GSI1PK}", "ExpressionAttributeNames={#n0=GSI1PK, #n1=total}")
                .replaceAll("ExpressionAttributeValues=\\{:v1=<N>, :v0=<S>}", "ExpressionAttributeValues={:v0=<S>, :v1=<N>}"));
        assertEquals("Scan TableName=Shop FilterExpression=\"#n0 > :v0\" attempt=3", RequestLog.describe(
                ScanRequest.builder().tableName("Shop").filterExpression("#n0 > :v0").build(), 3));
    }

    @Test
    void eachAttemptOfATransactionNamesEveryActionByItsKind() {
        TransactWriteItemsRequest t = TransactWriteItemsRequest.builder().clientRequestToken("tok").transactItems(List.of(
                TransactWriteItem.builder().put(Put.builder().tableName("Shop").item(KEY)
                        .conditionExpression("attribute_not_exists(#n0)")
                        .expressionAttributeNames(Map.of("#n0", "PK")).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName("Shop").key(KEY)
                        .updateExpression("SET #n0 = :v0").expressionAttributeNames(Map.of("#n0", "n"))
                        .expressionAttributeValues(Map.of(":v0", AttributeValue.fromS(SECRET))).build()).build()))
                .build();
        assertEquals("TransactWriteItems ClientRequestToken=tok [0] Put TableName=Shop Item={PK=<S>}"
                + " ConditionExpression=\"attribute_not_exists(#n0)\" ExpressionAttributeNames={#n0=PK}"
                + " [1] Update TableName=Shop Key={PK=<S>} UpdateExpression=\"SET #n0 = :v0\""
                + " ExpressionAttributeNames={#n0=n} ExpressionAttributeValues={:v0=<S>} attempt=2",
                RequestLog.describe(t, 2));
    }

    @Test
    void neverShowsAValue() {
        String line = RequestLog.describe(UpdateItemRequest.builder().tableName("Shop").key(KEY)
                .updateExpression("SET #n0 = :v0").expressionAttributeNames(Map.of("#n0", "token"))
                .expressionAttributeValues(Map.of(":v0", AttributeValue.fromM(Map.of("deep", AttributeValue.fromS(SECRET)))))
                .build(), 1);
        assertFalse(line.contains(SECRET), line);
        assertEquals("UpdateItem TableName=Shop Key={PK=<S>} UpdateExpression=\"SET #n0 = :v0\""
                + " ExpressionAttributeNames={#n0=token} ExpressionAttributeValues={:v0=<M>} attempt=1", line);
    }

    @Test
    void showsValuesOnlyWhenSwitchedOn() {
        UpdateItemRequest request = UpdateItemRequest.builder().tableName("Shop").key(KEY).build();
        Redaction.showValues(true);
        try {
            String line = RequestLog.describe(request, 1);
            assertTrue(line.contains(SECRET), line);
        } finally {
            Redaction.showValues(false);
        }
        assertFalse(RequestLog.describe(request, 1).contains(SECRET), "hidden again once switched off");
    }
}
