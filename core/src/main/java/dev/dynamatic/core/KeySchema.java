package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Value;
import dev.dynamatic.render.AttributeValues;
import dev.dynamatic.render.KeyTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The key attributes of a table and of each of its secondary indexes (GSIs and LSIs): their names and their
 * DynamoDB types ({@code S}, {@code N} or {@code B}). The one place the library learns what a key looks like.
 *
 * {@snippet :
 * KeySchema shop = KeySchema.of("PK", "SK")                                 // string keys
 *         .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
 *         .withIndex("GSI2", KeySchema.of("GSI2PK", "GSI2SK"));
 * KeySchema events = KeySchema.of(KeyAttribute.string("deviceId"), KeyAttribute.number("timestamp"));
 * KeySchema live = KeySchema.describe(client, "Shop");                       // read with DescribeTable
 * }
 *
 * <p>{@code of(String...)} declares string keys, the common case in single-table designs; declare number or
 * binary keys with {@link KeyAttribute}. An attribute name keeps one type across the table and its indexes, as
 * DynamoDB's attribute definitions do. Keys sent with a request are checked against the declared types before
 * anything is sent.
 *
 * <p>Immutable; equal when the table's and every index's key attributes are equal.
 */
public final class KeySchema {

    private final KeyAttribute partitionKey;
    private final @Nullable KeyAttribute sortKey;
    private final Map<String, KeySchema> indexes;
    private final List<String> names;
    private final KeyTypes keyTypes;

    private KeySchema(KeyAttribute partitionKey, @Nullable KeyAttribute sortKey, Map<String, KeySchema> indexes) {
        this.partitionKey = requireNonNull(partitionKey, "partitionKey is null");
        this.sortKey = sortKey;
        if (sortKey != null && sortKey.name().equals(partitionKey.name())) {
            throw new IllegalArgumentException("sort key \"" + sortKey.name() + "\" is also the partition key");
        }
        this.indexes = indexes;
        this.names = sortKey == null ? List.of(partitionKey.name()) : List.of(partitionKey.name(), sortKey.name());
        this.keyTypes = sortKey == null ? KeyTypes.of(partitionKey.name(), partitionKey.type())
                : KeyTypes.of(partitionKey.name(), partitionKey.type(), sortKey.name(), sortKey.type());
    }

    /**
     * {@return the schema of a table keyed by a string partition key alone}
     *
     * @param partitionKey the partition key attribute's name
     */
    public static KeySchema of(String partitionKey) {
        return new KeySchema(KeyAttribute.string(partitionKey), null, Map.of());
    }

    /**
     * {@return the schema of a table keyed by a string partition key and a string sort key}
     *
     * @param partitionKey the partition key attribute's name
     * @param sortKey the sort key attribute's name
     */
    public static KeySchema of(String partitionKey, String sortKey) {
        return new KeySchema(KeyAttribute.string(partitionKey), KeyAttribute.string(sortKey), Map.of());
    }

    /**
     * {@return the schema of a table keyed by a partition key alone, of the given type}
     *
     * @param partitionKey the partition key attribute
     */
    public static KeySchema of(KeyAttribute partitionKey) {
        return new KeySchema(partitionKey, null, Map.of());
    }

    /**
     * {@return the schema of a table keyed by a partition key and a sort key, of the given types}
     *
     * @param partitionKey the partition key attribute
     * @param sortKey the sort key attribute
     */
    public static KeySchema of(KeyAttribute partitionKey, KeyAttribute sortKey) {
        return new KeySchema(partitionKey, requireNonNull(sortKey, "sortKey is null"), Map.of());
    }

    /**
     * {@return this schema with a secondary index added (or replaced)}
     *
     * @param indexName the index's name
     * @param indexKeys the index's key attributes (a schema without indexes of its own)
     * @throws IllegalArgumentException if the index schema has indexes, or gives an attribute of this schema or
     *                                  of another index another type
     */
    public KeySchema withIndex(String indexName, KeySchema indexKeys) {
        requireNonNull(indexName, "indexName is null");
        requireNonNull(indexKeys, "indexKeys is null");
        if (indexName.isEmpty()) {
            throw new IllegalArgumentException("index name is empty");
        }
        if (!indexKeys.indexes.isEmpty()) {
            throw new IllegalArgumentException("index \"" + indexName + "\": its key schema must not have indexes of its own");
        }
        LinkedHashMap<String, KeySchema> all = new LinkedHashMap<>(indexes);
        all.put(indexName, indexKeys);
        KeySchema result = new KeySchema(partitionKey, sortKey, Collections.unmodifiableMap(all));
        result.checkOneTypePerName();
        return result;
    }

    /** {@return the partition key attribute} */
    public KeyAttribute partitionKey() {
        return partitionKey;
    }

    /** {@return the sort key attribute, if the table (or index) has one} */
    public Optional<KeyAttribute> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    /** {@return this schema's own key attributes, without the indexes} */
    KeySchema withoutIndexes() {
        return indexes.isEmpty() ? this : new KeySchema(partitionKey, sortKey, Map.of());
    }

    /** {@return the key attribute names: partition key, then sort key if any} */
    public List<String> names() {
        return names;
    }

    /**
     * {@return the key attributes of this table (not of its indexes) with their types, as render takes them}: to
     * check a key condition before it is sent, or to parse a Query's key condition with its types; for an index,
     * {@code index(name).keyTypes()}
     *
     * {@snippet :
     * Expressions.parse(queryRequest, schema.keyTypes());    // rejects a number for a string sort key
     * }
     */
    public KeyTypes keyTypes() {
        return keyTypes;
    }

    /** {@return the key attributes: partition key, then sort key if any} */
    public List<KeyAttribute> attributes() {
        return sortKey == null ? List.of(partitionKey) : List.of(partitionKey, sortKey);
    }

    /** {@return the key schema of each secondary index, by index name, in the order added} */
    public Map<String, KeySchema> indexes() {
        return indexes;
    }

    /**
     * {@return the key schema of the named index}
     *
     * @param indexName the index's name
     * @throws IllegalArgumentException naming the known indexes if there is no such index
     */
    public KeySchema index(String indexName) {
        KeySchema index = indexes.get(requireNonNull(indexName, "indexName is null"));
        if (index == null) {
            throw new IllegalArgumentException("no index \"" + indexName + "\" in the key schema; known: "
                    + indexes.keySet());
        }
        return index;
    }

    /**
     * {@return the type of a key attribute of the table or of any index}, empty for an attribute that is no key
     * attribute
     *
     * @param attributeName an attribute name
     */
    public Optional<Value.Type> typeOf(String attributeName) {
        requireNonNull(attributeName, "attributeName is null");
        for (KeyAttribute a : attributes()) {
            if (a.name().equals(attributeName)) {
                return Optional.of(a.type());
            }
        }
        for (KeySchema index : indexes.values()) {
            Optional<Value.Type> t = index.typeOf(attributeName);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the key as DynamoDB attributes, named by this schema}: the partition key, then the sort key
     *
     * @param key a key of a table (or index) with this schema
     * @throws IllegalArgumentException if the key lacks the sort value this schema needs, has one it has no
     *                                  place for, or a value is not of its attribute's declared type
     */
    public Map<String, AttributeValue> attributesOf(Key key) {
        requireNonNull(key, "key is null");
        checkType(partitionKey, key.partition(), "partition");
        if (sortKey == null) {
            if (key.sort().isPresent()) {
                throw new IllegalArgumentException("the key has a sort value, but the schema has no sort key (partition key \""
                        + partitionKey.name() + "\")");
            }
            return Map.of(partitionKey.name(), AttributeValues.toSdk(key.partition()));
        }
        Value sort = key.sort().orElseThrow(() -> new IllegalArgumentException("the key has no sort value, but the "
                + "schema has the sort key \"" + sortKey.name() + "\""));
        checkType(sortKey, sort, "sort");
        Map<String, AttributeValue> m = LinkedHashMap.newLinkedHashMap(2);
        m.put(partitionKey.name(), AttributeValues.toSdk(key.partition()));
        m.put(sortKey.name(), AttributeValues.toSdk(sort));
        return Collections.unmodifiableMap(m);
    }

    /**
     * {@return the key of an item}: its key attributes, named by this schema
     *
     * @param item an item's attributes, its key attributes among them
     * @throws IllegalArgumentException if a key attribute is missing or not of its declared type
     */
    public Key keyOf(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        Value partition = keyValue(item, partitionKey);
        return sortKey == null ? new Key(partition, Optional.empty())
                : new Key(partition, Optional.of(keyValue(item, sortKey)));
    }

    private static Value keyValue(Map<String, AttributeValue> item, KeyAttribute attribute) {
        AttributeValue v = item.get(attribute.name());
        if (v == null) {
            throw new IllegalArgumentException("the item lacks its key attribute \"" + attribute.name() + "\"");
        }
        Value value = AttributeValues.fromSdk(v);
        if (value.type() != attribute.type()) {
            throw new IllegalArgumentException("key attribute \"" + attribute.name() + "\" is declared "
                    + attribute.type() + ", but the item holds " + value.type());
        }
        return value;
    }

    private static void checkType(KeyAttribute attribute, Value value, String role) {
        if (value.type() != attribute.type()) {
            throw new IllegalArgumentException(role + " key \"" + attribute.name() + "\" is declared " + attribute.type()
                    + ", but the key's " + role + " value is " + value.type());
        }
    }

    private void checkOneTypePerName() {
        Map<String, KeyAttribute> seen = new LinkedHashMap<>();
        List<KeyAttribute> all = new ArrayList<>(attributes());
        indexes.values().forEach(i -> all.addAll(i.attributes()));
        for (KeyAttribute a : all) {
            KeyAttribute before = seen.putIfAbsent(a.name(), a);
            if (before != null && before.type() != a.type()) {
                throw new IllegalArgumentException("key attribute \"" + a.name() + "\" is declared both " + before.type()
                        + " and " + a.type() + "; an attribute has one type in a table and all its indexes");
            }
        }
    }

    /**
     * Reads a table's key schema with {@code DescribeTable}: an opt-in convenience that needs the
     * {@code dynamodb:DescribeTable} permission and a call at start-up.
     *
     * @param client the client
     * @param tableName the table
     * @return the table's key schema with each GSI and LSI, and the types of their key attributes
     */
    public static KeySchema describe(DynamoDbClient client, String tableName) {
        requireNonNull(client, "client is null");
        requireNonNull(tableName, "tableName is null");
        TableDescription t = client.describeTable(b -> b.tableName(tableName)).table();
        Map<String, Value.Type> types = new LinkedHashMap<>();
        if (t.hasAttributeDefinitions()) {
            for (AttributeDefinition d : t.attributeDefinitions()) {
                types.put(d.attributeName(), type(d));
            }
        }
        KeySchema schema = from(t.keySchema(), types, tableName);
        if (t.hasGlobalSecondaryIndexes()) {
            for (var gsi : t.globalSecondaryIndexes()) {
                schema = schema.withIndex(gsi.indexName(), from(gsi.keySchema(), types, gsi.indexName()));
            }
        }
        if (t.hasLocalSecondaryIndexes()) {
            for (var lsi : t.localSecondaryIndexes()) {
                schema = schema.withIndex(lsi.indexName(), from(lsi.keySchema(), types, lsi.indexName()));
            }
        }
        return schema;
    }

    /** {@return the type of an attribute definition}, failing on a type this library does not know */
    static Value.Type type(AttributeDefinition d) {
        ScalarAttributeType type = d.attributeType();
        return switch (type) {
            case S -> Value.Type.S;
            case N -> Value.Type.N;
            case B -> Value.Type.B;
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException("attribute " + d.attributeName()
                    + " has a type unknown to this SDK version: " + d.attributeTypeAsString());
            case null -> throw new IllegalStateException("attribute " + d.attributeName() + " has no type");
            default -> throw new IllegalStateException("unexpected attribute type " + type);
        };
    }

    /** {@return the key schema of a table's or index's key schema elements}, typed by the attribute definitions */
    static KeySchema from(List<KeySchemaElement> elements, Map<String, Value.Type> types, String where) {
        KeyAttribute hash = null;
        KeyAttribute range = null;
        for (KeySchemaElement e : elements) {
            Value.Type type = types.get(e.attributeName());
            if (type == null) {
                throw new IllegalStateException(where + ": key attribute " + e.attributeName()
                        + " has no attribute definition");
            }
            KeyAttribute attribute = new KeyAttribute(e.attributeName(), type);
            KeyType keyType = e.keyType();
            switch (keyType) {
                case HASH -> hash = attribute;
                case RANGE -> range = attribute;
                case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException(where + ": key type of "
                        + e.attributeName() + " is unknown to this SDK version: " + e.keyTypeAsString());
                case null -> throw new IllegalStateException(where + ": key type of " + e.attributeName() + " is missing");
                default -> throw new IllegalStateException("unexpected key type " + keyType);
            }
        }
        if (hash == null) {
            throw new IllegalStateException(where + ": key schema has no HASH key");
        }
        return new KeySchema(hash, range, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySchema other && partitionKey.equals(other.partitionKey)
                && Objects.equals(sortKey, other.sortKey) && indexes.equals(other.indexes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitionKey, sortKey, indexes);
    }

    /** {@return the key attributes with their types, then each index's, e.g. {@code KeySchema[PK:S, SK:S; GSI1(GSI1PK:S)]}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("KeySchema[");
        appendKeys(sb);
        indexes.forEach((name, index) -> {
            sb.append("; ").append(name).append('(');
            index.appendKeys(sb);
            sb.append(')');
        });
        return sb.append(']').toString();
    }

    private void appendKeys(StringBuilder sb) {
        sb.append(partitionKey);
        if (sortKey != null) {
            sb.append(", ").append(sortKey);
        }
    }
}
