package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import java.util.Optional;

/**
 * The expressions of one SDK request, parsed: each part is present when the request had that expression.
 *
 * @param keyCondition the {@code KeyConditionExpression} (Query)
 * @param update the {@code UpdateExpression} (UpdateItem)
 * @param condition the {@code ConditionExpression} (PutItem, UpdateItem, DeleteItem)
 * @param filter the {@code FilterExpression} (Query, Scan)
 * @param projection the {@code ProjectionExpression} (GetItem, Query, Scan)
 */
public record ParsedRequest(Optional<KeyCondition> keyCondition, Optional<Update> update, Optional<Condition> condition,
                            Optional<Condition> filter, Optional<Projection> projection) {

    /** Checks every part is present (use {@code Optional.empty()} for an absent expression). */
    public ParsedRequest {
        requireNonNull(keyCondition, "keyCondition is null");
        requireNonNull(update, "update is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(projection, "projection is null");
    }
}
