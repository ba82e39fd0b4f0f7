package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Value;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The key attributes of the table or index a Query reads, with their types: what a key condition is checked against
 * before it is sent. A key condition on its own knows names and values only; DynamoDB also rejects a key value of
 * another type than the key attribute's ({@code :n} for a string sort key), and {@code begins_with} on a number sort
 * key. Core's {@code KeySchema} supplies these ({@code schema.keyTypes()}); the parser takes them too
 * ({@link Expressions#parseKeyCondition(String, KeyTypes, java.util.Map, java.util.Map)}).
 *
 * {@snippet :
 * KeyTypes events = KeyTypes.of("deviceId", Value.Type.S, "timestamp", Value.Type.N);
 * events.check(partitionKey("deviceId", value("d1")).and(sortKey("timestamp").ge(value(1700000000))));  // fine
 * events.check(partitionKey("deviceId", value("d1")).and(sortKey("timestamp").beginsWith(value("17")))); // throws
 * }
 *
 * @param partitionKey the partition key attribute
 * @param sortKey the sort key attribute, if the table or index has one
 */
public record KeyTypes(Attribute partitionKey, Optional<Attribute> sortKey) {

    /** Checks both parts are present and name two attributes. */
    public KeyTypes {
        requireNonNull(partitionKey, "partitionKey is null");
        requireNonNull(sortKey, "sortKey is null (use Optional.empty())");
        if (sortKey.isPresent() && sortKey.get().name().equals(partitionKey.name())) {
            throw new IllegalArgumentException("sort key \"" + partitionKey.name() + "\" is also the partition key");
        }
    }

    /**
     * A key attribute: its name and its DynamoDB type.
     *
     * @param name the attribute name
     * @param type {@code S}, {@code N} or {@code B}
     */
    public record Attribute(String name, Value.Type type) {
        /** Checks the name is not empty and the type is one a key can have. */
        public Attribute {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("key attribute name is empty");
            }
            if (!type.isScalar()) {
                throw new IllegalArgumentException("key attribute \"" + name + "\": a key is of type S, N or B, not "
                        + type);
            }
        }
    }

    /**
     * {@return the key types of a table or index with a partition key only}
     *
     * @param partitionKey the partition key attribute's name
     * @param partitionType its type: {@code S}, {@code N} or {@code B}
     */
    public static KeyTypes of(String partitionKey, Value.Type partitionType) {
        return new KeyTypes(new Attribute(partitionKey, partitionType), Optional.empty());
    }

    /**
     * {@return the key types of a table or index with a partition key and a sort key}
     *
     * @param partitionKey the partition key attribute's name
     * @param partitionType its type: {@code S}, {@code N} or {@code B}
     * @param sortKey the sort key attribute's name
     * @param sortType its type: {@code S}, {@code N} or {@code B}
     */
    public static KeyTypes of(String partitionKey, Value.Type partitionType, String sortKey, Value.Type sortType) {
        return new KeyTypes(new Attribute(partitionKey, partitionType), Optional.of(new Attribute(sortKey, sortType)));
    }

    /**
     * Checks a key condition against these keys: it names them, and its values are of their types ({@code begins_with}
     * needs a string or binary sort key).
     *
     * @param keyCondition the key condition of a Query on this table or index
     * @throws IllegalArgumentException naming the key attribute, its type and the value's type (never the value)
     */
    public void check(KeyCondition keyCondition) {
        requireNonNull(keyCondition, "keyCondition is null");
        String problem = partitionProblem(keyCondition.partitionKey(), keyCondition.partitionValue());
        if (problem == null && keyCondition.sortKey().isPresent()) {
            problem = sortProblem(keyCondition.sortKey().get());
        }
        if (problem != null) {
            throw new IllegalArgumentException("Invalid KeyConditionExpression: " + problem);
        }
    }

    /** {@return what is wrong with the partition key's condition, or null} */
    @Nullable String partitionProblem(String name, Value value) {
        if (!name.equals(partitionKey.name())) {
            return "the key condition names \"" + name + "\" as partition key, but the partition key is \""
                    + partitionKey.name() + "\"";
        }
        return typeProblem(partitionKey, value);
    }

    /** {@return what is wrong with the sort key's condition, or null} */
    @Nullable String sortProblem(KeyCondition.SortKeyCondition condition) {
        Attribute sort = sortKey.orElse(null);
        if (sort == null) {
            return "the key condition has a condition on \"" + condition.name() + "\", but there is no sort key";
        }
        if (!condition.name().equals(sort.name())) {
            return "the key condition names \"" + condition.name() + "\" as sort key, but the sort key is \""
                    + sort.name() + "\"";
        }
        return switch (condition) {
            case KeyCondition.Comparison(String n, Condition.Comparator op, Value v) -> typeProblem(sort, v);
            // the record checks low and high are of one type
            case KeyCondition.Between(String n, Value low, Value high) -> typeProblem(sort, low);
            case KeyCondition.BeginsWith(String n, Value prefix) -> sort.type() == Value.Type.N
                    ? "begins_with on the sort key \"" + sort.name() + "\", which is a number (N): begins_with takes"
                            + " a string or binary key"
                    : typeProblem(sort, prefix);
        };
    }

    private static @Nullable String typeProblem(Attribute key, Value value) {
        if (value.type() != key.type()) {
            return "One or more parameter values were invalid: Condition parameter type does not match schema type;"
                    + " key \"" + key.name() + "\" is of type " + key.type() + ", the value is of type " + value.type();
        }
        return null;
    }
}
