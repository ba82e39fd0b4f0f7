package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import dev.dynamatic.render.ExpressionParseException.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reads DynamoDB expression text, with its {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues},
 * back into the trees the {@code Dsl} builds: for migrating hand-written expressions, and for tools.
 *
 * {@snippet :
 * Parsed<Update> p = Expressions.parseUpdate("SET #pr.#5star[1] = :r5 REMOVE InStock",
 *         Map.of("#pr", "ProductReviews", "#5star", "FiveStar"),
 *         Expressions.values(Map.of(":r5", "Very happy with my purchase")));
 * p.tree();       // update(set(path("ProductReviews.FiveStar[1]"), value("Very happy ...")), remove(path("InStock")))
 * p.usedNames();  // [#pr, #5star]
 * }
 *
 * <p>The grammar is DynamoDB's: keywords in any letter case, function names exactly as DynamoDB spells them,
 * each of {@code SET REMOVE ADD DELETE} at most once, one {@code +} or {@code -} per {@code SET} value,
 * {@code NOT} over {@code AND} over {@code OR} with comparisons binding tightest, {@code IN} with 1 to 100
 * operands, bare names that start with a letter and are not one of DynamoDB's reserved words. What DynamoDB
 * checks when it parses (operand types, overlapping paths, identical operands, redundant parentheses, undefined
 * placeholders) is checked here too, so a bad expression fails before anything is sent.
 *
 * <p>Every bad input, whatever it is, ends in an {@link ExpressionParseException} naming the expression kind, the
 * offset and the offending token; nothing else is thrown for text or map contents (a {@code null} argument is a
 * {@code NullPointerException}). Text longer than DynamoDB's 4 KB limit is rejected before it is read, and at most
 * 100 parentheses, {@code NOT}s and function calls may be open at once (this parser's own bound, far beyond any
 * real expression), so parsing is linear in the text and never exhausts the stack.
 *
 * <p>A single expression reports the placeholders it used ({@link Parsed#usedNames()}); rejecting map entries
 * that no expression uses is a rule over a whole request, applied by the {@code parse(…Request)} methods.
 */
public final class Expressions {

    private Expressions() {
    }

    /**
     * Parses an {@code UpdateExpression}.
     *
     * @param expression the expression, e.g. {@code SET Price = Price - :p REMOVE InStock}
     * @param names {@code ExpressionAttributeNames} ({@code #name -> attribute name}); may hold entries not used here
     * @param values {@code ExpressionAttributeValues}; may hold entries not used here
     * @return the update, its actions in the order written, and the placeholders used
     * @throws ExpressionParseException if DynamoDB would reject the expression
     */
    public static Parsed<Update> parseUpdate(String expression, Map<String, String> names,
                                             Map<String, AttributeValue> values) {
        return ExpressionParser.update(expression, names, values);
    }

    /**
     * Parses a {@code ConditionExpression} or a {@code FilterExpression} (the two share one grammar).
     *
     * @param expression the expression, e.g. {@code attribute_not_exists(Id) OR Price > :limit}
     * @param names {@code ExpressionAttributeNames}; may hold entries not used here
     * @param values {@code ExpressionAttributeValues}; may hold entries not used here
     * @return the condition, {@code AND}s and {@code OR}s flattened as the {@code Dsl} does, and the placeholders used
     * @throws ExpressionParseException if DynamoDB would reject the expression
     */
    public static Parsed<Condition> parseCondition(String expression, Map<String, String> names,
                                                   Map<String, AttributeValue> values) {
        return ExpressionParser.condition(Kind.CONDITION, expression, names, values);
    }

    /**
     * Parses the {@code KeyConditionExpression} of a Query on a table or index with a partition key only.
     *
     * @param expression the expression, e.g. {@code ForumName = :name}
     * @param partitionKey the partition key attribute name of the table or index queried
     * @param names {@code ExpressionAttributeNames}; may hold entries not used here
     * @param values {@code ExpressionAttributeValues}; may hold entries not used here
     * @return the key condition and the placeholders used
     * @throws ExpressionParseException if DynamoDB would reject the expression for this key schema
     */
    public static Parsed<KeyCondition> parseKeyCondition(String expression, String partitionKey,
                                                         Map<String, String> names, Map<String, AttributeValue> values) {
        return ExpressionParser.keyCondition(expression, partitionKey, null, null, names, values);
    }

    /**
     * Parses the {@code KeyConditionExpression} of a Query on a table or index with a partition and a sort key.
     *
     * <p>As in DynamoDB, the two conditions may come in either order and a value may stand on the left
     * ({@code :v < sk} reads as {@code sk > :v}); the key names tell the partition key from the sort key.
     *
     * @param expression the expression, e.g. {@code Id = :id and begins_with(ReplyDateTime, :dt)}
     * @param partitionKey the partition key attribute name of the table or index queried
     * @param sortKey the sort key attribute name of the table or index queried
     * @param names {@code ExpressionAttributeNames}; may hold entries not used here
     * @param values {@code ExpressionAttributeValues}; may hold entries not used here
     * @return the key condition and the placeholders used
     * @throws ExpressionParseException if DynamoDB would reject the expression for this key schema
     */
    public static Parsed<KeyCondition> parseKeyCondition(String expression, String partitionKey, String sortKey,
                                                         Map<String, String> names, Map<String, AttributeValue> values) {
        requireNonNull(sortKey, "sortKey is null (use the overload without a sort key)");
        return ExpressionParser.keyCondition(expression, partitionKey, sortKey, null, names, values);
    }

    /**
     * Parses the {@code KeyConditionExpression} of a Query, checking its values against the key attributes' types.
     *
     * <p>Beyond what the overloads with key names check, this rejects what DynamoDB rejects knowing the key types: a
     * key value of another type than its attribute ({@code sk = :v} with a number {@code :v} for a string sort key),
     * and {@code begins_with} on a number sort key.
     *
     * {@snippet :
     * Expressions.parseKeyCondition("deviceId = :d AND #t >= :from",
     *         KeyTypes.of("deviceId", Value.Type.S, "timestamp", Value.Type.N),
     *         Map.of("#t", "timestamp"), Expressions.values(Map.of(":d", "d1", ":from", 1700000000)));
     * }
     *
     * @param expression the expression, e.g. {@code Id = :id and begins_with(ReplyDateTime, :dt)}
     * @param keys the key attributes of the table or index queried, with their types (core's
     *             {@code KeySchema.keyTypes()})
     * @param names {@code ExpressionAttributeNames}; may hold entries not used here
     * @param values {@code ExpressionAttributeValues}; may hold entries not used here
     * @return the key condition and the placeholders used
     * @throws ExpressionParseException if DynamoDB would reject the expression for these keys
     */
    public static Parsed<KeyCondition> parseKeyCondition(String expression, KeyTypes keys, Map<String, String> names,
                                                         Map<String, AttributeValue> values) {
        requireNonNull(keys, "keys is null");
        return ExpressionParser.keyCondition(expression, keys.partitionKey().name(), sortKeyName(keys), keys, names,
                values);
    }

    /**
     * Parses a {@code ProjectionExpression}.
     *
     * @param expression the expression, e.g. {@code Description, RelatedItems[0], ProductReviews.FiveStar}
     * @param names {@code ExpressionAttributeNames}; may hold entries not used here
     * @return the projection, its paths in the order written, and the names used
     * @throws ExpressionParseException if DynamoDB would reject the expression
     */
    public static Parsed<Projection> parseProjection(String expression, Map<String, String> names) {
        return ExpressionParser.projection(expression, names);
    }

    /**
     * {@return an {@code ExpressionAttributeValues} map from plain Java values}, for the parse methods:
     * {@code parseCondition("Price > :p", Map.of(), values(Map.of(":p", 500)))}. Values convert as by
     * {@link AttributeValues#fromJava(Object)}.
     *
     * @param javaValues placeholder ({@code :name}) to Java value
     * @throws IllegalArgumentException naming the placeholder whose value cannot be converted
     */
    public static Map<String, AttributeValue> values(Map<String, ?> javaValues) {
        return AttributeValues.fromJava(javaValues);
    }

    // ---- whole requests

    /**
     * Parses the {@code UpdateExpression} and {@code ConditionExpression} of an UpdateItem request.
     *
     * @param request the request
     * @return the update and condition, each present when the request has it
     * @throws ExpressionParseException if DynamoDB would reject the expressions, or the maps: an entry no
     *         expression uses, an empty map, a map without expressions, a key that is not a placeholder
     */
    public static ParsedRequest parse(UpdateItemRequest request) {
        requireNonNull(request, "request is null");
        RequestParse r = new RequestParse(request.hasExpressionAttributeNames(), request.expressionAttributeNames(),
                request.hasExpressionAttributeValues(), request.expressionAttributeValues());
        Optional<Update> update = r.present(request.updateExpression())
                .map(e -> r.use(ExpressionParser.update(e, r.names, r.values)));
        Optional<Condition> condition = r.present(request.conditionExpression())
                .map(e -> r.use(ExpressionParser.condition(Kind.CONDITION, e, r.names, r.values)));
        r.finish();
        return new ParsedRequest(Optional.empty(), update, condition, Optional.empty(), Optional.empty());
    }

    /**
     * Parses the {@code ConditionExpression} of a PutItem request.
     *
     * @param request the request
     * @return the condition, present when the request has one
     * @throws ExpressionParseException as {@link #parse(UpdateItemRequest)} does
     */
    public static ParsedRequest parse(PutItemRequest request) {
        requireNonNull(request, "request is null");
        return conditionOnly(new RequestParse(request.hasExpressionAttributeNames(), request.expressionAttributeNames(),
                request.hasExpressionAttributeValues(), request.expressionAttributeValues()), request.conditionExpression());
    }

    /**
     * Parses the {@code ConditionExpression} of a DeleteItem request.
     *
     * @param request the request
     * @return the condition, present when the request has one
     * @throws ExpressionParseException as {@link #parse(UpdateItemRequest)} does
     */
    public static ParsedRequest parse(DeleteItemRequest request) {
        requireNonNull(request, "request is null");
        return conditionOnly(new RequestParse(request.hasExpressionAttributeNames(), request.expressionAttributeNames(),
                request.hasExpressionAttributeValues(), request.expressionAttributeValues()), request.conditionExpression());
    }

    /** A request whose only expression is a condition (PutItem, DeleteItem). */
    private static ParsedRequest conditionOnly(RequestParse r, String conditionExpression) {
        Optional<Condition> condition = r.present(conditionExpression)
                .map(e -> r.use(ExpressionParser.condition(Kind.CONDITION, e, r.names, r.values)));
        r.finish();
        return new ParsedRequest(Optional.empty(), Optional.empty(), condition, Optional.empty(), Optional.empty());
    }

    /**
     * Parses the {@code ProjectionExpression} of a GetItem request.
     *
     * @param request the request
     * @return the projection, present when the request has one
     * @throws ExpressionParseException as {@link #parse(UpdateItemRequest)} does
     */
    public static ParsedRequest parse(GetItemRequest request) {
        requireNonNull(request, "request is null");
        RequestParse r = new RequestParse(request.hasExpressionAttributeNames(), request.expressionAttributeNames(),
                false, Map.of());
        Optional<Projection> projection = r.present(request.projectionExpression())
                .map(e -> r.use(ExpressionParser.projection(e, r.names)));
        r.finish();
        return new ParsedRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), projection);
    }

    /**
     * Parses the {@code FilterExpression} and {@code ProjectionExpression} of a Scan request.
     *
     * @param request the request
     * @return the filter and projection, each present when the request has it
     * @throws ExpressionParseException as {@link #parse(UpdateItemRequest)} does
     */
    public static ParsedRequest parse(ScanRequest request) {
        requireNonNull(request, "request is null");
        RequestParse r = new RequestParse(request.hasExpressionAttributeNames(), request.expressionAttributeNames(),
                request.hasExpressionAttributeValues(), request.expressionAttributeValues());
        Optional<Condition> filter = r.present(request.filterExpression())
                .map(e -> r.use(ExpressionParser.condition(Kind.FILTER, e, r.names, r.values)));
        Optional<Projection> projection = r.present(request.projectionExpression())
                .map(e -> r.use(ExpressionParser.projection(e, r.names)));
        r.finish();
        return new ParsedRequest(Optional.empty(), Optional.empty(), Optional.empty(), filter, projection);
    }

    /**
     * Parses the key condition, filter and projection of a Query on a table or index with a partition key only.
     * As DynamoDB requires, the filter may not name the key attribute.
     *
     * @param request the request
     * @param partitionKey the partition key attribute name of the table or index queried
     * @return the key condition, filter and projection, each present when the request has it
     * @throws ExpressionParseException as {@link #parse(UpdateItemRequest)} does
     */
    public static ParsedRequest parse(QueryRequest request, String partitionKey) {
        return query(request, requireNonNull(partitionKey, "partitionKey is null"), null, null);
    }

    /**
     * Parses the key condition, filter and projection of a Query on a table or index with a partition and a sort key.
     * As DynamoDB requires, the filter may not name a key attribute.
     *
     * @param request the request
     * @param partitionKey the partition key attribute name of the table or index queried
     * @param sortKey the sort key attribute name of the table or index queried
     * @return the key condition, filter and projection, each present when the request has it
     * @throws ExpressionParseException as {@link #parse(UpdateItemRequest)} does
     */
    public static ParsedRequest parse(QueryRequest request, String partitionKey, String sortKey) {
        return query(request, requireNonNull(partitionKey, "partitionKey is null"),
                requireNonNull(sortKey, "sortKey is null (use the overload without a sort key)"), null);
    }

    /**
     * Parses the key condition, filter and projection of a Query, checking the key condition's values against the key
     * attributes' types as {@link #parseKeyCondition(String, KeyTypes, Map, Map)} does. As DynamoDB requires, the
     * filter may not name a key attribute.
     *
     * @param request the request
     * @param keys the key attributes of the table or index queried, with their types (core's
     *             {@code KeySchema.keyTypes()}, or {@code index(name).keyTypes()} for an index)
     * @return the key condition, filter and projection, each present when the request has it
     * @throws ExpressionParseException as {@link #parse(UpdateItemRequest)} does, and for a key value of another
     *         type than its attribute or {@code begins_with} on a number sort key
     */
    public static ParsedRequest parse(QueryRequest request, KeyTypes keys) {
        requireNonNull(keys, "keys is null");
        return query(request, keys.partitionKey().name(), sortKeyName(keys), keys);
    }

    private static @Nullable String sortKeyName(KeyTypes keys) {
        return keys.sortKey().map(KeyTypes.Attribute::name).orElse(null);
    }

    private static ParsedRequest query(QueryRequest request, String partitionKey, @Nullable String sortKey,
                                       @Nullable KeyTypes types) {
        requireNonNull(request, "request is null");
        RequestParse r = new RequestParse(request.hasExpressionAttributeNames(), request.expressionAttributeNames(),
                request.hasExpressionAttributeValues(), request.expressionAttributeValues());
        Optional<KeyCondition> key = r.present(request.keyConditionExpression())
                .map(e -> r.use(ExpressionParser.keyCondition(e, partitionKey, sortKey, types, r.names, r.values)));
        // "A filter expression cannot contain partition key or sort key attributes" (Developer Guide, Query).
        Set<String> keys = sortKey == null ? Set.of(partitionKey) : Set.of(partitionKey, sortKey);
        Optional<Condition> filter = r.present(request.filterExpression())
                .map(e -> r.use(ExpressionParser.queryFilter(e, keys, r.names, r.values)));
        Optional<Projection> projection = r.present(request.projectionExpression())
                .map(e -> r.use(ExpressionParser.projection(e, r.names)));
        r.finish();
        return new ParsedRequest(key, Optional.empty(), Optional.empty(), filter, projection);
    }

    /** The expressions of one request, sharing one pair of maps: checks what DynamoDB checks across them. */
    private static final class RequestParse {
        private final boolean hasNames;
        private final boolean hasValues;
        private final Map<String, String> names;
        private final Map<String, AttributeValue> values;
        private final Set<String> usedNames = new HashSet<>();
        private final Set<String> usedValues = new HashSet<>();
        private boolean anyExpression;

        RequestParse(boolean hasNames, Map<String, String> names, boolean hasValues, Map<String, AttributeValue> values) {
            this.hasNames = hasNames;
            this.hasValues = hasValues;
            this.names = names;
            this.values = values;
            checkMap(Kind.ATTRIBUTE_NAMES, hasNames, names.keySet(), '#');
            checkMap(Kind.ATTRIBUTE_VALUES, hasValues, values.keySet(), ':');
        }

        private static void checkMap(Kind kind, boolean present, Set<String> keys, char sigil) {
            if (!present) {
                return;
            }
            if (keys.isEmpty()) {
                throw mapError(kind, "", kind.parameterName() + " must not be empty");
            }
            for (String key : keys) {
                if (!isPlaceholder(key, sigil)) {
                    throw mapError(kind, String.valueOf(key), kind.parameterName() + " contains invalid key: Syntax error;"
                            + " key: \"" + key + "\" (a key is '" + sigil + "' followed by letters, digits or _)");
                }
            }
        }

        private static boolean isPlaceholder(String key, char sigil) {
            if (key == null || key.length() < 2 || key.length() > Limits.MAX_PLACEHOLDER_BYTES
                    || key.charAt(0) != sigil) {
                return false;
            }
            for (int i = 1; i < key.length(); i++) {
                char c = key.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                    return false;
                }
            }
            return true;
        }

        Optional<String> present(String expression) {
            if (expression == null) {
                return Optional.empty();
            }
            anyExpression = true;
            return Optional.of(expression);
        }

        <T> T use(Parsed<T> parsed) {
            usedNames.addAll(parsed.usedNames());
            usedValues.addAll(parsed.usedValues());
            return parsed.tree();
        }

        void finish() {
            checkUsed(Kind.ATTRIBUTE_NAMES, hasNames, names.keySet(), usedNames);
            checkUsed(Kind.ATTRIBUTE_VALUES, hasValues, values.keySet(), usedValues);
        }

        private void checkUsed(Kind kind, boolean present, Set<String> keys, Set<String> used) {
            if (!present) {
                return;
            }
            if (!anyExpression) {
                throw mapError(kind, keys.iterator().next(), kind.parameterName()
                        + " can only be specified when using expressions");
            }
            Set<String> unused = new TreeSet<>(keys);
            unused.removeAll(used);
            if (!unused.isEmpty()) {
                List<String> list = List.copyOf(unused);
                throw mapError(kind, list.getFirst(), "Value provided in " + kind.parameterName()
                        + " unused in expressions: keys: {" + String.join(", ", list) + "}");
            }
        }

        private static ExpressionParseException mapError(Kind kind, String key, String message) {
            return new ExpressionParseException(kind, -1, key, message);
        }
    }
}
