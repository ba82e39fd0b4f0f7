package dev.dynamatic.it;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates and deletes test tables: string keys, {@code PAY_PER_REQUEST}, indexes projecting everything. */
public final class TestTables {

    /** How long {@link #create} waits for the table and its indexes to become {@code ACTIVE}. */
    public static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

    private static final int MAX_NAME_LENGTH = 255;
    private static final Projection ALL = Projection.builder().projectionType(ProjectionType.ALL).build();

    private TestTables() {
    }

    /** {@return a table name unique to this run: {@code dynamatic-it-<hint>-<random hex>}, legal in DynamoDB} */
    public static String uniqueName(String hint) {
        requireNonNull(hint, "hint is null");
        String suffix = "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        String base = ("dynamatic-it-" + hint).replaceAll("[^a-zA-Z0-9_.-]", "_");
        return base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - suffix.length())) + suffix;
    }

    /**
     * Creates table {@code name} with {@code spec} and waits until it and its indexes are {@code ACTIVE}.
     *
     * @return the created table
     */
    public static TestTable create(DynamoDbClient client, String name, TableSpec spec) {
        requireNonNull(client, "client is null");
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
        client.createTable(b -> b
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(spec.keyAttributes().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build())
                        .toList())
                .keySchema(keys(spec.partitionKey(), spec.sortKey().orElse(null)))
                .globalSecondaryIndexes(spec.globalIndexes().isEmpty() ? null : spec.globalIndexes().stream()
                        .map(gsi -> GlobalSecondaryIndex.builder()
                                .indexName(gsi.name())
                                .keySchema(keys(gsi.partitionKey(), gsi.sortKey().orElse(null)))
                                .projection(ALL)
                                .build())
                        .toList())
                .localSecondaryIndexes(spec.localIndexes().isEmpty() ? null : spec.localIndexes().stream()
                        .map(lsi -> LocalSecondaryIndex.builder()
                                .indexName(lsi.name())
                                .keySchema(keys(spec.partitionKey(), lsi.sortKey()))
                                .projection(ALL)
                                .build())
                        .toList()));
        awaitActive(client, name);
        return new TestTable(name, spec);
    }

    /** Deletes table {@code name} without waiting for the deletion to finish; a missing table is fine. */
    public static void delete(DynamoDbClient client, String name) {
        requireNonNull(client, "client is null");
        requireNonNull(name, "name is null");
        try {
            client.deleteTable(b -> b.tableName(name));
        } catch (ResourceNotFoundException e) {
            // already gone: nothing to do
        }
    }

    private static List<KeySchemaElement> keys(String pk, String sk) {
        KeySchemaElement hash = KeySchemaElement.builder().attributeName(pk).keyType(KeyType.HASH).build();
        return sk == null ? List.of(hash)
                : List.of(hash, KeySchemaElement.builder().attributeName(sk).keyType(KeyType.RANGE).build());
    }

    private static void awaitActive(DynamoDbClient client, String name) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        long pauseMillis = 20;
        while (true) {
            TableDescription table = client.describeTable(b -> b.tableName(name)).table();
            boolean active = table.tableStatus() == TableStatus.ACTIVE
                    && table.globalSecondaryIndexes().stream()
                            .map(GlobalSecondaryIndexDescription::indexStatus)
                            .allMatch(status -> status == null || status == IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("table " + name + " not ACTIVE after " + ACTIVE_TIMEOUT + ": " + table);
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + name, e);
            }
            pauseMillis = Math.min(1_000, pauseMillis * 2);
        }
    }
}
