package dev.dynamatic.render;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one request's expressions render to: the expression strings and the one placeholder space they share.
 *
 * <p>Absent parts are {@code null}, and so is an empty map (DynamoDB rejects empty maps). The
 * {@code applyTo} methods copy the parts into an SDK request builder, so the user never copies fields;
 * the condition is applied as {@code FilterExpression} to queries and scans and as
 * {@code ConditionExpression} elsewhere.
 *
 * @param keyConditionExpression the Query key condition, or null
 * @param updateExpression the update, or null
 * @param conditionExpression the condition (or filter), or null
 * @param projectionExpression the projection, or null
 * @param names {@code ExpressionAttributeNames}, {@code #n0 -> name}, or null when empty
 * @param values {@code ExpressionAttributeValues}, {@code :v0 -> value}, or null when empty
 */
public record Rendered(String keyConditionExpression, String updateExpression, String conditionExpression,
                       String projectionExpression, Map<String, String> names, Map<String, AttributeValue> values) {

    /** {@return the builder, with the key condition, filter, projection and maps set} */
    public QueryRequest.Builder applyTo(QueryRequest.Builder b) {
        return b.keyConditionExpression(keyConditionExpression).filterExpression(conditionExpression)
                .projectionExpression(projectionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the builder, with the filter, projection and maps set} */
    public ScanRequest.Builder applyTo(ScanRequest.Builder b) {
        return b.filterExpression(conditionExpression).projectionExpression(projectionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the builder, with the update, condition and maps set} */
    public UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder b) {
        return b.updateExpression(updateExpression).conditionExpression(conditionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the builder, with the condition and maps set} */
    public PutItemRequest.Builder applyTo(PutItemRequest.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the builder, with the condition and maps set} */
    public DeleteItemRequest.Builder applyTo(DeleteItemRequest.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the builder, with the projection and names set (a GetItem takes no values)} */
    public GetItemRequest.Builder applyTo(GetItemRequest.Builder b) {
        return b.projectionExpression(projectionExpression).expressionAttributeNames(names);
    }

    /** {@return the builder, with the projection and names set} */
    public KeysAndAttributes.Builder applyTo(KeysAndAttributes.Builder b) {
        return b.projectionExpression(projectionExpression).expressionAttributeNames(names);
    }

    /** {@return the transaction builder, with the projection and names set} */
    public Get.Builder applyTo(Get.Builder b) {
        return b.projectionExpression(projectionExpression).expressionAttributeNames(names);
    }

    /** {@return the transaction builder, with the condition and maps set} */
    public Put.Builder applyTo(Put.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the transaction builder, with the update, condition and maps set} */
    public Update.Builder applyTo(Update.Builder b) {
        return b.updateExpression(updateExpression).conditionExpression(conditionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the transaction builder, with the condition and maps set} */
    public Delete.Builder applyTo(Delete.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** {@return the transaction builder, with the condition and maps set} */
    public ConditionCheck.Builder applyTo(ConditionCheck.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }
}
