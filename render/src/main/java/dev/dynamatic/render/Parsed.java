package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One parsed expression: its tree, and the placeholders it used.
 *
 * <p>DynamoDB rejects a request whose {@code ExpressionAttributeNames} or {@code ExpressionAttributeValues}
 * hold entries that none of its expressions use; a single expression cannot judge that, so it reports what it
 * used and the caller (or {@link Expressions#parse(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest)}
 * and its siblings) checks the union.
 *
 * @param <T> the tree type: {@code Update}, {@code Condition}, {@code KeyCondition} or {@code Projection}
 * @param tree the tree, as the {@code Dsl} would build it
 * @param usedNames the {@code #name} placeholders used, in order of first use
 * @param usedValues the {@code :value} placeholders used, in order of first use
 */
public record Parsed<T>(T tree, Set<String> usedNames, Set<String> usedValues) {

    /** Checks the parts are present and copies the sets, keeping their order. */
    public Parsed {
        requireNonNull(tree, "tree is null");
        usedNames = Collections.unmodifiableSet(new LinkedHashSet<>(requireNonNull(usedNames, "usedNames is null")));
        usedValues = Collections.unmodifiableSet(new LinkedHashSet<>(requireNonNull(usedValues, "usedValues is null")));
    }
}
