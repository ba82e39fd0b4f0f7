package dev.dynamatic.render;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

/**
 * What one request's expressions render to: the expression strings and the one placeholder space they share.
 *
 * <p>An expression the request does not have is an empty {@code Optional}; the placeholder maps are empty, never
 * null, when nothing is substituted. The {@code applyTo} methods copy the parts into an SDK request builder, so
 * the caller never copies fields: the condition goes in as {@code FilterExpression} for queries and scans and as
 * {@code ConditionExpression} elsewhere, and an absent part or an empty map is set absent on the builder
 * ({@code null}, which is how the SDK says absent; DynamoDB rejects empty maps).
 *
 * <p>Two renderings are equal when their expressions and maps are. {@link #toString()} shows the expressions and
 * the names, and each value by its type only ({@code :v0=<S>}): values are user data (unless values are shown for
 * debugging, {@link dev.dynamatic.ast.Redaction}).
 *
 * {@snippet :
 * Rendered r = Renderer.update(update(set(path("a"), value(1))), attributeExists(path("pk")));
 * UpdateItemRequest request = r.applyTo(UpdateItemRequest.builder().tableName("t").key(key)).build();
 * }
 */
public final class Rendered {

    private final @Nullable String keyConditionExpression;
    private final @Nullable String updateExpression;
    private final @Nullable String conditionExpression;
    private final @Nullable String projectionExpression;
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;

    /** Made by {@link Renderer} only; the maps are unmodifiable already. */
    Rendered(@Nullable String keyConditionExpression, @Nullable String updateExpression,
             @Nullable String conditionExpression, @Nullable String projectionExpression, Map<String, String> names,
             Map<String, AttributeValue> values) {
        this.keyConditionExpression = keyConditionExpression;
        this.updateExpression = updateExpression;
        this.conditionExpression = conditionExpression;
        this.projectionExpression = projectionExpression;
        this.names = names;
        this.values = values;
    }

    /** {@return the Query key condition ({@code KeyConditionExpression}), if the request has one} */
    public Optional<String> keyConditionExpression() {
        return Optional.ofNullable(keyConditionExpression);
    }

    /** {@return the update ({@code UpdateExpression}), if the request has one} */
    public Optional<String> updateExpression() {
        return Optional.ofNullable(updateExpression);
    }

    /** {@return the condition ({@code ConditionExpression}; a query's or scan's filter), if the request has one} */
    public Optional<String> conditionExpression() {
        return Optional.ofNullable(conditionExpression);
    }

    /** {@return the projection ({@code ProjectionExpression}), if the request has one} */
    public Optional<String> projectionExpression() {
        return Optional.ofNullable(projectionExpression);
    }

    /** {@return {@code ExpressionAttributeNames} ({@code #n0 -> name}) in alias order, unmodifiable, maybe empty} */
    public Map<String, String> names() {
        return names;
    }

    /** {@return {@code ExpressionAttributeValues} ({@code :v0 -> value}) in alias order, unmodifiable, maybe empty} */
    public Map<String, AttributeValue> values() {
        return values;
    }

    // ---- onto SDK builders (null is the SDK's "absent")

    private @Nullable Map<String, String> namesOrAbsent() {
        return names.isEmpty() ? null : names;
    }

    private @Nullable Map<String, AttributeValue> valuesOrAbsent() {
        return values.isEmpty() ? null : values;
    }

    /**
     * {@return the builder, with the key condition, the condition as filter, the projection and the maps set}
     *
     * @param b the builder to fill
     */
    public QueryRequest.Builder applyTo(QueryRequest.Builder b) {
        return b.keyConditionExpression(keyConditionExpression).filterExpression(conditionExpression)
                .projectionExpression(projectionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the builder, with the condition as filter, the projection and the maps set}
     *
     * @param b the builder to fill
     */
    public ScanRequest.Builder applyTo(ScanRequest.Builder b) {
        return b.filterExpression(conditionExpression).projectionExpression(projectionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the builder, with the update, the condition and the maps set}
     *
     * @param b the builder to fill
     */
    public UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder b) {
        return b.updateExpression(updateExpression).conditionExpression(conditionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the builder, with the condition and the maps set}
     *
     * @param b the builder to fill
     */
    public PutItemRequest.Builder applyTo(PutItemRequest.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the builder, with the condition and the maps set}
     *
     * @param b the builder to fill
     */
    public DeleteItemRequest.Builder applyTo(DeleteItemRequest.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the builder, with the projection and the names set (a GetItem takes no values)}
     *
     * @param b the builder to fill
     */
    public GetItemRequest.Builder applyTo(GetItemRequest.Builder b) {
        return b.projectionExpression(projectionExpression).expressionAttributeNames(namesOrAbsent());
    }

    /**
     * {@return the builder, with the projection and the names set (a BatchGetItem takes no values)}
     *
     * @param b the builder to fill
     */
    public KeysAndAttributes.Builder applyTo(KeysAndAttributes.Builder b) {
        return b.projectionExpression(projectionExpression).expressionAttributeNames(namesOrAbsent());
    }

    /**
     * {@return the transaction builder, with the projection and the names set (a Get takes no values)}
     *
     * @param b the builder to fill
     */
    public Get.Builder applyTo(Get.Builder b) {
        return b.projectionExpression(projectionExpression).expressionAttributeNames(namesOrAbsent());
    }

    /**
     * {@return the transaction builder, with the condition and the maps set}
     *
     * @param b the builder to fill
     */
    public Put.Builder applyTo(Put.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the transaction builder, with the update, the condition and the maps set}
     *
     * @param b the builder to fill
     */
    public Update.Builder applyTo(Update.Builder b) {
        return b.updateExpression(updateExpression).conditionExpression(conditionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the transaction builder, with the condition and the maps set}
     *
     * @param b the builder to fill
     */
    public Delete.Builder applyTo(Delete.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    /**
     * {@return the transaction builder, with the condition and the maps set}
     *
     * @param b the builder to fill
     */
    public ConditionCheck.Builder applyTo(ConditionCheck.Builder b) {
        return b.conditionExpression(conditionExpression)
                .expressionAttributeNames(namesOrAbsent()).expressionAttributeValues(valuesOrAbsent());
    }

    // ---- value semantics

    /** {@return whether the other is a rendering with equal expressions, names and values} */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Rendered r
                && Objects.equals(keyConditionExpression, r.keyConditionExpression)
                && Objects.equals(updateExpression, r.updateExpression)
                && Objects.equals(conditionExpression, r.conditionExpression)
                && Objects.equals(projectionExpression, r.projectionExpression)
                && names.equals(r.names)
                && values.equals(r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyConditionExpression, updateExpression, conditionExpression, projectionExpression, names,
                values);
    }

    /**
     * {@return the expressions present and the maps, each value shown by its DynamoDB type only}, e.g.
     * {@code Rendered[UpdateExpression=SET #n0 = :v0, names={#n0=a}, values={:v0=<N>}]} (the values themselves
     * only while values are shown, {@link dev.dynamatic.ast.Redaction})
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Rendered[");
        part(sb, "KeyConditionExpression", keyConditionExpression);
        part(sb, "UpdateExpression", updateExpression);
        part(sb, "ConditionExpression", conditionExpression);
        part(sb, "ProjectionExpression", projectionExpression);
        if (!names.isEmpty()) {
            separate(sb).append("names=").append(names);
        }
        if (!values.isEmpty()) {
            separate(sb).append("values={");
            boolean first = true;
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(e.getKey()).append('=').append(AttributeValues.redacted(e.getValue()));
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void part(StringBuilder sb, String name, @Nullable String expression) {
        if (expression != null) {
            separate(sb).append(name).append('=').append(expression);
        }
    }

    private static StringBuilder separate(StringBuilder sb) {
        return sb.charAt(sb.length() - 1) == '[' ? sb : sb.append(", ");
    }
}
