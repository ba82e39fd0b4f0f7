package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The key attribute names of a table and of each of its secondary indexes (GSIs and LSIs).
 *
 * {@snippet :
 * KeySchema shop = KeySchema.of("PK", "SK")
 *         .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
 *         .withIndex("GSI2", KeySchema.of("GSI2PK", "GSI2SK"));
 * }
 *
 * @param partitionKey the partition key attribute name
 * @param sortKey the sort key attribute name, if the table (or index) has one
 * @param indexes the key schema of each secondary index, by index name (empty for an index's own schema)
 */
public record KeySchema(String partitionKey, Optional<String> sortKey, Map<String, KeySchema> indexes) {

    /** Checks the names and copies the index map, keeping its order. */
    public KeySchema {
        requireNonNull(partitionKey, "partitionKey is null");
        if (partitionKey.isEmpty()) {
            throw new IllegalArgumentException("partition key name is empty");
        }
        requireNonNull(sortKey, "sortKey is null (use Optional.empty())");
        if (sortKey.isPresent() && (sortKey.get().isEmpty() || sortKey.get().equals(partitionKey))) {
            throw new IllegalArgumentException("sort key name \"" + sortKey.get() + "\" is empty or the partition key's");
        }
        indexes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(indexes, "indexes is null")));
    }

    /** {@return the schema of a table keyed by a partition key alone} */
    public static KeySchema of(String partitionKey) {
        return new KeySchema(partitionKey, Optional.empty(), Map.of());
    }

    /** {@return the schema of a table keyed by a partition key and a sort key} */
    public static KeySchema of(String partitionKey, String sortKey) {
        return new KeySchema(partitionKey, Optional.of(sortKey), Map.of());
    }

    /** {@return this schema with a secondary index added (or replaced)} */
    public KeySchema withIndex(String indexName, KeySchema indexKeys) {
        requireNonNull(indexName, "indexName is null");
        if (!requireNonNull(indexKeys, "indexKeys is null").indexes.isEmpty()) {
            throw new IllegalArgumentException("index \"" + indexName + "\" schema must not have indexes of its own");
        }
        LinkedHashMap<String, KeySchema> all = new LinkedHashMap<>(indexes);
        all.put(indexName, indexKeys);
        return new KeySchema(partitionKey, sortKey, all);
    }

    /**
     * {@return the key schema of the named index}
     *
     * @throws IllegalArgumentException naming the known indexes if there is no such index
     */
    public KeySchema index(String indexName) {
        KeySchema index = indexes.get(indexName);
        if (index == null) {
            throw new IllegalArgumentException("no index \"" + indexName + "\" in the key schema; known: " + indexes.keySet());
        }
        return index;
    }

    /** {@return the key attribute names: partition key, then sort key if any} */
    public List<String> names() {
        return sortKey.map(s -> List.of(partitionKey, s)).orElse(List.of(partitionKey));
    }

    /**
     * Reads a table's key schema with {@code DescribeTable}: an opt-in convenience that needs the
     * {@code dynamodb:DescribeTable} permission and a call at start-up.
     *
     * @param client the client
     * @param tableName the table
     * @return the table's key schema with each GSI and LSI
     */
    public static KeySchema describe(DynamoDbClient client, String tableName) {
        TableDescription t = client.describeTable(b -> b.tableName(tableName)).table();
        KeySchema schema = from(t.keySchema());
        if (t.hasGlobalSecondaryIndexes()) {
            for (var gsi : t.globalSecondaryIndexes()) {
                schema = schema.withIndex(gsi.indexName(), from(gsi.keySchema()));
            }
        }
        if (t.hasLocalSecondaryIndexes()) {
            for (var lsi : t.localSecondaryIndexes()) {
                schema = schema.withIndex(lsi.indexName(), from(lsi.keySchema()));
            }
        }
        return schema;
    }

    private static KeySchema from(List<KeySchemaElement> elements) {
        String hash = null;
        String range = null;
        for (KeySchemaElement e : elements) {
            KeyType type = e.keyType();
            switch (type) {
                case HASH -> hash = e.attributeName();
                case RANGE -> range = e.attributeName();
                case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException(
                        "key type of " + e.attributeName() + " is unknown to this SDK version: " + e.keyTypeAsString());
                case null -> throw new IllegalStateException("key type of " + e.attributeName() + " is missing");
                default -> throw new IllegalStateException("unexpected key type " + type);
            }
        }
        if (hash == null) {
            throw new IllegalStateException("key schema has no HASH key: " + elements);
        }
        return new KeySchema(hash, Optional.ofNullable(range), Map.of());
    }
}
