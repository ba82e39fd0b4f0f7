package dev.dynamatic.it;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table created for a test class on the server of this run.
 *
 * @param name the table name, unique to this run
 * @param spec its key schema
 */
public record TestTable(String name, TableSpec spec) {

    /** Checks for nulls. */
    public TestTable {
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
    }

    /**
     * {@return the primary key of the item with partition key {@code pk}, for a table without a sort key}
     *
     * @throws IllegalStateException if the table has a sort key
     */
    public Map<String, AttributeValue> key(String pk) {
        if (spec.sortKey().isPresent()) {
            throw new IllegalStateException(name + " has sort key " + spec.sortKey().get() + ": use key(pk, sk)");
        }
        return Map.of(spec.partitionKey(), AttributeValue.fromS(pk));
    }

    /**
     * {@return the primary key of the item with partition key {@code pk} and sort key {@code sk}}
     *
     * @throws IllegalStateException if the table has no sort key
     */
    public Map<String, AttributeValue> key(String pk, String sk) {
        String sortKey = spec.sortKey()
                .orElseThrow(() -> new IllegalStateException(name + " has no sort key: use key(pk)"));
        return Map.of(spec.partitionKey(), AttributeValue.fromS(pk), sortKey, AttributeValue.fromS(sk));
    }

    /** {@return the table's key schema as Dynamatic declares it: table keys and every index's keys} */
    public KeySchema keySchema() {
        return spec.keySchema();
    }

    /** {@return a Dynamatic {@link Table} over this table, through the given client} */
    public Table on(DynamoDbClient client) {
        return Table.of(client, name, keySchema());
    }
}
