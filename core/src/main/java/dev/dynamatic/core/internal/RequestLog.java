package dev.dynamatic.core.internal;

import dev.dynamatic.render.AttributeValues;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DEBUG request log ({@code System.Logger} {@code dev.dynamatic.core}): every request as it is sent, one line per
 * attempt, with DynamoDB's own field names ({@code KeyConditionExpression}, {@code FilterExpression},
 * {@code ConditionExpression}, …) and, for a transaction, each action's kind. Keys, items and placeholder values
 * show attribute names and DynamoDB types only, never values.
 */
public final class RequestLog {

    private static final System.Logger LOG = System.getLogger("dev.dynamatic.core");

    private RequestLog() {
    }

    /** {@return whether the log is on}: callers that would build anything for it ask first */
    public static boolean enabled() {
        return LOG.isLoggable(Level.DEBUG);
    }

    /** Logs one attempt of a request at DEBUG, if the log is on. */
    public static void send(DynamoDbRequest request, int attempt) {
        if (enabled()) {
            LOG.log(Level.DEBUG, describe(request, attempt));
        }
    }

    /** {@return the log line of one attempt of a request} (values as their types only) */
    static String describe(DynamoDbRequest request, int attempt) {
        StringBuilder sb = new StringBuilder();
        switch (request) {
            case GetItemRequest r -> {
                sb.append("GetItem TableName=").append(r.tableName());
                key(sb, r.key());
                field(sb, "ProjectionExpression", r.projectionExpression());
                names(sb, r.expressionAttributeNames());
                flag(sb, "ConsistentRead", r.consistentRead());
            }
            case PutItemRequest r -> {
                sb.append("PutItem TableName=").append(r.tableName());
                attributes(sb, "Item", r.item());
                expressions(sb, null, null, r.conditionExpression(), null, null);
                placeholders(sb, r.expressionAttributeNames(), r.expressionAttributeValues());
                field(sb, "ReturnValues", r.returnValuesAsString());
            }
            case UpdateItemRequest r -> {
                sb.append("UpdateItem TableName=").append(r.tableName());
                key(sb, r.key());
                expressions(sb, null, r.updateExpression(), r.conditionExpression(), null, null);
                placeholders(sb, r.expressionAttributeNames(), r.expressionAttributeValues());
                field(sb, "ReturnValues", r.returnValuesAsString());
            }
            case DeleteItemRequest r -> {
                sb.append("DeleteItem TableName=").append(r.tableName());
                key(sb, r.key());
                expressions(sb, null, null, r.conditionExpression(), null, null);
                placeholders(sb, r.expressionAttributeNames(), r.expressionAttributeValues());
                field(sb, "ReturnValues", r.returnValuesAsString());
            }
            case QueryRequest r -> {
                sb.append("Query TableName=").append(r.tableName());
                field(sb, "IndexName", r.indexName());
                expressions(sb, r.keyConditionExpression(), null, null, r.filterExpression(), r.projectionExpression());
                placeholders(sb, r.expressionAttributeNames(), r.expressionAttributeValues());
                flag(sb, "ScanIndexForward", r.scanIndexForward());
                flag(sb, "ConsistentRead", r.consistentRead());
                field(sb, "Limit", r.limit());
                startKey(sb, r.exclusiveStartKey());
            }
            case ScanRequest r -> {
                sb.append("Scan TableName=").append(r.tableName());
                field(sb, "IndexName", r.indexName());
                expressions(sb, null, null, null, r.filterExpression(), r.projectionExpression());
                placeholders(sb, r.expressionAttributeNames(), r.expressionAttributeValues());
                flag(sb, "ConsistentRead", r.consistentRead());
                field(sb, "Segment", r.segment());
                field(sb, "TotalSegments", r.totalSegments());
                field(sb, "Limit", r.limit());
                startKey(sb, r.exclusiveStartKey());
            }
            case TransactWriteItemsRequest r -> {
                sb.append("TransactWriteItems ClientRequestToken=").append(r.clientRequestToken());
                List<TransactWriteItem> items = r.transactItems();
                for (int i = 0; i < items.size(); i++) {
                    sb.append(" [").append(i).append("] ");
                    action(sb, items.get(i));
                }
            }
            case TransactGetItemsRequest r -> {
                sb.append("TransactGetItems");
                List<TransactGetItem> items = r.transactItems();
                for (int i = 0; i < items.size(); i++) {
                    Get g = items.get(i).get();
                    sb.append(" [").append(i).append("] Get TableName=").append(g.tableName());
                    key(sb, g.key());
                    field(sb, "ProjectionExpression", g.projectionExpression());
                    names(sb, g.expressionAttributeNames());
                }
            }
            case BatchWriteItemRequest r -> {
                sb.append("BatchWriteItem");
                r.requestItems().forEach((table, writes) -> {
                    int puts = 0;
                    for (WriteRequest w : writes) {
                        puts += w.putRequest() != null ? 1 : 0;
                    }
                    sb.append(" TableName=").append(table).append(" (").append(puts).append(" puts, ")
                            .append(writes.size() - puts).append(" deletes)");
                });
            }
            case BatchGetItemRequest r -> {
                sb.append("BatchGetItem");
                r.requestItems().forEach((table, keys) -> count(sb, table, keys));
            }
            default -> sb.append(request.getClass().getSimpleName());
        }
        return sb.append(" attempt=").append(attempt).toString();
    }

    private static void count(StringBuilder sb, String table, KeysAndAttributes keys) {
        sb.append(" TableName=").append(table).append(" (").append(keys.keys().size()).append(" keys)");
        flag(sb, "ConsistentRead", keys.consistentRead());
    }

    private static void action(StringBuilder sb, TransactWriteItem item) {
        if (item.put() != null) {
            Put p = item.put();
            sb.append("Put TableName=").append(p.tableName());
            attributes(sb, "Item", p.item());
            expressions(sb, null, null, p.conditionExpression(), null, null);
            placeholders(sb, p.expressionAttributeNames(), p.expressionAttributeValues());
        } else if (item.update() != null) {
            Update u = item.update();
            sb.append("Update TableName=").append(u.tableName());
            key(sb, u.key());
            expressions(sb, null, u.updateExpression(), u.conditionExpression(), null, null);
            placeholders(sb, u.expressionAttributeNames(), u.expressionAttributeValues());
        } else if (item.delete() != null) {
            Delete d = item.delete();
            sb.append("Delete TableName=").append(d.tableName());
            key(sb, d.key());
            expressions(sb, null, null, d.conditionExpression(), null, null);
            placeholders(sb, d.expressionAttributeNames(), d.expressionAttributeValues());
        } else if (item.conditionCheck() != null) {
            ConditionCheck c = item.conditionCheck();
            sb.append("ConditionCheck TableName=").append(c.tableName());
            key(sb, c.key());
            expressions(sb, null, null, c.conditionExpression(), null, null);
            placeholders(sb, c.expressionAttributeNames(), c.expressionAttributeValues());
        }
    }

    private static void expressions(StringBuilder sb, @Nullable String keyCondition, @Nullable String update,
                                    @Nullable String condition, @Nullable String filter,
                                    @Nullable String projection) {
        field(sb, "KeyConditionExpression", keyCondition);
        field(sb, "UpdateExpression", update);
        field(sb, "ConditionExpression", condition);
        field(sb, "FilterExpression", filter);
        field(sb, "ProjectionExpression", projection);
    }

    private static void field(StringBuilder sb, String name, @Nullable Object value) {
        if (value != null) {
            sb.append(' ').append(name).append("=\"").append(value).append('"');
        }
    }

    private static void flag(StringBuilder sb, String name, @Nullable Boolean value) {
        if (value != null) {
            sb.append(' ').append(name).append('=').append(value);
        }
    }

    private static void names(StringBuilder sb, @Nullable Map<String, String> names) {
        if (names != null && !names.isEmpty()) {
            sb.append(" ExpressionAttributeNames=").append(names);
        }
    }

    private static void placeholders(StringBuilder sb, @Nullable Map<String, String> names,
                                     @Nullable Map<String, AttributeValue> values) {
        names(sb, names);
        if (values != null && !values.isEmpty()) {
            attributes(sb, "ExpressionAttributeValues", values);
        }
    }

    private static void key(StringBuilder sb, @Nullable Map<String, AttributeValue> key) {
        if (key != null && !key.isEmpty()) {
            attributes(sb, "Key", key);
        }
    }

    private static void startKey(StringBuilder sb, @Nullable Map<String, AttributeValue> key) {
        if (key != null && !key.isEmpty()) {
            attributes(sb, "ExclusiveStartKey", key);
        }
    }

    /** Names and types, never values unless switched on ({@link AttributeValues#redacted}): {@code Item={PK=<S>, n=<N>}}. */
    private static void attributes(StringBuilder sb, String field, @Nullable Map<String, AttributeValue> attributes) {
        if (attributes == null) {
            return;
        }
        sb.append(' ').append(field).append("={");
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append('=').append(AttributeValues.redacted(e.getValue()));
            first = false;
        }
        sb.append('}');
    }
}
